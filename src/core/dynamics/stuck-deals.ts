import type { Period } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { isOverdue } from './expected-close';
import { MIN_MEASURED_FOR_STUCK, type TimeInStage } from './time-in-stage';

/** SPEC §8: the report lists this many overdue and stuck deals, by amount. */
export const STUCK_LIST_SIZE = 50;
/** SPEC §8: without stage dates a deal is stuck only from this age on. */
export const MIN_STUCK_AGE_DAYS = 90;

export interface StuckDeal {
  /** Sheet row of the deal (1-based), for the link to it. */
  row: number;
  id: string | null;
  owner: string | null;
  stage: string;
  /** Days in the current stage when its date is known, else the deal's age; both at the period's end. */
  days: number | null;
  amount: number;
  /** Overdue wins when a deal is both. */
  reason: 'overdue' | 'stuck';
}

export interface StuckDeals {
  overdue: { deals: number; amount: number };
  /** Open deals that are stuck (overdue or not). */
  stuck: { deals: number; amount: number };
  /** The top `STUCK_LIST_SIZE` overdue or stuck deals by amount (ties by sheet row). */
  list: StuckDeal[];
  /** Per deal: 1 overdue, 2 stuck, 3 both, 0 neither (the data sheet's flags). */
  flags: Uint8Array;
}

/**
 * Overdue and stuck deals (SPEC §8). Overdue: still open when its expected
 * close date has passed by the end of the report month. Stuck: its days in
 * the current stage exceed twice that stage's median, when the stage has
 * at least `MIN_MEASURED_FOR_STUCK` deals measured; otherwise (no date for
 * its stage, or too few measured) its age exceeds twice the median won
 * cycle and is at least `MIN_STUCK_AGE_DAYS`. Only open deals are either.
 */
export function stuckDeals(deals: readonly Deal[], stages: StageConfig, period: Period, time: TimeInStage, medianCycleDays: number | null): StuckDeals {
  const flags = new Uint8Array(deals.length);
  const overdue = { deals: 0, amount: 0 };
  const stuck = { deals: 0, amount: 0 };
  const listed: number[] = [];
  const daysOf = new Float64Array(deals.length).fill(NaN);
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    // The deals the weighted pipeline weighs (an open stage and an amount): the overdue line is the one it leaves out.
    if (d.status !== 'open' || d.stageIndex === null || d.amount === null || !Number.isFinite(d.amount)) continue;
    const amount = d.amount;
    let flag = 0;
    if (isOverdue(d, medianCycleDays, period.end)) {
      flag |= 1;
      overdue.deals++;
      overdue.amount += amount;
    }
    const inStage = time.daysInStage[i]!;
    const stage = time.stages[d.stageIndex];
    const age = d.created !== null && d.created < period.end ? period.end - d.created : NaN;
    if (!Number.isNaN(inStage) && stage !== undefined && stage.deals >= MIN_MEASURED_FOR_STUCK && stage.medianDays !== null) {
      if (inStage > 2 * stage.medianDays) flag |= 2;
      daysOf[i] = inStage;
    } else {
      if (medianCycleDays !== null && age > 2 * medianCycleDays && age >= MIN_STUCK_AGE_DAYS) flag |= 2;
      daysOf[i] = Number.isNaN(inStage) ? age : inStage;
    }
    if (flag & 2) {
      stuck.deals++;
      stuck.amount += amount;
    }
    flags[i] = flag;
    if (flag !== 0) listed.push(i);
  }
  const list = topByAmount(deals, listed, STUCK_LIST_SIZE).map((i): StuckDeal => {
    const d = deals[i]!;
    const days = daysOf[i]!;
    return {
      row: d.row,
      id: d.id,
      owner: d.owner,
      stage: stages.stages[d.stageIndex!]!.name,
      days: Number.isNaN(days) ? null : days,
      amount: d.amount ?? 0,
      reason: flags[i]! & 1 ? 'overdue' : 'stuck',
    };
  });
  return { overdue, stuck, list, flags };
}

/**
 * The `k` deals of `indexes` with the largest amounts (ties by sheet row),
 * largest first. Only those at or above the k-th largest amount are sorted
 * with a comparator: a typed-array sort finds that threshold, so flagging
 * most of a 1M-deal pipeline costs no comparator sort over all of it.
 */
function topByAmount(deals: readonly Deal[], indexes: readonly number[], k: number): number[] {
  const amountOf = (i: number) => deals[i]!.amount ?? 0;
  let chosen = indexes;
  if (indexes.length > k) {
    const amounts = Float64Array.from(indexes, amountOf).sort();
    const threshold = amounts[amounts.length - k]!;
    chosen = indexes.filter((i) => amountOf(i) >= threshold);
  }
  return [...chosen].sort((a, b) => amountOf(b) - amountOf(a) || deals[a]!.row - deals[b]!.row).slice(0, k);
}
