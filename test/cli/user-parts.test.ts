import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, formulaOf, loadXlsx, tempDir, valueOf } from '../helpers/workbook-files';
import { MAY_CHANGE, userPartsWorkbook } from './user-parts-workbook';

jest.setTimeout(120_000);

/** A cell as a reader sees it: value, formula, number format and the style that shows. */
function cellDump(cell: ExcelJS.Cell): unknown {
  return {
    value: valueOf(cell),
    formula: formulaOf(cell),
    numFmt: cell.numFmt ?? null,
    font: cell.font ?? null,
    fill: cell.fill ?? null,
    alignment: cell.alignment ?? null,
    border: cell.border ?? null,
  };
}

function sheetDump(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void (cells[cell.address] = cellDump(cell))));
  const tables = Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> }).tables).map((t) => [
    t.table.name,
    t.table.tableRef,
  ]);
  return { state: ws.state, views: ws.views, columns: (ws.columns ?? []).map((c) => c.width ?? null), tables, cells };
}

const isReportSheet = (name: string) => /^Report \d{4}-\d{2}$/.test(name) || name === 'Funnel Data' || name === 'Reports';

describe('report --all on a workbook full of the user’s own objects, twice', () => {
  let input: Uint8Array;
  let first: Buffer;
  let second: Buffer;
  let runs: Awaited<ReturnType<typeof cli>>[];

  beforeAll(async () => {
    const dir = await tempDir('user-parts-');
    const file = path.join(dir, 'book.xlsx');
    input = userPartsWorkbook();
    await fs.writeFile(file, input);
    runs = [await cli('report', file, '--all', '--sheet', 'Pipeline')];
    first = await fs.readFile(file);
    runs.push(await cli('report', file, '--all', '--sheet', 'Pipeline'));
    second = await fs.readFile(file);
  });

  it('runs (exit 0 or 1: done, perhaps with data issues)', () => {
    for (const r of runs) expect({ code: r.code < 2, stderr: r.code < 2 ? '' : r.stderr }).toEqual({ code: true, stderr: '' });
    expect(runs[0]!.stdout).toMatch(/6 report tabs/);
  });

  it('keeps every part of the user’s sheets byte-identical (pipeline, chart, pivot table and cache, image, comments, drawings, shared strings)', () => {
    const before = unzipSync(input);
    for (const out of [first, second]) {
      const after = unzipSync(out);
      for (const [name, bytes] of Object.entries(before)) {
        if (MAY_CHANGE.has(name)) continue;
        expect({ name, same: after[name] !== undefined && Buffer.compare(Buffer.from(after[name]), Buffer.from(bytes)) === 0 }).toEqual({ name, same: true });
      }
    }
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['xl/charts/chart1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/media/image1.png', 'xl/comments1.xml', 'xl/worksheets/sheet3.xml']),
    );
  });

  it('keeps the workbook-level objects: the defined name, the pivot cache, the sheet order', () => {
    const workbook = strFromU8(unzipSync(second)['xl/workbook.xml']!);
    expect(workbook).toMatch(/<definedName[^>]*name="SalesRange"[^>]*>Data!\$A\$1:\$C\$7<\/definedName>/);
    expect(workbook).toContain('<pivotCache cacheId="1"');
    const sheets = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets.slice(0, 3)).toEqual(['Data', 'Summary', 'Pipeline']);
    expect(sheets.filter((s) => s!.startsWith('Report '))).toHaveLength(6);
  });

  it('writes the report charts as native chart parts (the user’s chart stays chart1)', () => {
    const parts = Object.keys(unzipSync(second));
    const charts = parts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts).toContain('xl/charts/chart1.xml');
    expect(charts.length).toBeGreaterThan(1);
    const types = strFromU8(unzipSync(second)['[Content_Types].xml']!);
    for (const c of charts) expect(types).toContain(`PartName="/${c}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
  });

  it('gives the same file on the second run: every report sheet identical, part for part', () => {
    expect(Buffer.compare(first, second)).toBe(0);
  });

  it('gives report sheets identical in values, formulas and styles as an independent reader (ExcelJS) sees them', async () => {
    const [a, b] = await Promise.all(
      [first, second].map(async (bytes) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        return wb;
      }),
    );
    const names = a!.worksheets.map((w) => w.name).filter(isReportSheet);
    expect(names).toHaveLength(8);
    expect(b!.worksheets.map((w) => w.name).filter(isReportSheet)).toEqual(names);
    let formulas = 0;
    for (const name of names) {
      const dumpA = sheetDump(a!.getWorksheet(name)!);
      expect({ name, dump: sheetDump(b!.getWorksheet(name)!) }).toEqual({ name, dump: dumpA });
      formulas += Object.values(dumpA.cells as Record<string, { formula: string | null }>).filter((c) => c.formula !== null).length;
    }
    expect(formulas).toBeGreaterThan(100);
    // The user's sheets read the same as before.
    const data = a!.getWorksheet('Data')!;
    expect([data.getCell('A2').value, data.getCell('C3').value]).toEqual(['North', 900]);
  });

  it('reads back through ExcelJS with the pipeline intact', async () => {
    const dir = await tempDir('user-parts-read-');
    const file = path.join(dir, 'out.xlsx');
    await fs.writeFile(file, second);
    const wb = await loadXlsx(file);
    const pipeline = wb.getWorksheet('Pipeline')!;
    expect(pipeline.getCell('A1').value).toBe('Deal ID');
    expect(pipeline.rowCount).toBe(601);
  });
});
