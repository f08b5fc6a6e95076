import { isOverdue } from '../dynamics/expected-close';
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
 * An open deal's status says it is still open; its close date is its
 * expected close, and an overdue one (SPEC §8: expected by the end of the
 * period, still open) is left out, as the weighted pipeline leaves it out:
 * nothing says it will close at the pace of the others. `medianCycleDays`
 * dates an open deal without a close date (created + the median won cycle).
 */
export function openDealsAtPeriodEnd(table: DealTable, period: Period, medianCycleDays: number | null = null): number {
  const { status, created, closed, deals } = table;
  let open = 0;
  for (let i = 0; i < table.size; i++) {
    if (!(created[i]! < period.end)) continue; // false for NaN too
    if (status[i] === OPEN ? !isOverdue(deals[i]!, medianCycleDays, period.end) : closed[i]! >= period.end) open++;
  }
  return open;
}
