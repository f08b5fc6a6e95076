import { type DealTable, WON } from './deal-table';
import type { Period } from './period';

/**
 * Revenue (SPEC §2 "Revenue, cost rate, attainment"): "Σ amount of won deals
 * closed in period". A won deal whose amount is missing or unusable adds
 * nothing (its data issue says why); no won deal gives 0, a sum, not a ratio.
 */
export function revenue(table: DealTable, period: Period): number {
  const { status, closed, amount } = table;
  let sum = 0;
  for (let i = 0; i < table.size; i++) {
    const c = closed[i]!;
    const a = amount[i]!;
    if (status[i] === WON && c >= period.start && c < period.end && !Number.isNaN(a)) sum += a;
  }
  return sum;
}

/** Revenue of each month `first`…`last` (index 0 = `first`), in one pass. */
export function revenueByMonth(table: DealTable, first: number, last: number): Float64Array {
  const out = new Float64Array(Math.max(0, last - first + 1));
  const { status, closedMonth, amount } = table;
  for (let i = 0; i < table.size; i++) {
    const m = closedMonth[i]!;
    const a = amount[i]!;
    if (status[i] === WON && m >= first && m <= last && !Number.isNaN(a)) out[m - first]! += a;
  }
  return out;
}
