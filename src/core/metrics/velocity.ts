import { ratio } from '../util/ratio';
import { type DealTable, OPEN } from './deal-table';
import type { Period } from './period';

export interface VelocityInputs {
  openDeals: number;
  winRate: number | null;
  averageDealSize: number | null;
  cycleDaysMean: number | null;
}

/**
 * Pipeline velocity per day (SPEC §2): "open deals × win rate × average deal
 * size ÷ mean cycle days". Null when any factor is empty or the mean cycle
 * is 0 days (a ratio with a zero denominator is empty).
 */
export function pipelineVelocity(inputs: VelocityInputs): number | null {
  const { openDeals, winRate, averageDealSize, cycleDaysMean } = inputs;
  if (winRate === null || averageDealSize === null || cycleDaysMean === null) return null;
  return ratio(openDeals * winRate * averageDealSize, cycleDaysMean);
}

/**
 * "Open deals" for velocity = deals open at the end of the period: created
 * before the period ends, and either still open today or closed (won or
 * lost) on or after the period's end. Deals without a created date, and
 * closed deals without a close date, cannot be placed and are left out.
 * An open deal's close date (often an expected date) is not looked at: its
 * status says it is still open.
 */
export function openDealsAtPeriodEnd(table: DealTable, period: Period): number {
  const { status, created, closed } = table;
  let open = 0;
  for (let i = 0; i < table.size; i++) {
    if (!(created[i]! < period.end)) continue; // false for NaN too
    if (status[i] === OPEN || closed[i]! >= period.end) open++;
  }
  return open;
}
