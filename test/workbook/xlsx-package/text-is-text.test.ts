import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';

/** OWASP CSV-injection payloads, plus text that needs escaping or whitespace kept. */
const PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  '+1',
  '-2',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  '=1+1',
  '  padded  ',
  'a < b & c > "d"',
  'line\nbreak',
  "=cmd|' /C calc'!A0",
  'looks escaped _x0041_ but is not',
];

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
    // ExcelJS does not decode ST_Xstring escapes (Excel and LibreOffice do: the oracle suite checks LibreOffice), so it sees the escaped form.
    const seen = (p: string) => p.replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_');
    PAYLOADS.forEach((p, i) => expect({ p, got: ws.getCell(i + 1, 1).value }).toEqual({ p, got: seen(p) }));
  });

  it('reads back exactly the strings through its own reader', async () => {
    const values = await XlsxPackage.fromBytes(await write(PAYLOADS)).readSheet('Report');
    expect(values.map((r) => r[0])).toEqual(PAYLOADS);
  });

  it("reads Excel's own escapes (_x000D_ for a CR) as the characters they stand for", async () => {
    const pkg = XlsxPackage.fromBytes(await write(['placeholder']));
    const bytes = unzipSync(pkg.toBytes());
    const xml = strFromU8(bytes['xl/worksheets/sheet1.xml']!).replace(/<is>.*?<\/is>/, '<is><t>_x000D_=1+1 and _x005F_x0041_</t></is>');
    const { zipSync, strToU8 } = await import('fflate');
    const values = await XlsxPackage.fromBytes(zipSync({ ...bytes, 'xl/worksheets/sheet1.xml': strToU8(xml) })).readSheet('Report');
    expect(values).toEqual([['\r=1+1 and _x0041_']]);
  });

  it('drops characters XML 1.0 cannot carry instead of writing a broken part', async () => {
    const values = await XlsxPackage.fromBytes(await write(['bell\u0007 nul\u0000 ok'])).readSheet('Report');
    expect(values).toEqual([['bell nul ok']]);
  });
});
