import type ExcelJS from 'exceljs';
import path from 'node:path';
import { t } from '../../src/core/i18n';
import { cli, formulaOf, loadXlsx, rowStartingWith } from './workbook-files';

/** Notes kept cell for cell (SPEC §6): a report tab with Notes a user typed, and what a reader sees of them. */
export const NOTES = t('en-US', 'report.notes');
export const LINK = 'https://example.com/wiki?page=pipeline&tab=2';

/**
 * A sample workbook in `dir` with one report tab, below whose Notes heading
 * the user added, in a spreadsheet program (ExcelJS, which rewrites the
 * whole package as Excel does), a bold coloured line, a formatted and filled
 * number, formulas (with a stale cached result: a recalculating reader must
 * show 2469), a merge, an external hyperlink and a tall row.
 */
export async function reportWithNotes(dir: string): Promise<{ file: string; tab: string }> {
  const file = path.join(dir, 'book.xlsx');
  if ((await cli('sample', file, '--deals', '400', '--seed', '11')).code !== 0) throw new Error('sample failed');
  const first = await cli('report', file);
  if (first.code > 1) throw new Error(first.stderr);
  const tab = /(Report \d{4}-\d{2})/.exec(first.stdout)![1]!;
  const wb = await loadXlsx(file);
  const ws = wb.getWorksheet(tab)!;
  const h = rowStartingWith(ws, NOTES);
  ws.getCell(h + 1, 1).value = 'Pipeline review';
  ws.getCell(h + 1, 1).font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getCell(h + 2, 1).value = 1234.5;
  ws.getCell(h + 2, 1).numFmt = '#,##0.00 "EUR"';
  ws.getCell(h + 2, 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell(h + 2, 2).value = { formula: `A${h + 2}*2`, result: 0 };
  ws.getCell(h + 2, 3).value = { formula: `$A$${h + 2}+B${h + 2}`, result: 0 };
  ws.getCell(h + 3, 1).value = 'Merged across three columns';
  ws.mergeCells(h + 3, 1, h + 3, 3);
  ws.getCell(h + 4, 1).value = { text: 'Team wiki', hyperlink: LINK };
  ws.getRow(h + 5).height = 40;
  ws.getCell(h + 5, 1).value = 'Tall row';
  await wb.xlsx.writeFile(file);
  return { file, tab };
}

/** The Notes of `tab` as a reader sees them, from the heading's row on. */
export function notesSeen(wb: ExcelJS.Workbook, tab: string) {
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

/** Everything `reportWithNotes` typed, where the Notes now are. */
export function expectAllKept(seen: ReturnType<typeof notesSeen>): void {
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
