import { parseNumber } from '../pipeline/parse-value';
import type { CellValue } from '../util/cell';

export type SeriesOfCells =
  | { ok: true; values: number[]; first: number }
  /** `index`: 0-based position of the cell at fault among the cells given. */
  | { ok: false; problem: 'notANumber'; index: number; value: CellValue };

/**
 * A monthly series typed in a sheet, one cell per month, in order (SPEC §2
 * "Forecast": history = revenue by month, months with no won deal 0).
 *
 * - Text before the first number is a header and is skipped; blanks before
 *   the first number and after the last one are not months (a whole-column
 *   reference such as B2:B100000 ends in blanks).
 * - A blank between two numbers is a month with no revenue: 0.
 * - Numbers may be text with separators and a currency symbol, as amounts.
 * - Any other text between the first and the last number is refused:
 *   dropping it would shift every later month.
 *
 * `first` is the position of the first month among the cells.
 */
export function monthlySeriesOfCells(cells: readonly CellValue[]): SeriesOfCells {
  const numbers: (number | null)[] = new Array<number | null>(cells.length);
  let first = -1;
  let last = -1;
  let badBeforeLast = -1;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i] ?? null;
    const parsed = typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : parseCell(v);
    if (parsed === undefined) {
      numbers[i] = null;
      if (first >= 0 && badBeforeLast < 0) badBeforeLast = i;
      continue;
    }
    numbers[i] = parsed;
    if (parsed !== null) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return { ok: true, values: [], first: 0 };
  if (badBeforeLast >= 0 && badBeforeLast < last) return { ok: false, problem: 'notANumber', index: badBeforeLast, value: cells[badBeforeLast] ?? null };
  const values = new Array<number>(last - first + 1);
  for (let i = first; i <= last; i++) values[i - first] = numbers[i] ?? 0;
  return { ok: true, values, first };
}

/** A number, null for a blank, undefined for a cell that is not a number. */
function parseCell(v: CellValue): number | null | undefined {
  if (typeof v === 'boolean') return undefined;
  const p = parseNumber(v);
  return p.ok ? p.value : undefined;
}
