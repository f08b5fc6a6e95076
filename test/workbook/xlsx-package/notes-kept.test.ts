import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { t } from '../../../src/core/i18n';
import { carryNotes, shiftFormula } from '../../../src/workbook/xlsx-package/notes-region';
import { cli, formulaOf, loadXlsx, rowStartingWith, tempDir } from '../../helpers/workbook-files';

// SPEC §6: "Notes are kept cell for cell: values, formulas (as formulas), number formats, fonts, fills, merged cells and hyperlinks".
jest.setTimeout(120_000);

const NOTES = t('en-US', 'report.notes');
const LINK = 'https://example.com/wiki?page=pipeline&tab=2';

let dir: string;
let file: string;
let tab: string;

/** What the user adds below the Notes heading at row `h`, in a spreadsheet program (here ExcelJS, which rewrites the whole package as Excel does). */
async function addNotes(): Promise<void> {
  const wb = await loadXlsx(file);
  const ws = wb.getWorksheet(tab)!;
  const h = rowStartingWith(ws, NOTES);
  ws.getCell(h + 1, 1).value = 'Pipeline review';
  ws.getCell(h + 1, 1).font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getCell(h + 2, 1).value = 1234.5;
  ws.getCell(h + 2, 1).numFmt = '#,##0.00 "EUR"';
  ws.getCell(h + 2, 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell(h + 2, 2).value = { formula: `A${h + 2}*2`, result: 2469 };
  ws.getCell(h + 2, 3).value = { formula: `$A$${h + 2}+B${h + 2}`, result: 3703.5 };
  ws.getCell(h + 3, 1).value = 'Merged across three columns';
  ws.mergeCells(h + 3, 1, h + 3, 3);
  ws.getCell(h + 4, 1).value = { text: 'Team wiki', hyperlink: LINK };
  ws.getRow(h + 5).height = 40;
  ws.getCell(h + 5, 1).value = 'Tall row';
  await wb.xlsx.writeFile(file);
}

/** The Notes as ExcelJS reads them back after a run, from the heading's row on. */
function notesSeen(wb: ExcelJS.Workbook) {
  const ws = wb.getWorksheet(tab)!;
  const h = rowStartingWith(ws, NOTES);
  const cell = (r: number, c: number) => ws.getCell(h + r, c);
  return {
    h,
    bold: cell(1, 1).font?.bold === true && cell(1, 1).value === 'Pipeline review',
    color: cell(1, 1).font?.color?.argb,
    number: cell(2, 1).value,
    numFmt: cell(2, 1).numFmt,
    fill: (cell(2, 1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb,
    formula: formulaOf(cell(2, 2)),
    absolute: formulaOf(cell(2, 3)),
    merged: (ws.model as unknown as { merges: string[] }).merges,
    link: (cell(4, 1).value as { hyperlink?: string } | null)?.hyperlink,
    linkText: (cell(4, 1).value as { text?: string } | null)?.text,
    height: ws.getRow(h + 5).height,
  };
}

function expectAllKept(seen: ReturnType<typeof notesSeen>): void {
  const { h } = seen;
  expect(seen).toEqual({
    h,
    bold: true,
    color: 'FFC00000',
    number: 1234.5,
    numFmt: '#,##0.00 "EUR"',
    fill: 'FFFFFF00',
    formula: `A${h + 2}*2`,
    absolute: `$A$${h + 2}+B${h + 2}`,
    merged: expect.arrayContaining([`A${h + 3}:C${h + 3}`]),
    link: LINK,
    linkText: 'Team wiki',
    height: 40,
  });
}

/** Every changed part of the report tab parses as XML; the link's relationship is external. */
async function expectSoundParts(): Promise<void> {
  const parts = unzipSync(await fs.readFile(file));
  for (const [name, bytes] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    expect({ name, valid: XMLValidator.validate(new TextDecoder().decode(bytes)) }).toEqual({ name, valid: true });
  }
  const rels = Object.entries(parts).filter(([name]) => /worksheets\/_rels\//.test(name)).map(([, b]) => new TextDecoder().decode(b));
  expect(rels.some((xml) => xml.includes(`Target="${LINK.replace(/&/g, '&amp;')}" TargetMode="External"`))).toBe(true);
}

beforeAll(async () => {
  dir = await tempDir('funnel-notes-');
  file = path.join(dir, 'book.xlsx');
  expect((await cli('sample', file, '--deals', '400', '--seed', '11')).code).toBe(0);
  const first = await cli('report', file);
  expect(first.code).toBeLessThan(2);
  tab = /(Report \d{4}-\d{2})/.exec(first.stdout)![1]!;
  await addNotes();
});

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('Notes kept cell for cell by the package adapter', () => {
  let firstHeading: number;

  it('keeps values, formulas, fonts, number formats, fills, merges, hyperlinks and row heights on regeneration', async () => {
    expect((await cli('report', file, '--month', tab.slice(7))).code).toBeLessThan(2);
    const seen = notesSeen(await loadXlsx(file));
    expectAllKept(seen);
    firstHeading = seen.h;
    await expectSoundParts();
  });

  it('keeps them all again on a second regeneration, the tab identical to the first', async () => {
    const before = unzipSync(await fs.readFile(file));
    expect((await cli('report', file, '--month', tab.slice(7))).code).toBeLessThan(2);
    const after = unzipSync(await fs.readFile(file));
    const sheetParts = Object.keys(after).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const name of sheetParts) expect({ name, same: Buffer.compare(Buffer.from(after[name]!), Buffer.from(before[name]!)) === 0 }).toEqual({ name, same: true });
    expectAllKept(notesSeen(await loadXlsx(file)));
  });

  it('moves them whole when the report above grows, formulas following their cells', async () => {
    // Three more data issues: the issues table grows by three rows and the Notes move down.
    const wb = await loadXlsx(file);
    const pipeline = wb.getWorksheet('Pipeline')!;
    const header = pipeline.getRow(1).values as unknown[];
    const amount = header.findIndex((v) => typeof v === 'string' && /amount/i.test(v));
    for (const r of [2, 3, 4]) pipeline.getCell(r, amount).value = 'lots';
    await wb.xlsx.writeFile(file);
    expect((await cli('report', file, '--month', tab.slice(7))).code).toBe(1);
    const seen = notesSeen(await loadXlsx(file));
    expect(seen.h).toBeGreaterThan(firstHeading);
    expectAllKept(seen);
    await expectSoundParts();
  });
});

describe('shiftFormula', () => {
  const shift = (row: number) => (row >= 50 ? row + 3 : row);

  it('moves references into the region, relative or absolute, and leaves the rest as written', () => {
    expect(shiftFormula('A50*2+$B$51-SUM(C50:C60)+B12', shift)).toBe('A53*2+$B$54-SUM(C53:C63)+B12');
    expect(shiftFormula('SUM(50:52)+LOG10(A50)+Sheet2!A50+\'Q1 A50\'!B60', shift)).toBe('SUM(53:55)+LOG10(A53)+Sheet2!A50+\'Q1 A50\'!B60');
    expect(shiftFormula('IF(A50="B60 ""A50""",Table1[[#This Row],[A50]],_xlfn.IFS(TRUE,A:A))', shift)).toBe('IF(A53="B60 ""A50""",Table1[[#This Row],[A50]],_xlfn.IFS(TRUE,A:A))');
  });
});

describe('carryNotes on the XML other producers write', () => {
  const wrap = (rows: string) => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${rows}</sheetData></worksheet>`;

  it('drops attributes of namespaces only the old root declared (Excel’s x14ac:dyDescent) and renumbers rows and cells', () => {
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"><sheetData>' +
      '<row r="9" x14ac:dyDescent="0.25"><c r="A9" t="inlineStr"><is><t>Notes</t></is></c></row>' +
      '<row r="10" spans="1:2" x14ac:dyDescent="0.25"><c r="A10" s="3" t="s"><v>4</v></c><c r="B10"><f>A10&amp;"&lt;x&gt;"</f><v>1</v></c></row></sheetData></worksheet>';
    const carried = carryNotes(xml, [], 8, 11)!;
    expect(carried.rowsXml).toBe('<row r="13" spans="1:2"><c r="A13" s="3" t="s"><v>4</v></c><c r="B13"><f>A13&amp;"&lt;x&gt;"</f><v>1</v></c></row>');
    expect(XMLValidator.validate(wrap(carried.rowsXml))).toBe(true);
    expect(carried).toMatchObject({ bottom: 12, right: 1 });
  });

  it('writes x:-prefixed rows (Open XML SDK, ClosedXML) in our default namespace', () => {
    const xml = '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="A2"><x:v>5</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A2:B2"/></x:mergeCells></x:worksheet>';
    const carried = carryNotes(xml, [], 0, 4)!;
    expect(carried.rowsXml).toBe('<row r="6"><c r="A6"><v>5</v></c></row>');
    expect(carried.merges).toEqual(['A6:B6']);
  });

  it('gives up (the adapter then writes the values) on a row holding an element of another namespace', () => {
    const xml = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:y="urn:y"><sheetData><row r="2"><c r="A2"><y:thing/></c></row></sheetData></worksheet>';
    expect(carryNotes(xml, [], 0, 0)).toBeNull();
  });
});
