import type { Period } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { monthOfSerial } from '../metrics/month-of-serial';
import { type DynamicsIndex, indexFor } from './deal-index';
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
export function stuckDeals(
  deals: readonly Deal[],
  stages: StageConfig,
  period: Period,
  time: TimeInStage,
  medianCycleDays: number | null,
  index?: DynamicsIndex,
): StuckDeals {
  const flags = new Uint8Array(deals.length);
  const overdue = { deals: 0, amount: 0 };
  const stuck = { deals: 0, amount: 0 };
  const top = new TopByAmount(deals, STUCK_LIST_SIZE);
  // The open deals and their expected close dates (which do not depend on the period).
  const { open, expected } = indexFor(index, deals, monthOfSerial(period.start), medianCycleDays);
  for (let k = 0; k < open.length; k++) {
    const i = open[k]!;
    const d = deals[i]!;
    // The deals the weighted pipeline weighs (an open stage and an amount): the overdue line is the one it leaves out.
    if (d.stageIndex === null || d.amount === null || !Number.isFinite(d.amount)) continue;
    const amount = d.amount;
    let flag = 0;
    // `isOverdue`: the expected close date has passed by the period's end (NaN, no date, is not).
    if (expected[k]! < period.end) {
      flag |= 1;
      overdue.deals++;
      overdue.amount += amount;
    }
    const inStage = time.daysInStage[i]!;
    const stage = time.stages[d.stageIndex];
    const age = d.created !== null && d.created < period.end ? period.end - d.created : NaN;
    let days: number;
    if (!Number.isNaN(inStage) && stage !== undefined && stage.deals >= MIN_MEASURED_FOR_STUCK && stage.medianDays !== null) {
      if (inStage > 2 * stage.medianDays) flag |= 2;
      days = inStage;
    } else {
      if (medianCycleDays !== null && age > 2 * medianCycleDays && age >= MIN_STUCK_AGE_DAYS) flag |= 2;
      days = Number.isNaN(inStage) ? age : inStage;
    }
    if (flag & 2) {
      stuck.deals++;
      stuck.amount += amount;
    }
    flags[i] = flag;
    if (flag !== 0) top.add(i, days);
  }
  const list = top.indexes.map((i, rank): StuckDeal => {
    const d = deals[i]!;
    const days = top.days[rank]!;
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
 * The `k` deals with the largest amounts (ties by sheet row) of those
 * added, largest first, each with its days: kept in order as they come, so
 * flagging most of a 1M-deal pipeline costs neither a list of all of them
 * nor a sort.
 */
class TopByAmount {
  readonly indexes: number[] = [];
  readonly days: number[] = [];

  constructor(
    private readonly deals: readonly Deal[],
    private readonly k: number,
  ) {}

  add(i: number, days: number): void {
    const { indexes, k } = this;
    if (indexes.length === k && !this.before(i, indexes[k - 1]!)) return;
    let at = indexes.length;
    while (at > 0 && this.before(i, indexes[at - 1]!)) at--;
    indexes.splice(at, 0, i);
    this.days.splice(at, 0, days);
    if (indexes.length > k) {
      indexes.pop();
      this.days.pop();
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.deals[a]!;
    const y = this.deals[b]!;
    const ax = x.amount ?? 0;
    const ay = y.amount ?? 0;
    return ax > ay || (ax === ay && x.row < y.row);
  }
}
