import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { ratio } from '../util/ratio';
import { type Funnel, stageNames } from './funnel';
import { inPeriod, type Period } from './period';

export interface PeriodFunnelStep {
  stage: string;
  /** Deals that entered this step during the period. */
  entered: number;
  /** entered(k) ÷ entered(k−1); null for the first step or a zero denominator. */
  stepConversion: number | null;
  /** entered(k) ÷ entered(first step). */
  cumulativeConversion: number | null;
}

export interface PeriodFunnel {
  mode: 'period';
  strict: boolean;
  steps: PeriodFunnelStep[];
}

/**
 * Period-mode funnel (SPEC §2 "Conversion"): "deals that entered a stage in
 * the period (needs stage dates)". A deal entered open stage k on its
 * `<stage> date`; it entered Won on its close date (won deals only).
 *
 * Skipped stages (SPEC §1 "last reached stage" rule): outside strict mode a
 * stage the deal reached but has no date for was passed through when the
 * next dated stage was entered (or, for a won deal, when it closed), so it
 * takes that date. In strict mode only a filled `<stage> date` counts.
 * A stage beyond the deal's furthest stage is never entered.
 *
 * Unlike the cohort funnel these are flows of different deals within one
 * period, so a ratio may exceed 1 (more deals reached Proposal this month
 * than entered Lead); it is reported as is, not clamped.
 */
export function periodFunnel(deals: readonly Deal[], stages: StageConfig, period: Period, options: { strict?: boolean } = {}): PeriodFunnel {
  const n = stages.stages.length;
  const strict = options.strict === true;
  const entered = new Array<number>(n + 1).fill(0);
  for (const d of deals) {
    if (d.furthest === null) continue;
    let later: number | null = null;
    if (d.status === 'won') {
      later = d.closed;
      if (inPeriod(d.closed, period)) entered[n]!++;
    }
    for (let k = Math.min(d.furthest, n - 1); k >= 0; k--) {
      const own = d.stageDates?.[k] ?? null;
      const date = strict ? own : (own ?? later);
      if (inPeriod(date, period)) entered[k]!++;
      if (own !== null) later = own;
    }
  }
  const names = stageNames(stages);
  return {
    mode: 'period',
    strict,
    steps: entered.map((count, k) => ({
      stage: names[k]!,
      entered: count,
      stepConversion: k === 0 ? null : ratio(count, entered[k - 1]!),
      cumulativeConversion: ratio(count, entered[0]!),
    })),
  };
}

/** The period funnel in the shape of the report's funnel table: `reached` is the deals that entered the step in the period. */
export function periodFunnelAsFunnel(f: PeriodFunnel): Funnel {
  return {
    mode: 'period',
    strict: f.strict,
    steps: f.steps.map((s) => ({ stage: s.stage, reached: s.entered, stepConversion: s.stepConversion, cumulativeConversion: s.cumulativeConversion })),
  };
}
