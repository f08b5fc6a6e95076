import { ratio } from '../util/ratio';
import { type DealTable, LOST, WON } from './deal-table';
import type { Period } from './period';

export interface WinRate {
  /** wonDeals ÷ (wonDeals + lostDeals); null when no deal closed in the period. */
  winRate: number | null;
  wonDeals: number;
  lostDeals: number;
}

/**
 * Win rate (SPEC §2 "Conversion"): "won closed in period ÷ (won + lost
 * closed in period)". A closed deal without a usable close date is in
 * neither count (its data issue says why).
 */
export function winRate(table: DealTable, period: Period): WinRate {
  const { status, closed } = table;
  let won = 0;
  let lost = 0;
  for (let i = 0; i < table.size; i++) {
    const c = closed[i]!;
    if (!(c >= period.start && c < period.end)) continue;
    if (status[i] === WON) won++;
    else if (status[i] === LOST) lost++;
  }
  return { winRate: ratio(won, won + lost), wonDeals: won, lostDeals: lost };
}
