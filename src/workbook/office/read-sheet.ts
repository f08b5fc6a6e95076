import type { CellValue, SheetValues } from '../../core/util/cell';
import { a1 } from '../../core/util/cell';
import { guessRowBytes, readBlockRows, rowBytes } from './blocks';
import { isOfficeError, OFFICE_CODES } from './office-errors';

/** Zero-based top-left of an address such as `Sheet1!C3:F10` or `'My sheet'!C3`. */
export function topLeftOf(address: string): { row: number; col: number } {
  const local = address
    .slice(address.lastIndexOf('!') + 1)
    .split(':')[0]!
    .replace(/\$/g, '');
  const match = /^([A-Za-z]+)(\d+)$/.exec(local);
  if (!match) throw new Error(`Unexpected range address from Excel: ${address}`);
  let col = 0;
  for (const ch of match[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

/**
 * A sheet's values from A1 (SheetValues): the used range (values only) read
 * in row blocks sized so no response exceeds the budget — the first block
 * from a guess, later ones from the largest row seen — then padded with
 * nulls to start at A1. Empty cells ('' from Office) are null.
 *
 * The guess cannot know the text: a sheet of long notes can put far more
 * than 64 bytes in a cell, and Excel on the web refuses a response above
 * 5 MB with ResponsePayloadSizeLimitExceeded ("Resource limits and
 * performance optimization for Office Add-ins", Microsoft Learn). A read
 * changes nothing, so such a block is simply asked again at a quarter of
 * its rows until it fits; the blocks after it are sized from what it held.
 * Syncs: 1 + the number of blocks (+ one per refused block).
 */
export async function readSheetValues(context: Excel.RequestContext, name: string): Promise<SheetValues> {
  const sheet = context.workbook.worksheets.getItem(name);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address,rowCount,columnCount');
  await context.sync();
  if (used.isNullObject) return [];
  const { row: top, col: left } = topLeftOf(used.address);
  const { rowCount, columnCount } = used;
  const out: SheetValues = Array.from({ length: top }, () => new Array<CellValue>(left + columnCount).fill(null));
  // The first block is sized from a pessimistic guess; later ones from the largest row seen.
  let largestRow = 0;
  let cap = Infinity;
  for (let start = 0; start < rowCount;) {
    const count = Math.min(readBlockRows(largestRow || guessRowBytes(columnCount)), rowCount - start, cap);
    const block = sheet.getRange(`${a1(top + start, left)}:${a1(top + start + count - 1, left + columnCount - 1)}`);
    block.load('values');
    try {
      // One sync per block on purpose: each response must stay under Office's 5 MB limit (Excel on the web).
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (!isOfficeError(e) || e.code !== OFFICE_CODES.responseTooLarge || count === 1) throw e;
      cap = Math.max(1, Math.floor(count / 4));
      continue;
    }
    cap = Infinity;
    for (const values of block.values as CellValue[][]) {
      largestRow = Math.max(largestRow, rowBytes(values));
      out.push([...new Array<CellValue>(left).fill(null), ...values.map((v) => (v === '' ? null : v))]);
    }
    start += count;
  }
  return out;
}
