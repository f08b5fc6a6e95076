import { expectedCloseSerial } from '../dynamics/expected-close';
import { median } from '../metrics/sales-cycle';
import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { type MonthIndex, monthIndexOfSerial } from '../util/dates';

/** SPEC §2: a stage's probability is learned only when at least this many closed deals reached it. */
export const MIN_CLOSED_FOR_LEARNING = 30;

/**
 * Above this share of lost deals without stage information, the learned
 * probabilities of the stages after the first carry a caveat: SPEC §1
 * counts those deals at the first stage only, so the later stages see
 * mostly won deals — a probability near 100 % by construction. The number
 * stays the SPEC's; the report and the JSON say why it may be high.
 */
export const MAX_UNKNOWN_LOST_SHARE = 0.1;

export interface StageProbability {
  stage: string;
  /** The probability used: the learned one when `learned`, else the configured default. */
  probability: number;
  /** The configured default of the stage. */
  defaultProbability: number;
  /** Closed deals (won or lost, closed by the end of the report month) that reached the stage. */
  closedDeals: number;
  /** Of those, the won ones. */
  wonDeals: number;
  learned: boolean;
  /** Set on a learned stage after the first when most lost deals have no lost stage (`MAX_UNKNOWN_LOST_SHARE`). */
  caveat?: 'lostStagesUnknown';
}

/**
 * Stage `k`'s probability from its closed and won deals (SPEC §2): learned once `MIN_CLOSED_FOR_LEARNING`
 * closed deals reached it, else the stage's default; a learned stage after the first carries the caveat
 * when most lost deals have no lost stage. One definition for the core engine and the DuckDB engine.
 */
export function stageProbabilityLine(
  stage: { name: string; probability: number },
  k: number,
  closedDeals: number,
  wonDeals: number,
  lostStagesUnknown: boolean,
): StageProbability {
  const learned = closedDeals >= MIN_CLOSED_FOR_LEARNING;
  const line: StageProbability = {
    stage: stage.name,
    probability: learned ? wonDeals / closedDeals : stage.probability,
    defaultProbability: stage.probability,
    closedDeals,
    wonDeals,
    learned,
  };
  if (learned && k > 0 && lostStagesUnknown) line.caveat = 'lostStagesUnknown';
  return line;
}

export interface WeightedMonth {
  month: MonthIndex;
  /** Σ open amount × probability of the deals expected to close in the month. */
  amount: number;
  /** Σ open amount of the same deals, unweighted. */
  openAmount: number;
  deals: number;
}

/** Open deals past their expected close (SPEC §8 "overdue"), kept out of every month. */
export interface OverdueDeals {
  deals: number;
  /** Σ open amount, unweighted. */
  amount: number;
  /** Σ open amount × probability. */
  weightedAmount: number;
}

export interface WeightedPipeline {
  stageProbabilities: StageProbability[];
  /** The `horizon` months after the report month, every one listed (zero when no deal is expected). */
  months: WeightedMonth[];
  /** Open deals whose expected close date had passed by the end of the report month: on their own line, in no month. */
  overdue: OverdueDeals;
  /** Open deals expected after the horizon, left out of `months`. */
  laterDeals: number;
  /** Days added to the created date of an open deal without a close date: the median cycle of won deals, or null when no won deal has both dates. */
  assumedCycleDays: number | null;
}

/**
 * Stage probabilities learned from closed history (SPEC §2 Forecast): for
 * each open stage, won ÷ (won + lost) among the deals closed by the end of
 * `asOf` whose furthest stage reached it (the last-reached-stage rule),
 * used when at least `MIN_CLOSED_FOR_LEARNING` such deals exist, else the
 * configured default. A deal closed without a close date counts too: it is
 * history either way. `unknownLostRows` are the sheet rows of lost deals
 * without stage information (data issue `lostWithoutStage`): they count for
 * the first stage only, as SPEC §1 says, and when they are more than
 * `MAX_UNKNOWN_LOST_SHARE` of the lost deals the later stages' learned
 * probabilities get a caveat.
 */
export function learnStageProbabilities(
  deals: readonly Deal[],
  stages: StageConfig,
  asOfEnd: number,
  unknownLostRows: ReadonlySet<number> = new Set(),
): StageProbability[] {
  return learnStageProbabilitiesAt(deals, stages, [asOfEnd], unknownLostRows)[0]!;
}

/**
 * `learnStageProbabilities` as of several ends at once, in one pass over
 * the deals (the forecast track record weighs each month's snapshot by the
 * probabilities learned at that month's end: up to 12 of them). Each
 * closed deal is counted at the first end it counts for, then the counts
 * are summed up the ends: the same whole numbers as one pass per end, so
 * the same probabilities. Results in the order of `asOfEnds`.
 */
export function learnStageProbabilitiesAt(
  deals: readonly Deal[],
  stages: StageConfig,
  asOfEnds: readonly number[],
  unknownLostRows: ReadonlySet<number> = new Set(),
): StageProbability[][] {
  const n = stages.stages.length;
  const width = n + 2;
  const ends = Float64Array.from(asOfEnds).sort();
  const c = ends.length;
  // Per end (ascending) counts by furthest step, then a suffix sum: reached(k) = Σ furthest ≥ k.
  const closedAt = new Float64Array(c * width);
  const wonAt = new Float64Array(c * width);
  const lost = new Float64Array(c);
  const unknownLost = new Float64Array(c);
  for (const d of deals) {
    if (d.status === 'open' || d.furthest === null) continue;
    // The first end the deal counts for: it closed before it, or has no close date (closed ≥ end rules it out from there on).
    let b = 0;
    if (d.closed !== null) while (b < c && d.closed >= ends[b]!) b++;
    if (b === c) continue;
    const at = b * width + Math.min(d.furthest, n);
    closedAt[at]! += 1;
    if (d.status === 'won') wonAt[at]! += 1;
    else {
      lost[b]! += 1;
      if (unknownLostRows.has(d.row)) unknownLost[b]! += 1;
    }
  }
  const byEnd = new Map<number, StageProbability[]>();
  for (let b = 0; b < c; b++) {
    const row = b * width;
    if (b > 0) {
      for (let k = 0; k < width; k++) {
        closedAt[row + k]! += closedAt[row - width + k]!;
        wonAt[row + k]! += wonAt[row - width + k]!;
      }
      lost[b]! += lost[b - 1]!;
      unknownLost[b]! += unknownLost[b - 1]!;
    }
    const closed = closedAt.slice(row, row + width);
    const won = wonAt.slice(row, row + width);
    for (let k = n; k >= 0; k--) {
      closed[k]! += closed[k + 1]!;
      won[k]! += won[k + 1]!;
    }
    const lostStagesUnknown = lost[b]! > 0 && unknownLost[b]! / lost[b]! > MAX_UNKNOWN_LOST_SHARE;
    byEnd.set(
      ends[b]!,
      stages.stages.map((stage, k) => stageProbabilityLine(stage, k, closed[k]!, won[k]!, lostStagesUnknown)),
    );
  }
  return asOfEnds.map((end) => byEnd.get(end)!);
}

/**
 * The weighted pipeline (SPEC §2 Forecast): Σ open amount × stage
 * probability by expected close month, for the `horizon` months after
 * `month`. A deal's own `probability` cell overrides its stage's. The
 * expected close month is the month of the deal's close date (CRMs keep
 * the expected date there while a deal is open); without one, its created
 * date plus the median cycle of won deals. A deal whose expected date falls
 * in the report month or before is overdue (SPEC §8: still open when its
 * expected close date has passed by the end of the report month): it is
 * counted on the overdue line and in no month, since nothing says it will
 * close next month rather than never. A deal with no date to go by at all
 * stays in the first month.
 */
export function weightedPipeline(
  deals: readonly Deal[],
  stages: StageConfig,
  month: MonthIndex,
  horizon: number,
  asOfEnd: number,
  unknownLostRows?: ReadonlySet<number>,
): WeightedPipeline {
  const stageProbabilities = learnStageProbabilities(deals, stages, asOfEnd, unknownLostRows);
  const cycle = medianWonCycle(deals, asOfEnd);
  const months: WeightedMonth[] = Array.from({ length: Math.max(0, horizon) }, (_, i) => ({ month: month + 1 + i, amount: 0, openAmount: 0, deals: 0 }));
  const overdue: OverdueDeals = { deals: 0, amount: 0, weightedAmount: 0 };
  let laterDeals = 0;
  for (const d of deals) {
    if (d.status !== 'open' || d.stageIndex === null || d.amount === null || !Number.isFinite(d.amount)) continue;
    const probability = d.probability ?? stageProbabilities[d.stageIndex]?.probability ?? 0;
    const expected = expectedCloseSerial(d, cycle);
    const offset = expected === null ? 0 : monthIndexOfSerial(expected) - month - 1;
    if (offset < 0) {
      overdue.deals++;
      overdue.amount += d.amount;
      overdue.weightedAmount += d.amount * probability;
      continue;
    }
    if (offset >= months.length) {
      laterDeals++;
      continue;
    }
    const bucket = months[offset]!;
    bucket.amount += d.amount * probability;
    bucket.openAmount += d.amount;
    bucket.deals++;
  }
  return { stageProbabilities, months, overdue, laterDeals, assumedCycleDays: cycle };
}

/** Median days created → closed of the won deals closed before `asOfEnd`; null when none has both dates. */
export function medianWonCycle(deals: readonly Deal[], asOfEnd: number): number | null {
  const days: number[] = [];
  for (const d of deals) {
    if (d.status === 'won' && d.closed !== null && d.created !== null && d.closed < asOfEnd) days.push(d.closed - d.created);
  }
  return median(days);
}
