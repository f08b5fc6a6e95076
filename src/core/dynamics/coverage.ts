import type { StageProbability } from '../forecast/weighted-pipeline';
import type { DealTable } from '../metrics/deal-table';
import { revenueByMonth } from '../metrics/revenue';
import type { Deal } from '../pipeline/deal';
import { type MonthIndex, monthEndSerial } from '../util/dates';
import { ratio } from '../util/ratio';
import { type DynamicsIndex, indexFor } from './deal-index';

export interface CoveragePeriod {
  /** First and last month of the period. */
  first: MonthIndex;
  last: MonthIndex;
  /** Σ amount of the open, not overdue deals expected to close in the period. */
  open: number;
  /** The same deals' Σ amount × probability (as the weighted pipeline weighs them). */
  weighted: number;
  /** The team's target of the period (Σ of its months); null when a month of it has none. */
  target: number | null;
  /** Revenue already won in the period. */
  won: number;
  /** The period's target minus the revenue already won in it; null when a month of it has no target. */
  remainingTarget: number | null;
  /** open ÷ remainingTarget; null when that is 0 or unknown. */
  coverage: number | null;
  weightedCoverage: number | null;
}

export interface Coverage {
  nextMonth: CoveragePeriod;
  /** The calendar quarter after the report month's quarter. */
  nextQuarter: CoveragePeriod;
}

/**
 * Pipeline coverage (SPEC §8): the open (not overdue) amount expected to
 * close in the next month and in the next quarter ÷ (target − revenue
 * already won in that period), weighted coverage beside it. The next
 * quarter is the calendar quarter after the report month's. Deals are the weighted pipeline's: open, an open stage, an amount;
 * a deal's own probability over its stage's. `teamTargets` is the team's
 * target by month (the sum of the owners' rows, SPEC §8).
 */
export function coverage(
  deals: readonly Deal[],
  table: DealTable,
  month: MonthIndex,
  probabilities: readonly StageProbability[],
  medianCycleDays: number | null,
  teamTargets: ReadonlyMap<MonthIndex, number>,
  index?: DynamicsIndex,
): Coverage {
  const next = month + 1;
  const quarterFirst = month - (month % 3) + 3;
  const quarterLast = quarterFirst + 2;
  const end = monthEndSerial(month);
  // Months next … quarterLast (at most 6), open and weighted sums.
  const openBy = new Float64Array(quarterLast - next + 1);
  const weightedBy = new Float64Array(quarterLast - next + 1);
  const { open, expected, expectedMonth } = indexFor(index, deals, month, medianCycleDays);
  for (let k = 0; k < open.length; k++) {
    const d = deals[open[k]!]!;
    if (d.stageIndex === null || d.amount === null || !Number.isFinite(d.amount)) continue;
    // No expected date (NaN), or overdue: not in the period's pipeline.
    if (!(expected[k]! >= end)) continue;
    const offset = expectedMonth[k]! - next;
    if (offset < 0 || offset >= openBy.length) continue;
    const p = d.probability ?? probabilities[d.stageIndex]?.probability ?? 0;
    openBy[offset]! += d.amount;
    weightedBy[offset]! += d.amount * p;
  }
  const won = revenueByMonth(table, next, quarterLast);
  const period = (first: MonthIndex, last: MonthIndex): CoveragePeriod => {
    let open = 0;
    let weighted = 0;
    let target: number | null = 0;
    let revenue = 0;
    for (let m = first; m <= last; m++) {
      open += openBy[m - next]!;
      weighted += weightedBy[m - next]!;
      revenue += won[m - next]!;
      const t = teamTargets.get(m);
      target = t === undefined || target === null ? null : target + t;
    }
    const remainingTarget = target === null ? null : target - revenue;
    return {
      first,
      last,
      open,
      weighted,
      target,
      won: revenue,
      remainingTarget,
      coverage: remainingTarget === null ? null : ratio(open, remainingTarget),
      weightedCoverage: remainingTarget === null ? null : ratio(weighted, remainingTarget),
    };
  };
  return { nextMonth: period(next, next), nextQuarter: period(quarterFirst, quarterLast) };
}
