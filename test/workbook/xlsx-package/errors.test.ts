import { strToU8, zipSync } from 'fflate';
import { WorkbookError } from '../../../src/workbook/port';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof WorkbookError ? e.code : `not a WorkbookError: ${String(e)}`;
  }
}

describe('XlsxPackage errors', () => {
  it('refuses what is not a zip, a broken zip and a zip that is not a workbook', () => {
    expect(codeOf(() => XlsxPackage.fromBytes(strToU8('id,amount\n1,2\n')))).toBe('notAWorkbook');
    expect(codeOf(() => XlsxPackage.fromBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0])))).toBe('notAWorkbook');
    const docx = zipSync({
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ' +
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
          'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
          '</Relationships>',
      ),
      'word/document.xml': strToU8('<w:document/>'),
    });
    expect(codeOf(() => XlsxPackage.fromBytes(docx))).toBe('notAWorkbook');
    expect(codeOf(() => XlsxPackage.fromBytes(zipSync({ 'a.txt': strToU8('a') })))).toBe('notAWorkbook');
  });

  it('reports an OLE compound file (encrypted .xlsx or old .xls) as password-protected', () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(codeOf(() => XlsxPackage.fromBytes(ole))).toBe('passwordProtected');
  });

  it('reports an unknown sheet', async () => {
    const pkg = XlsxPackage.create();
    pkg.addValuesSheet('Data', [['a']]);
    await expect(pkg.readSheet('Nope')).rejects.toMatchObject({ code: 'sheetNotFound' });
  });

  it('refuses a sheet name Excel would not accept', async () => {
    const pkg = XlsxPackage.create();
    for (const name of ['', 'a/b', 'x'.repeat(32), "'quoted'"]) {
      await expect(pkg.applyReport({ sheets: [{ name, role: 'report', blocks: [] }] })).rejects.toMatchObject({ code: 'writeFailed' });
    }
    expect(await pkg.listSheets()).toEqual([]);
  });

  it('writes all or nothing: a failed report leaves the workbook as it was', async () => {
    const pkg = XlsxPackage.create();
    pkg.addValuesSheet('Data', [['a']]);
    const before = pkg.toBytes();
    const table = { kind: 'table' as const, name: 'Same', row: 0, col: 0, style: 'TableStyleLight1', columns: [{ header: 'x' }], rows: [] };
    const model = {
      sheets: [
        { name: 'R1', role: 'report' as const, blocks: [table] },
        { name: 'R2', role: 'report' as const, blocks: [table] },
      ],
    };
    await expect(pkg.applyReport(model)).rejects.toMatchObject({ code: 'writeFailed' });
    expect(Buffer.compare(Buffer.from(pkg.toBytes()), Buffer.from(before))).toBe(0);
    expect(await pkg.listSheets()).toEqual([{ name: 'Data', visible: true }]);
  });
});
