import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { type MonthIndex, monthKey } from '../util/dates';
import { ratio } from '../util/ratio';
import { bottleneckStep } from './bottleneck';
import { cohortFunnel, type Funnel, type FunnelOptions } from './funnel';
import { monthPeriod, monthRangePeriod } from './period';
import { median } from './sales-cycle';

/** One cohort month of the bottleneck comparison: how many reached the step's first stage and how many went on. */
export interface BottleneckCohort {
  month: string;
  role: 'current' | 'trailing';
  /** Deals of the cohort that reached the step's from-stage. */
  reached: number;
  /** Of those, the deals that reached its to-stage. */
  converted: number;
  conversion: number | null;
}

export interface MatureBottleneck {
  /** The step: from-stage → to-stage, and k, the to-stage's position in the funnel (1 … stages). */
  step: { from: string; to: string; index: number };
  /** The step's conversion in the current (latest mature) cohort. */
  current: number;
  /** The step's conversion over the three cohorts before it taken together (a ratio of sums); null without history. */
  trailing: number | null;
  /** The trailing months, oldest first, then the current one. */
  cohorts: BottleneckCohort[];
  /** The median won cycle in days: a cohort is mature when its last creation day is at least this long before the report month's end. */
  maturityDays: number;
}

/** How far back the latest mature cohort is looked for. */
const MAX_LOOKBACK = 24;

/**
 * The bottleneck of SPEC §7: only mature cohorts are compared — created at
 * least the median won cycle (over the won deals closed by the report
 * month's end) before the report month's end — because a younger cohort
 * has not had the time to close (a cohort of this month shows "→ Won 0 %").
 * The current cohort is the latest mature month with deals; it is compared
 * with the three months before it taken together; the step is the one whose
 * conversion fell most (or the lowest, without history: `bottleneckStep`).
 */
export function matureBottleneck(deals: readonly Deal[], stages: StageConfig, month: MonthIndex, options: FunnelOptions = {}): MatureBottleneck | null {
  const end = monthPeriod(month).end;
  const cycles: number[] = [];
  for (const d of deals) if (d.status === 'won' && d.closed !== null && d.created !== null && d.closed < end) cycles.push(d.closed - d.created);
  const maturityDays = Math.ceil(median(cycles) ?? 0);
  let current: MonthIndex | null = null;
  let funnel: Funnel | null = null;
  for (let m = month; m > month - MAX_LOOKBACK; m--) {
    if (monthPeriod(m).end + maturityDays > end) continue;
    const f = cohortFunnel(deals, stages, monthPeriod(m), options);
    if ((f.steps[0]?.reached ?? 0) > 0) {
      current = m;
      funnel = f;
      break;
    }
  }
  if (current === null || funnel === null) return null;
  const trailingMonths = [current - 3, current - 2, current - 1];
  const trailing = cohortFunnel(deals, stages, monthRangePeriod(current - 3, current - 1), options);
  const k = bottleneckStep(funnel, trailing);
  if (k === null) return null;
  const cohortOf = (m: MonthIndex, role: BottleneckCohort['role'], f: Funnel): BottleneckCohort => {
    const reached = f.steps[k - 1]!.reached;
    const converted = f.steps[k]!.reached;
    return { month: monthKey(m), role, reached, converted, conversion: ratio(converted, reached) };
  };
  const trailingLevel = trailing.steps[k]!.stepConversion;
  return {
    step: { from: funnel.steps[k - 1]!.stage, to: funnel.steps[k]!.stage, index: k },
    current: funnel.steps[k]!.stepConversion!,
    trailing: trailingLevel,
    cohorts: [
      ...trailingMonths.map((m) => cohortOf(m, 'trailing', cohortFunnel(deals, stages, monthPeriod(m), options))),
      cohortOf(current, 'current', funnel),
    ],
    maturityDays,
  };
}
