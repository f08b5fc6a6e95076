import ExcelJS from 'exceljs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { samplePipeline } from '../../src/core/sample/sample-pipeline';
import { cellXml } from '../../src/workbook/xlsx-package/worksheet-xml';
import { cli, formulaOf, loadXlsx, tempDir, writeXlsx } from '../helpers/workbook-files';

// SPEC §6 "Excel's limits hold on write", checked on the written file by ExcelJS, a reader we did not write.
jest.setTimeout(60_000);

const OWNER = `Owner ${'with a very long name '.repeat(14)}`.trim();
const ACCOUNT = `Account ${'a'.repeat(40_000)}`;

let dir: string;
let file: string;
let result: Awaited<ReturnType<typeof cli>>;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  dir = await tempDir('funnel-limits-');
  file = path.join(dir, 'long.xlsx');
  const values = samplePipeline({ deals: 300, seed: 9 });
  const header = values[0] as string[];
  const owner = header.indexOf('Owner');
  const account = header.indexOf('Account');
  for (const row of values.slice(1)) row[owner] = OWNER;
  values[1]![account] = ACCOUNT;
  await writeXlsx(file, [{ name: 'Pipeline', rows: values }]);
  result = await cli('report', file);
  wb = await loadXlsx(file);
});

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('Excel’s limits on write', () => {
  it('runs, with the long account as a data issue and the changes said', () => {
    expect(OWNER.length).toBeGreaterThan(255);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Figures written as values, not formulas');
    expect(result.stderr).toContain('Texts longer than Excel');
  });

  it('writes no cell over 32,767 characters and no formula over 8,192 or with a text over 255, in any sheet it writes', () => {
    let cells = 0;
    // The user's pipeline sheet (written by ExcelJS with the 40,008-character account) is theirs, copied as it is.
    for (const ws of wb.worksheets.filter((w) => w.name !== 'Pipeline')) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          cells++;
          const f = formulaOf(cell);
          if (f !== null) {
            expect(f.length + 1).toBeLessThanOrEqual(8_192);
            for (const m of f.matchAll(/"((?:[^"]|"")*)"/g)) expect(m[1]!.replace(/""/g, '"').length).toBeLessThanOrEqual(255);
          } else if (typeof cell.value === 'string') expect(cell.value.length).toBeLessThanOrEqual(32_767);
        }),
      );
    }
    expect(cells).toBeGreaterThan(1000);
  });

  it('cuts the account in Funnel Data to 32,767 characters and lists it as a data issue', () => {
    const data = wb.getWorksheet('Funnel Data')!;
    const cut = data.getRow(2).getCell(3).value as string;
    expect(cut).toBe(ACCOUNT.slice(0, 32_767));
    const tab = wb.getWorksheet('Data Issues')!;
    const reasons: unknown[] = [];
    tab.eachRow((row) => reasons.push(row.getCell(5).value));
    expect(reasons).toContain("Text longer than Excel's 32,767 characters a cell: cut in the report");
  });

  it('writes the long owner’s segment figures as values, and the tab says so under its title', () => {
    const tab = wb.worksheets.find((w) => w.name.startsWith('Report '))!;
    let ownerRow: ExcelJS.Row | undefined;
    tab.eachRow((row) => {
      if (row.getCell(1).value === OWNER) ownerRow ??= row;
    });
    expect(ownerRow).toBeDefined();
    const figures = [2, 3, 4].map((c) => ownerRow!.getCell(c));
    for (const cell of figures) expect(formulaOf(cell)).toBeNull();
    expect(figures.some((cell) => typeof cell.value === 'number')).toBe(true);
    expect(String(tab.getCell('A2').value)).toMatch(/\d+ figures on this tab are values, not formulas/);
  });
});

describe('the package writer’s own guard', () => {
  it('never writes a cell text over 32,767 characters or a formula over 8,192, whatever the model', () => {
    const text = cellXml('A1', 'z'.repeat(40_000), 0);
    expect(text.length).toBeLessThan(32_767 + 100);
    const formula = cellXml('B1', { formula: `SUM(${'A1,'.repeat(3000)}A1)`, value: 7 }, 3);
    expect(formula).toBe('<c r="B1" s="3"><v>7</v></c>');
  });
});
