import type { SheetModel, TableBlock } from '../../core/report/model';
import { a1, parseA1Range } from '../../core/util/cell';
import { type RenderedSheet, setNumberFormat, writeRows } from './render-sheet';
import { SMALL_OP_BYTES, type WriteBatch } from './write-batch';

/**
 * The data sheet (`Funnel Data`) rewritten in place.
 *
 * Why not a new tab like the report tabs: every report tab's formulas read
 * the data sheet, and Excel rewrites references when a sheet is renamed
 * and turns them into `#REF!` when it is deleted. Swapping the data sheet
 * for a new tab would break every older report tab. So the sheet keeps its
 * identity: its table is resized, its rows overwritten, what is left of a
 * longer old version cleared.
 *
 * Why a restorable copy: the rows span B requests (one per 4 MB block) and
 * any of them may fail; writing "only after all fallible preparation" is
 * not possible for data that does not fit in one request. So before the
 * first row is written, one `Range.copyFrom` (no payload: Excel copies
 * internally) keeps the old cell contents on a hidden tab, and what the
 * rewrite changes besides contents — the table's extent and style, the
 * body's number format per column — is recorded from a small load. A
 * failed run puts those back (`restoreTableSheet`); a successful one
 * deletes the copy with the other backups.
 *
 * What is not restored exactly: number formats that differed from cell to
 * cell within a table column (the add-in writes one per column), and
 * formats outside the table (the data sheet holds nothing else). Column
 * widths and frozen panes are set when the sheet is created and then left
 * as the user has them.
 */

/** A rectangle of cells, zero-based, inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** The data sheet as it was before the run: what a rollback puts back. */
export interface TableSheetBefore {
  /** Content, formats and the table together. */
  used: Rect;
  table: { name: string; rect: Rect; style: string; bodyFormats: string[] };
}

/** The model's table when the sheet is rewritten in place: a data sheet that is one table and nothing else. */
export function inPlaceTable(model: SheetModel): TableBlock | null {
  const [block, ...rest] = model.blocks;
  if (model.role !== 'data' || rest.length > 0 || block?.kind !== 'table') return null;
  if ((model.conditionalFormats?.length ?? 0) > 0 || (model.validations?.length ?? 0) > 0 || model.hidden) return null;
  return block;
}

/** `'Sheet'!B2:D9`, `B2`, `$B$2:$D$9` (an address Excel reports) → a rectangle. */
export function rectOf(address: string): Rect {
  const range = parseA1Range(address);
  if (!range) throw new Error(`Unexpected range address from Excel: ${address}`);
  return { r0: range.top, c0: range.left, r1: range.bottom, c1: range.right };
}

export function addressOf(rect: Rect): string {
  return `${a1(rect.r0, rect.c0)}:${a1(rect.r1, rect.c1)}`;
}

export function union(a: Rect, b: Rect): Rect {
  return { r0: Math.min(a.r0, b.r0), c0: Math.min(a.c0, b.c0), r1: Math.max(a.r1, b.r1), c1: Math.max(a.c1, b.c1) };
}

/** The cells of `a` outside `b`, as at most four disjoint strips (above, below, left, right). */
export function rectMinus(a: Rect, b: Rect): Rect[] {
  if (a.r1 < b.r0 || b.r1 < a.r0 || a.c1 < b.c0 || b.c1 < a.c0) return [a];
  const strips: Rect[] = [];
  if (a.r0 < b.r0) strips.push({ ...a, r1: b.r0 - 1 });
  if (a.r1 > b.r1) strips.push({ ...a, r0: b.r1 + 1 });
  const r0 = Math.max(a.r0, b.r0);
  const r1 = Math.min(a.r1, b.r1);
  if (a.c0 < b.c0) strips.push({ r0, r1, c0: a.c0, c1: b.c0 - 1 });
  if (a.c1 > b.c1) strips.push({ r0, r1, c0: b.c1 + 1, c1: a.c1 });
  return strips;
}

/** Where the table lands: header row plus body (an empty table keeps one blank body row, as Excel does). */
export function tableRect(block: TableBlock): Rect {
  return { r0: block.row, c0: block.col, r1: block.row + Math.max(1, block.rows.length), c1: block.col + block.columns.length - 1 };
}

/** Queues, first thing in the write phase, the hidden copy of the old contents. Its name becomes `backup` only once the copy is done. */
export async function keepRestorableCopy(
  batch: WriteBatch,
  worksheets: Excel.WorksheetCollection,
  sheet: Excel.Worksheet,
  before: TableSheetBefore,
  names: { copying: string; backup: string },
): Promise<Excel.Worksheet> {
  await batch.reserve(SMALL_OP_BYTES * 4);
  const copy = worksheets.add(names.copying);
  copy.visibility = 'Hidden';
  copy.getRange(addressOf(before.used)).copyFrom(sheet.getRange(addressOf(before.used)), 'Formulas');
  // The rename marks the copy complete: a rollback restores from `backup` only.
  copy.name = names.backup;
  return copy;
}

/**
 * Rewrites the sheet's one table in place: rows (in request-sized blocks),
 * one number format per body column (General where the model has none, so
 * nothing of an older layout lingers), the table resized to the new rows,
 * its style, and what lies outside the new table cleared.
 */
export async function rewriteTableSheet(
  batch: WriteBatch,
  sheet: Excel.Worksheet,
  table: Excel.Table,
  block: TableBlock,
  before: TableSheetBefore,
  out: RenderedSheet,
): Promise<void> {
  const rect = tableRect(block);
  const bodyRows = rect.r1 - rect.r0;
  await writeRows(batch, sheet, block.row, block.col, [block.columns.map((c) => c.header), ...block.rows], out);
  if (block.rows.length === 0) {
    await batch.reserve(SMALL_OP_BYTES);
    sheet.getRange(addressOf({ ...rect, r0: rect.r1 })).clear('Contents');
  }
  for (const [c, column] of block.columns.entries()) await setNumberFormat(batch, sheet, block.row + 1, block.col + c, bodyRows, column.format ?? 'general');
  await batch.reserve(SMALL_OP_BYTES * 2);
  table.resize(sheet.getRange(addressOf(rect)));
  table.style = block.style;
  for (const strip of rectMinus(before.used, rect)) {
    await batch.reserve(SMALL_OP_BYTES);
    sheet.getRange(addressOf(strip)).clear('All');
  }
}

/**
 * Queues what puts the sheet back as `before` from the restorable copy:
 * the table's extent and style, whatever the rewrite wrote outside the old
 * used range cleared, the old contents copied back, each body column's
 * number format, and the copy deleted. Best effort, in the recovery run.
 */
export function restoreTableSheet(sheet: Excel.Worksheet, copy: Excel.Worksheet, block: TableBlock, before: TableSheetBefore): void {
  const table = sheet.tables.getItem(before.table.name);
  table.resize(sheet.getRange(addressOf(before.table.rect)));
  table.style = before.table.style;
  for (const strip of rectMinus(union(tableRect(block), before.used), before.used)) sheet.getRange(addressOf(strip)).clear('All');
  sheet.getRange(addressOf(before.used)).copyFrom(copy.getRange(addressOf(before.used)), 'Formulas');
  const { rect, bodyFormats } = before.table;
  bodyFormats.forEach((format, c) => {
    const column = sheet.getRange(addressOf({ r0: rect.r0 + 1, r1: rect.r1, c0: rect.c0 + c, c1: rect.c0 + c }));
    // A single value applies to every cell of the range (see render-sheet.ts).
    (column as unknown as { numberFormat: string }).numberFormat = format;
  });
  copy.delete();
}
