import { type Locale, t } from '../../core/i18n';
import type { DealColumnsWrite } from '../../core/report/deal-columns';
import { type Cell, NUMBER_FORMAT_CODES } from '../../core/report/model';
import { a1, columnLetter } from '../../core/util/cell';
import { WorkbookError } from '../port';
import { type CellInput, REQUEST_BUDGET, rowBytes, splitRowBlocks } from './blocks';
import { valueInput } from './text-input';
import { WriteBatch } from './write-batch';

/**
 * The deal forecast columns in the user's pipeline sheet over Office.js
 * (issue #17): `Range.clear` over the recorded columns of the used rows,
 * then the header and the body in row blocks of at most the request budget
 * (`Range.values`, text with Excel's apostrophe as everywhere, text-input.ts;
 * `Range.numberFormat` per block). Only those ranges are addressed: no
 * other cell of the sheet is read or written. A protected sheet is refused
 * before anything changes.
 *
 * All or nothing only as far as one request goes: a block of 100,000 deals
 * takes a few requests, and a failure between them leaves the columns
 * partly rewritten (never a cell of the user's); the next run rewrites them
 * whole.
 */
export async function writeDealColumnsOffice(context: Excel.RequestContext, write: DealColumnsWrite, locale: Locale, budget = REQUEST_BUDGET): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(write.sheet);
  const protection = sheet.protection.load('protected');
  await context.sync();
  if (protection.protected) throw new WorkbookError('protected', t(locale, 'error.dealColumns.protected'), { key: 'error.dealColumns.protected', params: {} });
  const batch = new WriteBatch(context, budget);
  const { clear, block } = write;
  if (clear && clear.rows > 0) sheet.getRange(`${columnLetter(clear.col)}1:${columnLetter(clear.col + clear.width - 1)}${clear.rows}`).clear('All');
  if (block && block.cells.length > 0) {
    const width = block.formats.length;
    const input = (row: readonly Cell[]): CellInput[] => Array.from({ length: width }, (_, c) => valueInput(plain(row[c] ?? null)));
    const rows = block.cells.map(input);
    const header = sheet.getRange(`${a1(block.row, block.col)}:${a1(block.row, block.col + width - 1)}`);
    header.values = [rows[0]!];
    header.format.font.bold = true;
    const formats = block.formats.map((f) => (f ? NUMBER_FORMAT_CODES[f] : 'General'));
    const body = rows.slice(1);
    for (const part of splitRowBlocks(
      body.map((r) => rowBytes(r) + rowBytes(formats)),
      budget,
    )) {
      await batch.reserve(part.bytes);
      const range = sheet.getRange(`${a1(block.row + 1 + part.start, block.col)}:${a1(block.row + part.end, block.col + width - 1)}`);
      range.numberFormat = Array.from({ length: part.end - part.start }, () => formats);
      range.values = body.slice(part.start, part.end);
    }
  }
  await context.sync();
}

/** The block holds plain values only. */
function plain(cell: Cell): string | number | boolean | null {
  return cell === null || typeof cell !== 'object' ? cell : null;
}
