/**
 * The shapes of the forecasting engine (SPEC §2 "Forecast"), re-exported by
 * `./index`. Plain data: what the report, the JSON output and the custom
 * function `FUNNEL.FORECAST` read.
 */

/**
 * The statistical methods, simplest first (the order ties are broken in):
 * - `seasonal-naive`: last season repeated (the last value when no season is used);
 * - `naive2`: M4 Naive2, the last seasonally adjusted value, reseasonalised;
 * - `linear`: straight-line trend, Excel `FORECAST.LINEAR` on t = 1…n;
 * - `theta`: standard Theta (SES with drift on seasonally adjusted data);
 * - `holt-winters`: additive Holt–Winters, R `stats::HoltWinters` (Holt's linear trend when no season is used);
 * - `damped`: damped additive trend (φ), M4 "Damped": damped Holt on seasonally adjusted data, reseasonalised;
 * - `comb`: M4 "Comb S-H-D", the mean of SES, Holt and damped Holt on seasonally adjusted data.
 */
export type ForecastMethod = 'seasonal-naive' | 'linear' | 'holt-winters' | 'damped' | 'naive2' | 'theta' | 'comb';

/** Every method: the six of SPEC §2 / issue #4, then `comb` (added: the best method on M3 in bench/forecast-m3.ts). */
export const FORECAST_METHODS: readonly ForecastMethod[] = ['seasonal-naive', 'linear', 'holt-winters', 'damped', 'naive2', 'theta', 'comb'];

/** Simplest first (fewest estimated quantities): a tie in the backtest goes to the earlier method. */
export const SIMPLICITY_ORDER: readonly ForecastMethod[] = ['seasonal-naive', 'naive2', 'linear', 'theta', 'holt-winters', 'damped', 'comb'];

export interface ForecastOptions {
  /** Months to forecast; default 6 (SPEC §2). */
  horizon?: number;
  /** Season length in months, or 'auto' (default) to detect it by autocorrelation. 1 = no season. */
  season?: number | 'auto';
  /** Prediction-interval coverage, default 0.95. */
  level?: number;
  /** Months of the rolling-origin backtest, default 6 (SPEC §2). */
  backtestMonths?: number;
  /** A method, or 'auto' (default): the lowest backtest MASE. */
  method?: ForecastMethod | 'auto';
}

export interface ForecastPoint {
  /** 1…horizon: months after the last month of history. */
  step: number;
  forecast: number;
  lower: number;
  upper: number;
}

export interface MethodScore {
  method: ForecastMethod;
  /** Backtest sMAPE in percent (0…200); null when the backtest could not run. */
  smape: number | null;
  /** Backtest MASE; null when the backtest could not run or its scale is 0. */
  mase: number | null;
}

export type ForecastNoteCode =
  /** Fewer than 3 points: no forecast. */
  | 'tooShort'
  /** Fewer than 2 full seasons: non-seasonal methods only. */
  | 'noSeasonFallback'
  /** Too short to backtest: the method was chosen by the default rule. */
  | 'noBacktest';

export interface ForecastNote {
  code: ForecastNoteCode;
  /** Plain English, for logs and as the fallback when no translation exists. */
  message: string;
  /** The numbers in the message (always `months`, the length of the history). */
  values?: Record<string, number>;
}

export interface SeriesForecast {
  /** The method used; null only when there is no forecast (`reason` set). */
  method: ForecastMethod | null;
  /** Season length used; 1 = no seasonality used. */
  season: number;
  horizon: number;
  level: number;
  /** One-step-ahead in-sample fit of the chosen method, same length as the history (null where none). */
  fitted: (number | null)[];
  /** `horizon` points; [] when there is no forecast. */
  points: ForecastPoint[];
  /** Every method's backtest scores (null when not computable), the chosen one included. */
  backtest: MethodScore[];
  notes: ForecastNote[];
  /** Why there is no forecast. */
  reason: ForecastNote | null;
  /** How the method was chosen: the backtest MASE, its sMAPE (no MASE was computable), the default rule, or the caller. */
  chosenBy?: 'mase' | 'smape' | 'default' | 'option' | null;
}

/**
 * One method fitted to one series: what every method module returns.
 * `se[k]` is the standard error of the (k+1)-step forecast (see `./intervals`).
 */
export interface MethodFit {
  fitted: (number | null)[];
  forecast: number[];
  se: number[];
}
