import type { NotesBlock, SheetModel } from '../../core/report/model';
import { a1 } from '../../core/util/cell';
import { type RenderedSheet, writeRows } from './render-sheet';
import { SMALL_OP_BYTES, type WriteBatch } from './write-batch';

const MAX_ROWS = 1_048_576;

/**
 * Carries the Notes region of a report tab's previous version onto the new
 * tab cell for cell (SPEC §6): one `Range.copyFrom(…, "All")` from the full
 * hidden copy that apply-report.ts makes of the sheet before it is emptied
 * and rendered again. "All" is a paste of
 * everything: values, formulas, number formats, fonts, fills, borders, and,
 * as a paste does, merged cells and hyperlinks ("Range.copyFrom",
 * ExcelApi 1.9, https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-copyfrom-member(1)).
 * The copy is only read: a failed run puts it back, Notes and all.
 *
 * Without an old tab (it went between reading and writing), or on a host
 * without `copyFrom` (`canCopy` false), the Notes' values are written
 * instead, as the model holds them.
 */
export async function carryNotes(
  batch: WriteBatch,
  sheet: Excel.Worksheet,
  old: Excel.Worksheet | undefined,
  model: SheetModel,
  out: RenderedSheet,
  canCopy: boolean,
): Promise<void> {
  const block = model.blocks.find((b): b is NotesBlock => b.kind === 'notes');
  if (!block?.carry) return;
  if (!old || !canCopy) {
    await writeRows(batch, sheet, block.row + 1, block.col, block.lines, out);
    return;
  }
  const { headingRow, cols } = block.carry;
  // Rows that would land below the sheet's last row cannot be carried.
  const rows = Math.min(block.carry.rows, MAX_ROWS - block.row - 1);
  if (rows <= 0 || cols <= 0) return;
  await batch.reserve(SMALL_OP_BYTES);
  const from = old.getRange(`${a1(headingRow + 1, 0)}:${a1(headingRow + rows, cols - 1)}`);
  sheet.getRange(a1(block.row + 1, 0)).copyFrom(from, 'All');
}
