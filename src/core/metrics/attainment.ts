import type { MonthlyTarget } from '../settings';
import { teamTargetsByMonth } from '../targets';
import type { MonthIndex } from '../util/dates';
import { ratio } from '../util/ratio';
import type { DealTable } from './deal-table';
import { revenueByMonth } from './revenue';

export interface Attainment {
  /** The report month's target; null when none is set. */
  target: number | null;
  /** Revenue ÷ target of the month. */
  attainment: number | null;
  /** Revenue of the quarter's months up to the report month ÷ the same months' targets. */
  attainmentQtd: number | null;
  /** Revenue of January … the report month ÷ the same months' targets. */
  attainmentYtd: number | null;
}

/**
 * Target attainment (SPEC §2): "revenue ÷ target for the month; also
 * quarter-to-date and year-to-date", each a ratio of sums over the months
 * of the range. A range with a month that has no target is empty (null):
 * comparing a full range's revenue with a partial target would overstate
 * attainment. A zero target sum is empty too. A month listed twice keeps
 * its last target.
 */
export function attainment(table: DealTable, month: MonthIndex, targets: readonly MonthlyTarget[]): Attainment {
  const byMonth = targetsByMonth(targets);
  const january = month - (month % 12);
  const quarterStart = month - (month % 3);
  const revenue = revenueByMonth(table, january, month);
  const over = (first: MonthIndex): number | null => {
    let rev = 0;
    let target = 0;
    for (let m = first; m <= month; m++) {
      const t = byMonth.get(m);
      if (t === undefined) return null;
      target += t;
      rev += revenue[m - january]!;
    }
    return ratio(rev, target);
  };
  return { target: byMonth.get(month) ?? null, attainment: over(month), attainmentQtd: over(quarterStart), attainmentYtd: over(january) };
}

/** A month's target: the team's, the sum of its owners' rows when the table has an Owner column (SPEC §8). */
function targetsByMonth(targets: readonly MonthlyTarget[]): Map<MonthIndex, number> {
  return teamTargetsByMonth(targets);
}
