import { ratio } from '../util/ratio';
import { type DealTable, WON } from './deal-table';
import type { Period } from './period';

export interface DealSize {
  /** Σ amount ÷ deals; null when no won deal with an amount closed in the period. */
  averageDealSize: number | null;
  /** Won deals closed in the period that have a usable amount (the denominator). */
  deals: number;
}

/**
 * Average deal size (SPEC §2): "Σ amount of won deals closed in period ÷
 * their count". A won deal without a usable amount is in neither the sum nor
 * the count, so it does not drag the average towards zero.
 */
export function averageDealSize(table: DealTable, period: Period): DealSize {
  const { status, closed, amount } = table;
  let sum = 0;
  let deals = 0;
  for (let i = 0; i < table.size; i++) {
    const c = closed[i]!;
    const a = amount[i]!;
    if (status[i] === WON && c >= period.start && c < period.end && !Number.isNaN(a)) {
      sum += a;
      deals++;
    }
  }
  return { averageDealSize: ratio(sum, deals), deals };
}
