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
  mode: 'cohort';
  strict: boolean;
  steps: FunnelStep[];
}

export interface FunnelOptions {
  /** Count a deal at a stage only when its `<stage> date` is filled (SPEC §1). */
  strict?: boolean;
  /**
   * Which open stages have a `<stage> date` column (Pipeline.header.stageDateColumns ≠ null).
   * Strict mode applies only to those; a stage without a column keeps the
   * "last reached stage" rule, as it has no date that could be filled.
   * Omitted: every stage is taken to have a column.
   */
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
  const strict = options.strict === true;
  for (const d of deals) {
    if (d.furthest === null || !inPeriod(d.created, period)) continue;
    if (!strict || d.stageDates === null) {
      for (let k = 0; k <= d.furthest; k++) reached[k]!++;
      continue;
    }
    for (let k = 0; k <= d.furthest; k++) {
      const counts = k === n ? d.status === 'won' : d.stageDates[k] != null || options.datedStages?.[k] === false;
      if (counts) reached[k]!++;
    }
  }
  return { mode: 'cohort', strict, steps: funnelSteps(reached, stageNames(stages)) };
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
