import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { fullReportModel } from '../workbook/xlsx-package/report-model';
import { convertWithLibreOffice, describeWithLibreOffice } from './libreoffice';

/** LibreOffice, a reader we did not write, opens what the package adapter wrote into the user-parts fixture and shows the same values. */
describeWithLibreOffice('XlsxPackage output in LibreOffice', () => {
  it('opens, keeps the user sheets and charts, and shows the report values', async () => {
    const fixture = readFileSync(path.join(__dirname, '../fixtures/user-parts.xlsx'));
    let bytes: Uint8Array = fixture;
    for (let run = 0; run < 2; run++) {
      const pkg = XlsxPackage.fromBytes(bytes);
      await pkg.applyReport(fullReportModel(5));
      bytes = pkg.toBytes();
    }
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pkg-oracle-')), 'report.xlsx');
    writeFileSync(file, bytes);
    const converted = convertWithLibreOffice(file, 'xlsx');

    const parts = Object.keys(unzipSync(readFileSync(converted)));
    // The user's chart and the two report charts all come through, as do the pivot table and the image.
    expect(parts.filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length).toBe(3);
    expect(parts.some((p) => p.startsWith('xl/pivotTables/'))).toBe(true);
    expect(parts.some((p) => p.startsWith('xl/media/'))).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(converted);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'Summary', 'Report 2024-01', 'Index']);
    const data = wb.getWorksheet('Data')!;
    expect(data.getCell('A2').value).toBe('North');
    expect(data.getCell('C7').value).toBe(1200);
    const report = wb.getWorksheet('Report 2024-01')!;
    const result = (a: string) => {
      const v = report.getCell(a).value as unknown;
      return v && typeof v === 'object' && 'result' in v ? v.result : v;
    };
    expect(report.getCell('A5').value).toBe('Stage 1');
    // Recalculated by LibreOffice (the oracle profile recalculates on load).
    expect(result('C6')).toBeCloseTo(0.9, 10);
    expect(result('B2')).toBe(270);
    expect(report.getCell('A4').value).toBe('Stage');
    expect(report.getCell('A12').value).toBe('Notes');
  });

  it('shows text exactly as written, also text that looks like an OOXML escape or a formula', async () => {
    const texts = ['looks escaped _x0041_ but is not', '=1+1', '@SUM(A1)', '\t=1', 'plain'];
    const pkg = XlsxPackage.create();
    await pkg.applyReport({ sheets: [{ name: 'Report', role: 'report', blocks: [{ kind: 'cells', row: 0, col: 0, cells: texts.map((t) => [t]) }] }] });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pkg-oracle-')), 'text.xlsx');
    writeFileSync(file, pkg.toBytes());
    const csv = readFileSync(convertWithLibreOffice(file, 'csv'), 'utf8');
    expect(
      csv
        .trim()
        .split('\n')
        .map((line) => line.replace(/^"(.*)"$/, '$1')),
    ).toEqual(texts);
  });
});
