import type { StageProbability } from '../forecast/weighted-pipeline';
import type { Deal } from '../pipeline/deal';
import { type DynamicsIndex, NO_EXPECTED_MONTH } from './deal-index';
import type { StuckDeals } from './stuck-deals';
import type { TimeInStage } from './time-in-stage';

/** Where a deal's probability came from (SPEC §2: its own cell, else its stage's learned or default one). */
export type ProbabilitySource = 'deal' | 'learned' | 'default';
const SOURCES: readonly ProbabilitySource[] = ['deal', 'learned', 'default'];

/** `DealForecast.expectedMonth` of a deal with none. */
export { NO_EXPECTED_MONTH };

/**
 * The forecast columns beside each deal in `Funnel Data` (issue #17), in
 * the deals' order; filled for the deals the weighted pipeline weighs (open,
 * an open stage, an amount), empty (NaN, 0, `NO_EXPECTED_MONTH`) for the rest.
 */
export interface DealForecast {
  probability: Float64Array;
  /** Index into ['deal', 'learned', 'default'] + 1; 0 for none. */
  source: Uint8Array;
  weighted: Float64Array;
  expectedMonth: Int32Array;
  /** 1 overdue, 2 stuck (bits), as `StuckDeals.flags`. */
  flags: Uint8Array;
  /** Days in the current stage at the month's end, NaN when unknown. */
  daysInStage: Float64Array;
}

export function dealForecast(
  deals: readonly Deal[],
  probabilities: readonly StageProbability[],
  index: DynamicsIndex,
  stuck: StuckDeals,
  time: TimeInStage,
): DealForecast {
  const n = deals.length;
  const probability = new Float64Array(n).fill(NaN);
  const source = new Uint8Array(n);
  const weighted = new Float64Array(n).fill(NaN);
  const expectedMonth = new Int32Array(n).fill(NO_EXPECTED_MONTH);
  const { open } = index;
  for (let k = 0; k < open.length; k++) {
    const i = open[k]!;
    const d = deals[i]!;
    if (d.stageIndex === null || d.amount === null || !Number.isFinite(d.amount)) continue;
    const stage = probabilities[d.stageIndex];
    const p = d.probability ?? stage?.probability ?? 0;
    probability[i] = p;
    source[i] = d.probability !== null ? 1 : stage?.learned ? 2 : 3;
    weighted[i] = d.amount * p;
    expectedMonth[i] = index.expectedMonth[k]!;
  }
  return { probability, source, weighted, expectedMonth, flags: stuck.flags, daysInStage: time.daysInStage };
}

/** The source of a deal's probability, or null. */
export function probabilitySourceAt(f: DealForecast, i: number): ProbabilitySource | null {
  const s = f.source[i]!;
  return s === 0 ? null : SOURCES[s - 1]!;
}
