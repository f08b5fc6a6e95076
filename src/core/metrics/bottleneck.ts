import type { Funnel } from './funnel';

export interface Bottleneck {
  /** Stage the step starts from. */
  from: string;
  /** Stage the step leads to. */
  to: string;
  /** The step's conversion in the report month. */
  conversion: number;
}

/**
 * Bottleneck (SPEC §2): "the stage step whose conversion fell most against
 * its trailing three-month level (or the lowest step when there is no
 * history)". `current` is the report month's cohort funnel; `trailing` is
 * the cohort funnel of the three months before it taken together, so the
 * trailing level is a ratio of sums, not a mean of three ratios.
 *
 * Steps whose conversion is empty this month are skipped. "Fell most" is the
 * lowest (current − trailing) among steps that have both; when no step has
 * a trailing level, the step with the lowest conversion wins. Ties go to
 * the earlier step. Null when no step has a conversion this month.
 */
export function bottleneck(current: Funnel, trailing: Funnel | null): Bottleneck | null {
  const k = bottleneckStep(current, trailing);
  if (k === null) return null;
  const steps = current.steps;
  return { from: steps[k - 1]!.stage, to: steps[k]!.stage, conversion: steps[k]!.stepConversion! };
}

/** The index k of the bottleneck step k−1 → k (see `bottleneck`), or null. */
export function bottleneckStep(current: Funnel, trailing: Funnel | null): number | null {
  const steps = current.steps;
  let best = -1;
  let bestChange = Infinity;
  for (let k = 1; k < steps.length; k++) {
    const now = steps[k]!.stepConversion;
    const before = trailing?.steps[k]?.stepConversion ?? null;
    if (now === null || before === null) continue;
    if (now - before < bestChange) {
      bestChange = now - before;
      best = k;
    }
  }
  if (best < 0) {
    let lowest = Infinity;
    for (let k = 1; k < steps.length; k++) {
      const now = steps[k]!.stepConversion;
      if (now !== null && now < lowest) {
        lowest = now;
        best = k;
      }
    }
  }
  return best < 0 ? null : best;
}
