import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';

/** OWASP CSV-injection payloads, plus text that needs escaping or whitespace kept. */
const PAYLOADS = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1', '=1+1', '  padded  ', 'a < b & c > "d"', 'line\nbreak', '=cmd|\' /C calc\'!A0'];

async function write(values: string[]): Promise<Uint8Array> {
  const pkg = XlsxPackage.create();
  await pkg.applyReport({ sheets: [{ name: 'Report', role: 'report', blocks: [{ kind: 'cells', row: 0, col: 0, cells: values.map((v) => [v]) }] }] });
  return pkg.toBytes();
}

describe('text is text', () => {
  it('writes formula-injection payloads as inline strings with no <f>', async () => {
    const xml = strFromU8(unzipSync(await write(PAYLOADS))['xl/worksheets/sheet1.xml']!);
    expect(xml).not.toContain('<f>');
    expect(xml.match(/t="inlineStr"/g)).toHaveLength(PAYLOADS.length);
  });

  it('reads back exactly the strings through ExcelJS', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await write(PAYLOADS)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Report')!;
    PAYLOADS.forEach((p, i) => expect({ p, got: ws.getCell(i + 1, 1).value }).toEqual({ p, got: p }));
  });

  it('reads back exactly the strings through its own reader', async () => {
    const values = await XlsxPackage.fromBytes(await write(PAYLOADS)).readSheet('Report');
    expect(values.map((r) => r[0])).toEqual(PAYLOADS);
  });

  it('drops characters XML 1.0 cannot carry instead of writing a broken part', async () => {
    const values = await XlsxPackage.fromBytes(await write(['bell\u0007 nul\u0000 ok'])).readSheet('Report');
    expect(values).toEqual([['bell nul ok']]);
  });
});
