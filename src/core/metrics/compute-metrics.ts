import { SEGMENT_FIELDS, type SegmentField } from '../pipeline/fields';
import type { Pipeline } from '../pipeline/read-pipeline';
import type { StageConfig } from '../pipeline/stages';
import type { MonthlyTarget } from '../settings';
import type { MonthIndex } from '../util/dates';
import { medianWonCycleOf } from '../dynamics/won-cycle';
import { attainment } from './attainment';
import { matureBottleneck, type MatureBottleneck } from './mature-bottleneck';
import { customerAcquisition } from './cac';
import { cohortRetention, type CohortRow } from './cohort-retention';
import { costRate } from './cost-rate';
import { averageDealSize } from './deal-size';
import { dealTableOf } from './deal-table';
import { cohortFunnel, type Funnel } from './funnel';
import { monthPeriod } from './period';
import { DEFAULT_REPURCHASE_MONTHS, repurchaseRate } from './repurchase';
import { renewal } from './renewal';
import { revenue } from './revenue';
import { salesCycle } from './sales-cycle';
import { segments, type Segments } from './segments';
import { type AccountTier, customerTiers } from './tiers';
import { openDealsAtPeriodEnd, pipelineVelocity } from './velocity';
import { winRate } from './win-rate';

/**
 * Every figure of SPEC §2 for one report month, with the JSON field names of
 * issue 3 (the CLI's `--json`). Ratios with a zero denominator are null.
 */
export interface MonthlyMetrics {
  funnel: Funnel;
  winRate: number | null;
  wonDeals: number;
  lostDeals: number;
  revenue: number;
  averageDealSize: number | null;
  cycleDaysMean: number | null;
  cycleDaysMedian: number | null;
  velocityPerDay: number | null;
  /** Σ cost of the won deals closed in the month that have a cost (the cost-rate numerator); null when none has one (no cost column). */
  cost: number | null;
  costRate: number | null;
  cac: number | null;
  newCustomers: number;
  target: number | null;
  attainment: number | null;
  attainmentQtd: number | null;
  attainmentYtd: number | null;
  repurchaseRate: number | null;
  renewalRate: number | null;
  churnRate: number | null;
  cohortRetention: CohortRow[];
  tiers: AccountTier[];
  /** SPEC §7: the step that fell most in the latest mature cohort against the three before it. */
  bottleneck: MatureBottleneck | null;
  segments: Segments;
}

export interface MetricsOptions {
  month: MonthIndex;
  stages: StageConfig;
  targets?: readonly MonthlyTarget[];
  /** Repurchase window in months ending with the report month (default 3). */
  repurchaseMonths?: number;
  /** Strict funnel: a deal counts for a stage only if its `<stage> date` is filled (SPEC §1). */
  strict?: boolean;
}

/** The month's figures a report compares with the month before (the KPI table, the tiles): every metric but the breakdowns. */
export type MonthlyKpis = Omit<MonthlyMetrics, 'funnel' | 'cohortRetention' | 'tiers' | 'bottleneck' | 'segments'>;

/**
 * Computes every metric for the report month. The deals are turned into
 * typed columns once per deals array (`dealTableOf`, reused for the next
 * month); each metric is then one or two tight passes over them.
 */
export function computeMetrics(pipeline: Pipeline, options: MetricsOptions): MonthlyMetrics {
  const { month, stages } = options;
  const period = monthPeriod(month);
  const table = dealTableOf(pipeline.deals);
  const funnelOptions = funnelOptionsOf(pipeline, options);
  const segmentFields = SEGMENT_FIELDS.filter((f: SegmentField) => pipeline.header.mapping[f] !== undefined);
  return {
    funnel: cohortFunnel(pipeline.deals, stages, period, funnelOptions),
    ...computeKpis(pipeline, options),
    cohortRetention: cohortRetention(table, month),
    tiers: customerTiers(table, month),
    bottleneck: matureBottleneck(pipeline.deals, stages, month, funnelOptions),
    segments: segments(table, period, segmentFields, { steps: stages.stages.length + 1, options: funnelOptions }),
  };
}

function funnelOptionsOf(pipeline: Pipeline, options: MetricsOptions) {
  return { strict: options.strict === true, datedStages: pipeline.header.stageDateColumns.map((c) => c !== null) };
}

/** The KPIs alone: what the month before a report is needed for, without the breakdowns' passes over the deals. */
export function computeKpis(pipeline: Pipeline, options: MetricsOptions): MonthlyKpis {
  const { month } = options;
  const period = monthPeriod(month);
  const table = dealTableOf(pipeline.deals);
  const wins = winRate(table, period);
  const size = averageDealSize(table, period);
  const cycle = salesCycle(table, period);
  const costs = costRate(table, period);
  const acquisition = customerAcquisition(table, period);
  const goal = attainment(table, month, options.targets ?? []);
  const renewals = renewal(table, period);
  return {
    winRate: wins.winRate,
    wonDeals: wins.wonDeals,
    lostDeals: wins.lostDeals,
    revenue: revenue(table, period),
    averageDealSize: size.averageDealSize,
    cycleDaysMean: cycle.cycleDaysMean,
    cycleDaysMedian: cycle.cycleDaysMedian,
    velocityPerDay: pipelineVelocity({
      openDeals: openDealsAtPeriodEnd(table, period, medianWonCycleOf(pipeline.deals, period.end)),
      winRate: wins.winRate,
      averageDealSize: size.averageDealSize,
      cycleDaysMean: cycle.cycleDaysMean,
    }),
    cost: costs.dealsWithCost === 0 ? null : costs.cost,
    costRate: costs.costRate,
    cac: acquisition.cac,
    newCustomers: acquisition.newCustomers,
    target: goal.target,
    attainment: goal.attainment,
    attainmentQtd: goal.attainmentQtd,
    attainmentYtd: goal.attainmentYtd,
    repurchaseRate: repurchaseRate(table, month, options.repurchaseMonths ?? DEFAULT_REPURCHASE_MONTHS).repurchaseRate,
    renewalRate: renewals.renewalRate,
    churnRate: renewals.churnRate,
  };
}
