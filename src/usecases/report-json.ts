import { t, type Locale } from '../core/i18n';
import type { MonthlyMetrics } from '../core/metrics/compute-metrics';
import type { Funnel } from '../core/metrics/funnel';
import type { Pipeline } from '../core/pipeline/read-pipeline';
import type { CellValue } from '../core/util/cell';
import type { ForecastMethod, ForecastNote } from '../core/forecast/index';
import type { MonthlyForecast } from '../core/forecast/monthly-forecast';
import { monthKey } from '../core/util/dates';
import type { PipelineDynamics } from '../core/dynamics/pipeline-dynamics';
import { translator } from '../core/i18n';
import { type DynamicsJson, dynamicsJson } from './dynamics-json';

/** The JSON's version: 2 adds the pipeline dynamics of SPEC §8 (issue #17). */
export const SCHEMA_VERSION = 2;

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

/** The CLI's `--json` output and the pane's result (stable field names; later issues add fields). */
export interface ReportJson extends Omit<MonthlyMetrics, 'funnel'>, DynamicsJson {
  schemaVersion: typeof SCHEMA_VERSION;
  month: string;
  sheet: string;
  stages: string[];
  /** Which sheet header feeds each field. */
  mapping: Record<string, string>;
  deals: { read: number; used: number; issues: number };
  funnel: Funnel;
  unknownStages: { value: string; count: number }[];
  issues: { row: number; column: string; address: string; value: CellValue; code: string; reason: string }[];
  forecast: ForecastJson;
}

export function reportJson(args: { month: string; sheet: string; stages: string[]; pipeline: Pipeline; metrics: MonthlyMetrics; forecast: MonthlyForecast; dynamics: PipelineDynamics; locale: Locale }): ReportJson {
  const { pipeline } = args;
  const { funnel, ...metrics } = args.metrics;
  return {
    schemaVersion: SCHEMA_VERSION,
    month: args.month,
    sheet: args.sheet,
    stages: args.stages,
    mapping: Object.fromEntries(Object.entries(pipeline.header.mapping).map(([field, col]) => [field, pipeline.header.headers[col!] ?? ''])),
    deals: { read: pipeline.rowsRead, used: pipeline.rowsClean, issues: pipeline.issues.length },
    funnel,
    ...metrics,
    unknownStages: pipeline.unknownStages,
    issues: pipeline.issues.map((i) => ({ row: i.row, column: i.column, address: i.address, value: i.value, code: i.code, reason: t(args.locale, `issue.${i.code}`) })),
    forecast: forecastJson(args.forecast),
    ...dynamicsJson(args.dynamics, translator(args.locale)),
  };
}
