import { dealTableOf, NO_MONTH } from '../metrics/deal-table';
import { revenueByMonth } from '../metrics/revenue';
import type { DataIssue } from '../pipeline/data-issue';
import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { type MonthIndex, monthEndSerial } from '../util/dates';
import { DEFAULT_BACKTEST_MONTHS, DEFAULT_HORIZON, type ForecastOptions, forecastSeries, type SeriesForecast } from './index';
import { weightedPipeline, type WeightedPipeline } from './weighted-pipeline';

export interface MonthlyForecast {
  /** The report month: the last month of history. */
  month: MonthIndex;
  /** First month of history: the month of the first won deal. */
  firstMonth: MonthIndex;
  /** Revenue by close month, `firstMonth` … `month`, months without a won deal as 0 (SPEC §2). */
  history: number[];
  /** Months of the rolling-origin backtest. */
  backtestMonths: number;
  series: SeriesForecast;
  weighted: WeightedPipeline;
}

export interface MonthlyForecastOptions extends Omit<ForecastOptions, 'horizon'> {
  month: MonthIndex;
  stages: StageConfig;
  horizon?: number;
  /** Sheet rows of lost deals without stage information (data issue `lostWithoutStage`). */
  unknownLostRows?: ReadonlySet<number>;
}

/** The rows `learnStageProbabilities` must not read as lost at the first stage for certain. */
export function unknownLostRowsOf(issues: readonly DataIssue[]): Set<number> {
  const rows = new Set<number>();
  for (const issue of issues) if (issue.code === 'lostWithoutStage') rows.add(issue.row);
  return rows;
}

/**
 * The forecast of a report month (SPEC §2): the revenue history up to and
 * including the month, forecast `horizon` months ahead by the method the
 * backtest picks, beside the weighted open pipeline for the same months.
 */
export function monthlyForecast(deals: readonly Deal[], options: MonthlyForecastOptions): MonthlyForecast {
  const { month, stages, unknownLostRows, ...rest } = options;
  const horizon = options.horizon ?? DEFAULT_HORIZON;
  const table = dealTableOf(deals);
  const firstMonth = Math.min(firstWonMonth(table.closedMonth), month);
  const history = Array.from(revenueByMonth(table, firstMonth, month));
  const backtestMonths = options.backtestMonths ?? DEFAULT_BACKTEST_MONTHS;
  const series = forecastSeries(history, { ...rest, horizon, backtestMonths });
  const weighted = weightedPipeline(deals, stages, month, horizon, monthEndSerial(month), unknownLostRows);
  return { month, firstMonth, history, backtestMonths, series, weighted };
}

function firstWonMonth(closedMonth: Int32Array): MonthIndex {
  let first = Infinity;
  for (let i = 0; i < closedMonth.length; i++) {
    const m = closedMonth[i]!;
    if (m !== NO_MONTH && m < first) first = m;
  }
  return first;
}
