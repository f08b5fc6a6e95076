import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../helpers/workbook-files';
import { parseXml, readPackage, type PackageParts } from '../helpers/package-parts';

// A whole workbook is written and read back: room on a busy 2-core machine.
jest.setTimeout(60_000);

type Node = Record<string, unknown>;

/* SPEC §7 "Printable", checked on the XML the CLI writes (ECMA-376 Part 1 §18.3.1.63 pageSetup, §18.3.1.65 pageSetUpPr, §18.2.5 definedName). */
describe('report tab print setup', () => {
  let pkg: PackageParts;
  let sheet: Node;

  beforeAll(async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'print.xlsx');
    expect((await cli('sample', file, '--deals', '600', '--seed', '3')).code).toBe(0);
    expect((await cli('report', file, '--month', '2026-03')).code).toBeLessThan(2);
    pkg = readPackage(file);
    sheet = parseXml(pkg.sheetXml('Report 2026-03')).worksheet as Node;
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('prints landscape, one page wide and as many pages tall as it needs', () => {
    const setup = sheet.pageSetup as Node;
    expect(setup['@orientation']).toBe('landscape');
    expect(setup['@fitToWidth']).toBe('1');
    expect(setup['@fitToHeight']).toBe('0');
    // Without fitToPage Excel ignores fitToWidth.
    expect(((sheet.sheetPr as Node).pageSetUpPr as Node)['@fitToPage']).toBe('1');
  });

  it('repeats the title rows on every page (a _xlnm.Print_Titles name for the sheet)', () => {
    const index = pkg.sheetNames().indexOf('Report 2026-03');
    const names = ((pkg.workbook.workbook as Node).definedNames as Node).definedName as Node[];
    const titles = names.filter((n) => n['@name'] === '_xlnm.Print_Titles' && n['@localSheetId'] === String(index));
    expect(titles.map((n) => n['#text'])).toEqual(["'Report 2026-03'!$1:$2"]);
  });

  it('breaks pages between sections and puts the month and page number in the footer', () => {
    const breaks = ((sheet.rowBreaks as Node).brk as Node[]).map((b) => Number(b['@id']));
    expect(breaks.length).toBeGreaterThanOrEqual(3);
    expect([...breaks].sort((a, b) => a - b)).toEqual(breaks);
    const footer = String((sheet.headerFooter as Node).oddFooter);
    expect(footer).toContain('2026-03');
    expect(footer).toContain('&P');
  });

  it('keeps one print-titles name per sheet when the month is regenerated', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'again.xlsx');
    expect((await cli('sample', file, '--deals', '300', '--seed', '4')).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await cli('report', file, '--month', '2026-03')).code).toBeLessThan(2);
    const names = ((readPackage(file).workbook.workbook as Node).definedNames as Node).definedName as Node[];
    const titles = names.filter((n) => n['@name'] === '_xlnm.Print_Titles').map((n) => n['@localSheetId']);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
