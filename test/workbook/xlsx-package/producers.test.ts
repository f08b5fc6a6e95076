import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';
import { SheetScanner } from '../../../src/workbook/xlsx-package/sheet-scanner';
import { xmlProblems } from '../../helpers/xml-check';
import { fullReportModel } from './report-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../../helpers/workbook-files';

/**
 * Packages as other producers write them (openpyxl, the Open XML SDK,
 * Strict OOXML, macro-enabled, 1904 dates, mixed-case part names), built
 * here from their XML so each test shows the one trait it is about.
 */
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'http://schemas.openxmlformats.org/package/2006/content-types';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

interface Spec {
  workbook: string;
  workbookRels?: string;
  contentTypes?: string;
  styles?: string;
  parts?: Record<string, string | Uint8Array>;
  /** The workbook part's name. */
  workbookPart?: string;
}

function pkg(spec: Spec): Uint8Array {
  const wbPart = spec.workbookPart ?? 'xl/workbook.xml';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      spec.contentTypes ??
        `${DECL}<Types xmlns="${CT}"><Default Extension="rels" ` +
          `ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ` +
          `ContentType="application/xml"/>` +
          `<Override PartName="/${wbPart}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
          `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(`${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="${wbPart}"/></Relationships>`),
    [wbPart]: strToU8(spec.workbook),
    [wbPart.replace(/([^/]+)$/, '_rels/$1.rels')]: strToU8(
      spec.workbookRels ??
        `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/worksheet" ` +
          `Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>` +
          `</Relationships>`,
    ),
  };
  if (spec.styles !== undefined) files['xl/styles.xml'] = strToU8(spec.styles);
  for (const [name, content] of Object.entries(spec.parts ?? {})) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}

const SHEET = `${DECL}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Deal</t></is></c></row></sheetData></worksheet>`;
const STYLES =
  `${DECL}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2">` +
  `<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1">` +
  `<border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs ` +
  `count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

async function withReport(bytes: Uint8Array): Promise<Uint8Array> {
  const book = XlsxPackage.fromBytes(bytes);
  await book.applyReport(fullReportModel(3));
  await book.writeSettings({ version: 1, pipelineSheet: 'Data' });
  return book.toBytes();
}

/** Every part that changed is namespace-well-formed (saxes), and every part that did not is byte-identical. */
function expectSound(before: Uint8Array, after: Uint8Array): Record<string, string> {
  const a = unzipSync(before);
  const b = unzipSync(after);
  const byKey = new Map(Object.keys(b).map((n) => [n.toLowerCase(), n]));
  const texts: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(b)) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    texts[name] = strFromU8(bytes);
    expect({ name, problems: xmlProblems(texts[name]) }).toEqual({ name, problems: [] });
  }
  for (const name of Object.keys(a)) expect({ name, kept: byKey.has(name.toLowerCase()) }).toEqual({ name, kept: true });
  return texts;
}

function sheetNames(workbookXml: string): string[] {
  return [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]!);
}

describe('workbooks from other producers', () => {
  it('openpyxl: xmlns:r declared on each <sheet>, not the root, gets new sheets with a bound r:id', async () => {
    const workbook =
      `${DECL}<workbook xmlns="${MAIN}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets><sheet xmlns:r="${R}" name="Data" ` +
      `sheetId="1" state="visible" r:id="rId1"/></sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`;
    const before = pkg({ workbook, styles: STYLES, parts: { 'xl/worksheets/sheet1.xml': SHEET } });
    const after = await withReport(before);
    const texts = expectSound(before, after);
    expect(sheetNames(texts['xl/workbook.xml']!)).toEqual(['Data', 'Report 2024-01', 'Index', '_FunnelReporterSettings']);
    // The new sheets sit inside <sheets>, before what follows it.
    expect(texts['xl/workbook.xml']!.indexOf('_FunnelReporterSettings')).toBeLessThan(texts['xl/workbook.xml']!.indexOf('<definedNames/>'));
    const reread = XlsxPackage.fromBytes(after);
    expect((await reread.listSheets()).map((s) => s.name)).toEqual(['Data', 'Report 2024-01', 'Index']);
    expect((await reread.readSheet('Data'))[0]).toEqual(['Deal']);
  });

  it('Open XML SDK / ClosedXML: x:-prefixed workbook, styles, sheets and shared strings are read and written in x:', async () => {
    const X = `xmlns:x="${MAIN}"`;
    const workbook =
      `${DECL}<x:workbook xmlns:r="${R}" ${X}><x:bookViews><x:workbookView/></x:bookViews><x:sheets>` +
      `<x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`;
    const styles =
      `${DECL}<x:styleSheet ${X}><x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts><x:fills count="2"><x:fill>` +
      `<x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills><x:borders count="1">` +
      `<x:border/></x:borders><x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs><x:cellXfs ` +
      `count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></x:cellXfs></x:styleSheet>`;
    const sheet =
      `${DECL}<x:worksheet ${X}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>` +
      `<x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const sst = `${DECL}<x:sst ${X} count="1" uniqueCount="1"><x:si><x:t>Deal</x:t></x:si></x:sst>`;
    const rels =
      `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" ` +
      `Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
    const before = pkg({ workbook, workbookRels: rels, styles, parts: { 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': sst } });
    const reader = XlsxPackage.fromBytes(before);
    expect(await reader.readSheet('Data')).toEqual([['Deal', 7]]);
    const after = await withReport(before);
    const texts = expectSound(before, after);
    const wb = texts['xl/workbook.xml']!;
    expect(wb).toMatch(/<x:sheet name="Report 2024-01" sheetId="2" r:id="rId\d+"\/>/);
    expect(wb).not.toMatch(/<sheet\b/);
    const st = texts['xl/styles.xml']!;
    // numFmts first, in x:, and no unprefixed element anywhere in the part.
    expect(st).toMatch(/^<\?xml[^>]*>\n<x:styleSheet [^>]*><x:numFmts count="\d+"><x:numFmt /);
    expect(st).not.toMatch(/<\/?(?!x:)[a-zA-Z]+[\s/>]/);
    expect(st.indexOf('<x:dxfs')).toBeGreaterThan(st.indexOf('</x:cellXfs>'));
  });

  it('mc:AlternateContent and extLst in styles.xml stay whole and new lists go where the schema puts them', async () => {
    const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
    const alt =
      `<mc:AlternateContent xmlns:mc="${MC}"><mc:Choice Requires="x14"><x14:x xmlns:x14="urn:x14"><numFmts/>` +
      `</x14:x></mc:Choice><mc:Fallback><fonts/></mc:Fallback></mc:AlternateContent>`;
    const ext = `<extLst><ext uri="{X}"><x14:slicerStyles xmlns:x14="urn:x14" defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst>`;
    const styles =
      `${DECL}<!-- made by hand --><styleSheet xmlns="${MAIN}">${alt}<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills ` +
      `count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/>` +
      `</borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>${ext}</styleSheet>`;
    const workbook = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const before = pkg({ workbook, styles, parts: { 'xl/worksheets/sheet1.xml': SHEET } });
    const st = expectSound(before, await withReport(before))['xl/styles.xml']!;
    expect(st).toContain(alt);
    expect(st).toContain(ext);
    expect(st).toContain('<!-- made by hand -->');
    expect(st.indexOf('<dxfs')).toBeGreaterThan(st.indexOf('</cellXfs>'));
    expect(st.indexOf('<dxfs')).toBeLessThan(st.indexOf('<extLst>'));
    expect(st.indexOf('<numFmts')).toBeLessThan(st.indexOf('<fonts count'));
  });

  it('part names are case-insensitive: Sheet1.xml with its chart keeps its rels, and new parts never collide', async () => {
    const workbook = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels =
      `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/worksheet" ` +
      `Target="worksheets/Sheet1.xml"/><Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/>` +
      `</Relationships>`;
    const sheetRels = `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/drawing" Target="../drawings/Drawing1.xml"/></Relationships>`;
    const userChart = `${DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>`;
    const before = pkg({
      workbook,
      workbookRels: rels,
      styles: STYLES,
      contentTypes:
        `${DECL}<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ` +
        `ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override ` +
        `PartName="/xl/worksheets/Sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/charts/Chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>` +
        `</Types>`,
      parts: {
        'xl/worksheets/Sheet1.xml': SHEET.replace('</sheetData>', '</sheetData><drawing r:id="rId1" xmlns:r="' + R + '"/>'),
        'xl/worksheets/_rels/Sheet1.xml.rels': sheetRels,
        'xl/drawings/Drawing1.xml': `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>`,
        'xl/drawings/_rels/Drawing1.xml.rels':
          `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" ` + `Type="${R}/chart" Target="../charts/Chart1.xml"/></Relationships>`,
        'xl/charts/Chart1.xml': userChart,
      },
    });
    const after = await withReport(before);
    expectSound(before, after);
    const files = unzipSync(after);
    const names = Object.keys(files);
    const lower = names.map((n) => n.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    for (const n of ['xl/worksheets/Sheet1.xml', 'xl/worksheets/_rels/Sheet1.xml.rels', 'xl/drawings/Drawing1.xml', 'xl/charts/Chart1.xml']) {
      expect(Buffer.compare(Buffer.from(files[n]!), Buffer.from(unzipSync(before)[n]!))).toBe(0);
    }
    expect(names).not.toContain('xl/worksheets/sheet1.xml');
    expect(names).not.toContain('xl/charts/chart1.xml');
    expect(names).not.toContain('xl/drawings/drawing1.xml');
    // The user's sheet is still read through the rels' spelling.
    expect((await XlsxPackage.fromBytes(after).readSheet('Data'))[0]).toEqual(['Deal']);
  });

  it('.xlsm: the VBA project and the macro-enabled content type stay as they are', async () => {
    const vba = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]);
    const workbook = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels =
      `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId3" ` +
      `Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`;
    const types =
      `${DECL}<Types xmlns="${CT}"><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels" ` +
      `ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`;
    const before = pkg({
      workbook,
      workbookRels: rels,
      contentTypes: types,
      styles: STYLES,
      parts: { 'xl/worksheets/sheet1.xml': SHEET, 'xl/vbaProject.bin': vba },
    });
    const texts = expectSound(before, await withReport(before));
    expect(texts['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
    );
    expect(texts['xl/_rels/workbook.xml.rels']).toContain('Target="vbaProject.bin"');
  });

  it('.xlsm through the CLI: the risk register is written into it and it stays a macro-enabled workbook', async () => {
    const workbook = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels =
      `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId3" ` +
      `Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`;
    const types =
      `${DECL}<Types xmlns="${CT}"><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="rels" ` +
      `ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`;
    const vba = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 9, 8, 7]);
    const file = path.join(await tempDir('xlsm-'), 'book.xlsm');
    await fs.writeFile(
      file,
      pkg({ workbook, workbookRels: rels, contentTypes: types, styles: STYLES, parts: { 'xl/worksheets/sheet1.xml': SHEET, 'xl/vbaProject.bin': vba } }),
    );
    const run = await cli('risks', file, '--starter');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = unzipSync(await fs.readFile(file));
    expect(Buffer.compare(Buffer.from(after['xl/vbaProject.bin']!), Buffer.from(vba))).toBe(0);
    expect(strFromU8(after['[Content_Types].xml']!)).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    expect(sheetNames(strFromU8(after['xl/workbook.xml']!))).toContain('Risk Register');
  });

  const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
  const STRICT_R = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
  const strictBook = () =>
    zipSync({
      '[Content_Types].xml': strToU8(
        `${DECL}<Types xmlns="${CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ` +
          `ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      ),
      '_rels/.rels': strToU8(
        `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${STRICT_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `${DECL}<workbook xmlns="${STRICT_MAIN}" xmlns:r="${STRICT_R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${STRICT_R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `${DECL}<worksheet xmlns="${STRICT_MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>` +
          `<t>Deal</t></is></c><c r="B1"><v>3</v></c></row></sheetData></worksheet>`,
      ),
    });

  it('Strict OOXML is read', async () => {
    const book = XlsxPackage.fromBytes(strictBook());
    expect((await book.listSheets()).map((s) => s.name)).toEqual(['Data']);
    expect(await book.readSheet('Data')).toEqual([['Deal', 3]]);
  });

  it('Strict OOXML is written in Strict: every part we add or change names only Strict namespaces and relationship types', async () => {
    const before = strictBook();
    const after = await withReport(before);
    const texts = expectSound(before, after);
    const old = unzipSync(before);
    for (const [name, xml] of Object.entries(texts)) {
      if (old[name] && strFromU8(old[name]) === xml) continue;
      expect({ name, transitional: /schemas\.openxmlformats\.org\/(spreadsheetml|officeDocument|drawingml)\//.test(xml) }).toEqual({
        name,
        transitional: false,
      });
    }
    expect(texts['xl/_rels/workbook.xml.rels']).toContain(`Type="${STRICT_R}/worksheet"`);
    const reread = XlsxPackage.fromBytes(after);
    expect((await reread.listSheets()).map((s) => s.name)).toEqual(['Data', 'Report 2024-01', 'Index']);
    expect((await reread.readSheet('Report 2024-01'))[0]![0]).toBe('Monthly report  ');
    expect(await reread.readSheet('Data')).toEqual([['Deal', 3]]);
  });

  it('the 1904 date system shifts date cells by 1462 days, and only date cells', async () => {
    const workbook =
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr date1904="1"/>` + `<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const styles = STYLES.replace('<fonts', '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts').replace(
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>',
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" ' +
        'applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
    );
    // 43830 in the 1904 system is 2024-01-01 (45292 in the 1900 system).
    const sheet =
      `${DECL}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" s="1"><v>43830</v></c><c r="B1" s="2"><v>43830</v>` +
      `</c><c r="C1"><v>43830</v></c><c r="D1" t="d"><v>2024-01-01</v></c></row></sheetData></worksheet>`;
    const before = pkg({ workbook, styles, parts: { 'xl/worksheets/sheet1.xml': sheet } });
    expect(await XlsxPackage.fromBytes(before).readSheet('Data')).toEqual([[45292, 45292, 43830, 45292]]);
    // date1904="true" is the same.
    const trueForm = pkg({ workbook: workbook.replace('date1904="1"', 'date1904="true"'), styles, parts: { 'xl/worksheets/sheet1.xml': sheet } });
    expect((await XlsxPackage.fromBytes(trueForm).readSheet('Data'))[0]![0]).toBe(45292);
  });

  it('the sheet scanner copies each byte a bounded number of times, however the part is cut into chunks', () => {
    const whitespace = new Uint8Array(1 << 20).fill(0x20);
    const scanner = new SheetScanner([]);
    scanner.push(strToU8(`<worksheet xmlns="${MAIN}"><sheetData><row r="1">`));
    for (let k = 0; k < 64; k++) scanner.push(whitespace);
    // One cell spread over many chunks.
    scanner.push(strToU8('<c r="A1" t="inlineStr"><is><t>'));
    for (let k = 0; k < 64; k++) scanner.push(strToU8('x'.repeat(16 * 1024)));
    scanner.push(strToU8('</t></is></c></row></sheetData></worksheet>'));
    const rows = scanner.end();
    expect((rows[0]![0] as string).length).toBe(64 * 16 * 1024);
    // Quadratic buffering copies ~ n²/chunk bytes (here > 2 GB); a linear reader a small multiple of the 65 MB.
    expect(scanner.bytesCopied).toBeLessThan(4 * 65 * (1 << 20));
  });

  it('a <c> in another namespace inside sheetData is not a cell', async () => {
    const sheet =
      `${DECL}<x:worksheet xmlns:x="${MAIN}" xmlns:o="urn:other"><x:sheetData><x:row r="1"><x:c r="A1">` +
      `<x:v>1</x:v></x:c><o:c r="B1"><o:v>2</o:v></o:c></x:row></x:sheetData></x:worksheet>`;
    const workbook = `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    expect(await XlsxPackage.fromBytes(pkg({ workbook, styles: STYLES, parts: { 'xl/worksheets/sheet1.xml': sheet } })).readSheet('Data')).toEqual([[1]]);
  });
});
