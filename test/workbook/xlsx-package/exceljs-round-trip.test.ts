import ExcelJS from 'exceljs';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';
import { fullReportModel } from './report-model';

/** ExcelJS as an independent reader of what the package adapter writes. */
async function loadWithExcelJS(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

async function written(): Promise<ExcelJS.Workbook> {
  const pkg = XlsxPackage.create();
  pkg.addValuesSheet(
    'Pipeline',
    [
      ['Deal', 'Amount', 'Created'],
      ['D-1', 1200.5, 45292],
      ['D-2', null, 45300],
    ],
    { dateColumns: [2], widths: [10, 12, 14] },
  );
  await pkg.applyReport(fullReportModel());
  return loadWithExcelJS(pkg.toBytes());
}

describe('XlsxPackage → ExcelJS', () => {
  it('writes values, formulas with cached results, links and the future-function prefix', async () => {
    const ws = (await written()).getWorksheet('Report 2024-01')!;
    expect(ws.getCell('A1').value).toBe('Monthly report  ');
    expect(ws.getCell('B2').value).toEqual({ formula: 'SUM(B5:B7)', result: 270 });
    expect(ws.getCell('C2').value).toEqual({ formula: '_xlfn.IFS(B2>0,0.5,TRUE,0)', result: 0.5 });
    expect(ws.getCell('D2').value).toEqual({ formula: `HYPERLINK("#'Index'!B2","Index")`, result: 'Index' });
    expect(ws.getCell('A5').value).toBe('Stage 1');
    expect(ws.getCell('B6').value).toBe(90);
    expect(ws.getCell('C6').value).toEqual({ formula: 'B6/B5', result: 0.9 });
    expect(ws.getCell('A10').value).toBe('Notes');
    expect(ws.getCell('A11').value).toBe('kept by the user');
    expect(ws.getCell('B11').value).toBe(42);
  });

  it('writes number formats and the text looks', async () => {
    const ws = (await written()).getWorksheet('Report 2024-01')!;
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('B5').numFmt).toBe('#,##0');
    expect(ws.getCell('C7').numFmt).toBe('0.0%');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16, color: { argb: 'FF1F3864' } });
    expect(ws.getCell('A10').font).toMatchObject({ bold: true, size: 12 });
  });

  it('writes tables with name, range and columns', async () => {
    const wb = await written();
    const table = wb.getWorksheet('Report 2024-01')!.getTable('Funnel_2024_01') as unknown as {
      table: { tableRef: string; headerRow: boolean; columns: { name: string }[]; style: { theme: string } };
    };
    expect(table.table.tableRef).toBe('A4:C7');
    expect(table.table.headerRow).toBe(true);
    expect(table.table.columns.map((c) => c.name)).toEqual(['Stage', 'Reached', 'Conversion']);
    expect(table.table.style.theme).toBe('TableStyleMedium2');
    const index = wb.getWorksheet('Index')!.getTable('ReportIndex') as unknown as { table: { tableRef: string } };
    expect(index.table.tableRef).toBe('A1:B2');
  });

  it('writes frozen panes, column widths, conditional formats and validations', async () => {
    const wb = await written();
    const ws = wb.getWorksheet('Report 2024-01')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' });
    expect(ws.getColumn(1).width).toBe(24);
    expect(ws.getColumn(3).width).toBe(12);
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(cfs.map((cf) => [cf.ref, cf.rules[0]!.type])).toEqual([
      ['C5:C7', 'dataBar'],
      ['B5:B7', 'colorScale'],
      ['A5:A7', 'expression'],
    ]);
    expect(cfs[2]!.rules[0]!.formulae).toEqual(['$B5<50']);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
    expect(dv['D5']).toMatchObject({ type: 'list', formulae: ['"Open,Won,Lost"'] });
    expect(dv['E20']).toMatchObject({ type: 'whole', formulae: [1, 5] });
    expect(dv['F30']).toMatchObject({ type: 'list', formulae: ['$A$5:$A$7'] });
    expect(dv['G30']).toMatchObject({ type: 'date' });
    const pipeline = wb.getWorksheet('Pipeline')!;
    expect(pipeline.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(pipeline.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(pipeline.getColumn(2).width).toBe(12);
  });

  it('keeps the tab order and activates the report', async () => {
    const wb = await written();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Pipeline', 'Report 2024-01', 'Index']);
    expect((wb.views as { activeTab?: number }[])[0]?.activeTab).toBe(1);
  });
});

describe('ExcelJS → XlsxPackage', () => {
  it('reads strings, numbers, booleans, dates as serials, formula results, rich text, hyperlinks and errors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['text', 12.5, true, new Date(Date.UTC(2024, 0, 31)), { formula: 'B1*2', result: 25 }]);
    ws.addRow([
      { richText: [{ text: 'ri' }, { font: { bold: true }, text: 'ch' }] },
      { error: '#N/A' },
      null,
      { text: 'link', hyperlink: 'https://example.com' },
      { formula: 'A1&"!"', result: 'text!' },
    ]);
    ws.getCell('G4').value = '销售';
    const hidden = wb.addWorksheet('Hidden', { state: 'hidden' });
    hidden.getCell('A1').value = 1;
    const pkg = XlsxPackage.fromBytes(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(await pkg.listSheets()).toEqual([
      { name: 'Data', visible: true },
      { name: 'Hidden', visible: false },
    ]);
    expect(await pkg.readSheet('Data')).toEqual([
      ['text', 12.5, true, 45322, 25, null, null],
      ['rich', null, null, 'link', 'text!', null, null],
      [null, null, null, null, null, null, null],
      [null, null, null, null, null, null, '销售'],
    ]);
  });
});
