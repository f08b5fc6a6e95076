import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { ratio } from '../util/ratio';
import { inPeriod, type Period } from './period';

export interface FunnelStep {
  stage: string;
  /** Deals whose furthest stage is at or beyond this step. */
  reached: number;
  /** reached(k) ÷ reached(k−1); null for the first step or a zero denominator. */
  stepConversion: number | null;
  /** reached(k) ÷ reached(first step). */
  cumulativeConversion: number | null;
}

export interface Funnel {
  /** Cohort (deals created in the period) or period (deals that entered each step in it: `reached` counts those). */
  mode: 'cohort' | 'period';
  strict: boolean;
  steps: FunnelStep[];
}

export interface FunnelOptions {
  /** Count a deal at a stage only when its `<stage> date` is filled (SPEC §1). */
  strict?: boolean;
  /** Which open stages have a `<stage> date` column (Pipeline.header.stageDateColumns ≠ null); only those can date a stage in strict mode. */
  datedStages?: readonly boolean[];
}

/**
 * Cohort-mode funnel (SPEC §2 "Conversion"): the deals created in the
 * period; reached(k) = deals whose furthest stage ≥ k, skipped stages
 * counted as reached; Won is the last step.
 */
export function cohortFunnel(deals: readonly Deal[], stages: StageConfig, period: Period, options: FunnelOptions = {}): Funnel {
  const n = stages.stages.length;
  const reached = new Array<number>(n + 1).fill(0);
  for (const d of deals) if (inPeriod(d.created, period)) countReached(reached, d, options);
  return { mode: 'cohort', strict: options.strict === true, steps: funnelSteps(reached, stageNames(stages)) };
}

/**
 * Adds one deal to `reached` (one count per funnel step, open stages then
 * Won): every step up to its furthest stage. In strict mode the furthest
 * stage is the furthest one the deal has a filled `<stage> date` for (a won
 * deal is dated through Won by its close date), and the stages before it
 * count as reached, as skipped stages always do: so a strict funnel never
 * grows from one step to the next (counting each dated stage on its own
 * did: Qualified 42 → Opportunity 56). A deal with no dated stage is not in
 * a strict funnel. Shared by the cohort funnel and the segments' funnels.
 */
export function countReached(reached: number[], d: Deal, options: FunnelOptions): void {
  const furthest = options.strict === true ? strictFurthest(d, reached.length - 1) : d.furthest;
  if (furthest === null) return;
  for (let k = 0; k <= furthest; k++) reached[k]!++;
}

/** The furthest step with evidence in the stage dates (SPEC §1 strict mode); the deal's furthest stage when it has no stage dates at all. */
export function strictFurthest(d: Deal, wonStep: number): number | null {
  if (d.furthest === null || d.stageDates === null) return d.furthest;
  if (d.status === 'won') return wonStep;
  for (let k = Math.min(d.furthest, wonStep - 1); k >= 0; k--) if (d.stageDates[k] != null) return k;
  return null;
}

/** Step and cumulative conversion from reached counts. */
export function funnelSteps(reached: readonly number[], names: readonly string[]): FunnelStep[] {
  return reached.map((count, k) => ({
    stage: names[k]!,
    reached: count,
    stepConversion: k === 0 ? null : ratio(count, reached[k - 1]!),
    cumulativeConversion: ratio(count, reached[0]!),
  }));
}

/** Names of the funnel steps: the open stages, then Won. */
export function stageNames(stages: StageConfig): string[] {
  return [...stages.stages.map((s) => s.name), stages.won.name];
}
