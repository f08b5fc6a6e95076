import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { USER_PARTS_FIXTURE, userPartsWorkbook } from '../cli/user-parts-workbook';
import { cli, formulaOf, loadXlsx, tempDir, valueOf } from '../helpers/workbook-files';
import { convertWithLibreOffice, describeWithLibreOffice } from './libreoffice';

/** Every cell of a sheet as shown: formulas as their (cached or recalculated) results. */
function shownCells(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const cells = new Map<string, unknown>();
  ws.eachRow((row) => row.eachCell((cell) => void cells.set(cell.address, valueOf(cell))));
  return cells;
}

/** LibreOffice, a reader we did not write, opens what `report --all` wrote twice into the user-parts workbook. */
describeWithLibreOffice('the CLI on a workbook with the user’s chart, pivot table, image and comments, in LibreOffice', () => {
  let file: string;
  let ours: ExcelJS.Workbook;
  let theirs: ExcelJS.Workbook;
  let convertedParts: string[];

  beforeAll(async () => {
    const dir = await tempDir('cli-user-parts-oracle-');
    file = path.join(dir, 'book.xlsx');
    await fs.writeFile(file, userPartsWorkbook());
    for (let run = 0; run < 2; run++) expect((await cli('report', file, '--all', '--sheet', 'Pipeline')).code).toBeLessThan(2);
    ours = await loadXlsx(file);
    const converted = convertWithLibreOffice(file, 'xlsx');
    convertedParts = Object.keys(unzipSync(readFileSync(converted)));
    theirs = await loadXlsx(converted);
  });

  it('opens with every sheet, and the user’s chart, pivot table and image come through beside the report charts', () => {
    expect(theirs.worksheets.map((w) => w.name)).toEqual(ours.worksheets.map((w) => w.name));
    const originalCharts = Object.keys(unzipSync(USER_PARTS_FIXTURE)).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length;
    expect(convertedParts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length).toBeGreaterThan(originalCharts);
    expect(convertedParts.some((p) => p.startsWith('xl/pivotTables/'))).toBe(true);
    expect(convertedParts.some((p) => p.startsWith('xl/media/'))).toBe(true);
  });

  it('shows the user’s sheets and the pipeline with the same values', () => {
    for (const name of ['Data', 'Summary', 'Pipeline']) {
      const mine = shownCells(ours.getWorksheet(name)!);
      const lo = shownCells(theirs.getWorksheet(name)!);
      for (const [address, value] of mine) {
        const got = lo.get(address) ?? null;
        if (typeof value === 'number' && typeof got === 'number')
          expect({ name, address, close: Math.abs(value - got) < 1e-9 }).toEqual({ name, address, close: true });
        else if (value instanceof Date)
          expect({ name, address, value: got instanceof Date ? got.getTime() : got }).toEqual({ name, address, value: value.getTime() });
        else expect({ name, address, value: got }).toEqual({ name, address, value });
      }
    }
  });

  it('recalculates every formula of the report tabs to the value the engine wrote', () => {
    let checked = 0;
    for (const ws of ours.worksheets.filter((w) => /^Report \d{4}-\d{2}$/.test(w.name) || w.name === 'Reports')) {
      const lo = theirs.getWorksheet(ws.name)!;
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (formulaOf(cell) === null) return;
          const got = valueOf(lo.getCell(cell.address));
          // ExcelJS reads a cached 0 back as no result, on both sides; an empty text result stays ''.
          const cached = valueOf(cell) ?? (got === 0 || got == null ? 0 : null);
          const value = got ?? 0;
          if (typeof value === 'number' && typeof cached === 'number')
            expect({ sheet: ws.name, at: cell.address, close: Math.abs(value - cached) < 1e-9 }).toEqual({ sheet: ws.name, at: cell.address, close: true });
          else {
            const same = cached === '' || cached === null ? got === null || got === '' : got === cached;
            expect({ sheet: ws.name, at: cell.address, value: same ? 'ok' : got }).toEqual({ sheet: ws.name, at: cell.address, value: 'ok' });
          }
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(300);
  });
});
