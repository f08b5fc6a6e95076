import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { cli, loadXlsx, rowStartingWith, tempDir } from '../helpers/workbook-files';
import { dataFile, describeWithData } from './shared-data';

/* Issue #16 on the CRM sample: the report tab is an analysis, not a dump (SPEC §7). */

const CSV = () => dataFile('crm-sales-opportunities', 'sales_pipeline.csv');

describeWithData('the CRM report tab (../shared/data)', () => {
  let wb: ExcelJS.Workbook;
  let json: { issues: unknown[]; tiers: unknown[]; costRate: number | null };

  beforeAll(async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'crm.xlsx');
    const r = await cli('report', CSV(), '--stages', 'Prospecting,Engaging', '--month', '2017-12', '--out', out, '--json', path.join(dir, 'crm.json'));
    expect(r.code).toBe(1);
    wb = await loadXlsx(out);
    json = JSON.parse(await fs.readFile(path.join(dir, 'crm.json'), 'utf8'));
  }, 120_000);

  it('has at most 300 rows', () => {
    expect(wb.getWorksheet('Report 2017-12')!.rowCount).toBeLessThanOrEqual(300);
  });

  it('puts every data issue on the Data Issues sheet and counts them by reason on the tab, with a link', () => {
    expect(json.issues.length).toBe(2973);
    const issues = wb.getWorksheet('Data Issues')!;
    const header = rowStartingWith(issues, 'Row');
    expect(issues.rowCount - header).toBe(json.issues.length);
    const tab = wb.getWorksheet('Report 2017-12')!;
    const summary = rowStartingWith(tab, 'Reason');
    let total = 0;
    for (let r = summary + 1; typeof tab.getCell(r, 2).value === 'number'; r++) total += tab.getCell(r, 2).value as number;
    expect(total).toBe(json.issues.length);
    const links: string[] = [];
    tab.eachRow((row) => {
      const v = row.getCell(1).value as { formula?: string } | null;
      if (v && typeof v === 'object' && v.formula?.startsWith('HYPERLINK')) links.push(v.formula);
    });
    expect(links.some((f) => f.includes("#'Data Issues'!A1"))).toBe(true);
    expect(links.some((f) => f.includes("#'Tiers 2017-12'!A1"))).toBe(true);
  });

  it('lists every ranked account on the tiers sheet and only the top ten on the tab', () => {
    const sheet = wb.getWorksheet('Tiers 2017-12')!;
    const header = rowStartingWith(sheet, 'Account');
    expect(sheet.rowCount - header).toBe(json.tiers.length);
    const tab = wb.getWorksheet('Report 2017-12')!;
    const top = rowStartingWith(tab, 'Account');
    expect(tab.getCell(top + 10, 3).value).toMatch(/^[ABC]$/);
    expect(tab.getCell(top + 11, 3).value).toBeNull();
  });
});

describeWithData('empty, not zero, on the CRM sample (no cost column, no targets)', () => {
  it('leaves cost and cost rate empty on the tab and in the JSON, with a note saying what to add', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'crm.xlsx');
    await cli('report', CSV(), '--stages', 'Prospecting,Engaging', '--month', '2017-12', '--out', out, '--json', path.join(dir, 'crm.json'));
    const json = JSON.parse(await fs.readFile(path.join(dir, 'crm.json'), 'utf8'));
    expect(json.cost).toBeNull();
    expect(json.costRate).toBeNull();
    const tab = (await loadXlsx(out)).getWorksheet('Report 2017-12')!;
    for (const label of ['Cost', 'Cost rate']) {
      const row = tab.getRow(rowStartingWith(tab, label));
      const cell = row.getCell(2).value as { result?: unknown } | null;
      const shown = cell && typeof cell === 'object' ? cell.result : cell;
      expect(shown === '' || shown === null || shown === undefined).toBe(true);
    }
    const texts: string[] = [];
    tab.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts.some((t) => t.startsWith('Cost and cost rate are empty: the pipeline has no cost column'))).toBe(true);
    // No segment row shows a cost rate of 0.
    const owner = rowStartingWith(tab, 'Owner');
    const costCol = (tab.getRow(owner).values as unknown[]).indexOf('Closed: cost rate');
    expect(costCol).toBeGreaterThan(0);
    const v = tab.getCell(owner + 1, costCol).value as { result?: unknown };
    expect(v.result === '' || v.result === undefined).toBe(true);
  }, 120_000);
});
