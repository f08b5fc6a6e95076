import { t, translator, type Locale } from '../core/i18n';
import { bottleneckText } from '../core/report/analytics-sections';
import { BLANK_SEGMENT } from '../core/metrics/segments';
import type { SegmentField } from '../core/pipeline/fields';
import type { MonthlyMetrics } from '../core/metrics/compute-metrics';
import type { Pipeline } from '../core/pipeline/read-pipeline';
import type { CellValue } from '../core/util/cell';
import type { ForecastMethod, ForecastNote } from '../core/forecast/index';
import type { MonthlyForecast } from '../core/forecast/monthly-forecast';
import { monthKey } from '../core/util/dates';
import type { PipelineDynamics } from '../core/dynamics/pipeline-dynamics';
import { type DynamicsJson, dynamicsJson } from './dynamics-json';
import type { CurrencySummary } from '../core/currency/convert-deals';

/** The `forecast` field of the JSON (issue #4). */
export interface ForecastJson {
  /** Null when there is no forecast; `reason` says why. */
  method: ForecastMethod | null;
  season: number;
  horizon: number;
  level: number;
  history: { month: string; actual: number; fitted: number | null }[];
  points: { month: string; forecast: number; lower: number; upper: number }[];
  backtest: { method: ForecastMethod; smape: number | null; mase: number | null }[];
  notes: ForecastNote[];
  reason: ForecastNote | null;
  /** `amount` is the weighted amount (open amount × probability) of the deals expected in the month. */
  weightedPipeline: { month: string; amount: number; deals: number }[];
  /** Open deals past their expected close by the end of the report month (SPEC §8), in no month of `weightedPipeline`. */
  weightedPipelineOverdue: { amount: number; weightedAmount: number; deals: number };
  stageProbabilities: { stage: string; probability: number; closedDeals: number; wonDeals: number; learned: boolean; caveat?: 'lostStagesUnknown' }[];
}

export function forecastJson(f: MonthlyForecast): ForecastJson {
  const { series, weighted } = f;
  return {
    method: series.method,
    season: series.season,
    horizon: series.horizon,
    level: series.level,
    history: f.history.map((actual, i) => ({ month: monthKey(f.firstMonth + i), actual, fitted: series.fitted[i] ?? null })),
    points: series.points.map((p) => ({ month: monthKey(f.month + p.step), forecast: p.forecast, lower: p.lower, upper: p.upper })),
    backtest: series.backtest.map((b) => ({ method: b.method, smape: b.smape, mase: b.mase })),
    notes: series.notes,
    reason: series.reason,
    weightedPipeline: weighted.months.map((m) => ({ month: monthKey(m.month), amount: m.amount, deals: m.deals })),
    weightedPipelineOverdue: { amount: weighted.overdue.amount, weightedAmount: weighted.overdue.weightedAmount, deals: weighted.overdue.deals },
    stageProbabilities: weighted.stageProbabilities.map((s) => ({
      stage: s.stage,
      probability: s.probability,
      closedDeals: s.closedDeals,
      wonDeals: s.wonDeals,
      learned: s.learned,
      ...(s.caveat ? { caveat: s.caveat } : {}),
    })),
  };
}

/**
 * SPEC §7's bottleneck: the step, its conversion in the latest mature cohort and over the three before, each cohort compared,
 * and the sentence the report shows.
 */
export interface BottleneckJson {
  step: { from: string; to: string };
  current: number;
  trailing: number | null;
  cohorts: { month: string; role: 'current' | 'trailing'; reached: number; converted: number; conversion: number | null }[];
  text: string;
}

/** One segment: its own cohort funnel, and apart what closed in the month (issue #16). */
export interface SegmentJson {
  value: string;
  cohort: { created: number; steps: { stage: string; reached: number }[] };
  closed: { won: number; lost: number; winRate: number | null; revenue: number; costRate: number | null };
}

/** The funnel of the month; in period mode `reached` counts the deals that entered the step in the month. */
export interface FunnelJson {
  mode: 'cohort' | 'period';
  strict: boolean;
  steps: { stage: string; reached: number; stepConversion: number | null; cumulativeConversion: number | null }[];
}

/**
 * Version of the JSON's shape (docs/report-schema.json); 2 adds the bottleneck, segments and funnel.mode of SPEC §7 (issue #16)
 * and the pipeline dynamics of SPEC §8 (issue #17); 3 adds `currency` (SPEC §9, issue #18: every amount is in the reporting currency).
 */
export const REPORT_SCHEMA_VERSION = 3;

/** The CLI's `--json` output and the pane's result (stable field names; later issues add fields). */
export interface ReportJson extends Omit<MonthlyMetrics, 'funnel' | 'bottleneck' | 'segments'>, DynamicsJson {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  month: string;
  sheet: string;
  stages: string[];
  /** Which sheet header feeds each field. */
  mapping: Record<string, string>;
  deals: { read: number; used: number; issues: number };
  funnel: FunnelJson;
  bottleneck: BottleneckJson | null;
  segments: Partial<Record<SegmentField, SegmentJson[]>>;
  unknownStages: { value: string; count: number }[];
  issues: { row: number; column: string; address: string; value: CellValue; code: string; reason: string }[];
  forecast: ForecastJson;
  /**
   * SPEC §9: the reporting currency every amount is in (null: no deal names one and none was chosen), deals converted from another currency,
   * deals left out of every amount for want of a rate.
   */
  currency: CurrencySummary;
}

export function reportJson(args: {
  month: string;
  sheet: string;
  stages: string[];
  pipeline: Pipeline;
  metrics: MonthlyMetrics;
  forecast: MonthlyForecast;
  dynamics: PipelineDynamics;
  locale: Locale;
  funnel?: FunnelJson;
  currency?: CurrencySummary;
}): ReportJson {
  // `currency` stays the last field, after the dynamics, as before the figures were split out.
  const { currency, ...figures } = reportFiguresJson(args);
  return { ...figures, ...dynamicsJson(args.dynamics, translator(args.locale)), currency };
}

/** What reads the pipeline beside the figures: the header, the rows and the data issues (the DuckDB engine has no deals in memory, only these). */
export type PipelineSummary = Pick<Pipeline, 'header' | 'rowsRead' | 'rowsClean' | 'issues' | 'unknownStages'> & { issueCount?: number };

/** The JSON's fields of SPEC §2, the forecast and the currency (SPEC §9): everything but the pipeline dynamics of SPEC §8. */
export function reportFiguresJson(args: {
  month: string;
  sheet: string;
  stages: string[];
  pipeline: PipelineSummary;
  metrics: MonthlyMetrics;
  forecast: MonthlyForecast;
  locale: Locale;
  funnel?: FunnelJson;
  currency?: CurrencySummary;
}): Omit<ReportJson, keyof DynamicsJson> {
  const { pipeline } = args;
  const { funnel, bottleneck, segments, ...metrics } = args.metrics;
  const steps = funnel.steps.map((s) => s.stage);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    month: args.month,
    sheet: args.sheet,
    stages: args.stages,
    mapping: Object.fromEntries(Object.entries(pipeline.header.mapping).map(([field, col]) => [field, pipeline.header.headers[col] ?? ''])),
    deals: { read: pipeline.rowsRead, used: pipeline.rowsClean, issues: pipeline.issueCount ?? pipeline.issues.length },
    ...metrics,
    funnel: args.funnel ?? { mode: funnel.mode, strict: funnel.strict, steps: funnel.steps },
    bottleneck: bottleneck && {
      step: { from: bottleneck.step.from, to: bottleneck.step.to },
      current: bottleneck.current,
      trailing: bottleneck.trailing,
      cohorts: bottleneck.cohorts,
      text: bottleneckText(bottleneck, args.month, translator(args.locale))!,
    },
    segments: Object.fromEntries(
      Object.entries(segments).map(([field, rows]) => [
        field,
        rows.map((r) => ({
          value: r.key === BLANK_SEGMENT ? t(args.locale, 'segment.blank') : r.key,
          cohort: { created: r.cohort.created, steps: r.cohort.reached.map((reached, k) => ({ stage: steps[k]!, reached })) },
          closed: { won: r.closed.won, lost: r.closed.lost, winRate: r.closed.winRate, revenue: r.closed.revenue, costRate: r.closed.costRate },
        })),
      ]),
    ),
    unknownStages: pipeline.unknownStages,
    issues: pipeline.issues.map((i) => ({
      row: i.row,
      column: i.column,
      address: i.address,
      value: i.value,
      code: i.code,
      reason: t(args.locale, `issue.${i.code}`),
    })),
    forecast: forecastJson(args.forecast),
    currency: args.currency ?? { reporting: null, converted: 0, missingRate: 0 },
  };
}
