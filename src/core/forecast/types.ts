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
 * - `comb`: M4 "Comb S-H-D", the mean of SES, Holt and damped Holt on seasonally adjusted data;
 * - `ets`: the ETS state-space family as R `forecast::ets()` selects it (lowest AICc; `./ets`);
 * - `ets-theta-damped`: the equal-weight mean of `ets`, `theta` and `damped` (`./combinations`);
 * - `arima`: seasonal ARIMA as R `forecast::auto.arima()` searches it (differences by tests, orders by AICc; `./arima`);
 * - `ets-theta-damped-arima`: the equal-weight mean of `ets`, `theta`, `damped` and `arima` — the default (`./combinations`).
 */
export type ForecastMethod =
  'seasonal-naive' | 'linear' | 'holt-winters' | 'damped' | 'naive2' | 'theta' | 'comb' | 'ets' | 'ets-theta-damped' | 'arima' | 'ets-theta-damped-arima';

/** Every method: the six of SPEC §2 / issue #4, `comb`, then ETS, its combination, ARIMA and the default combination (issue #21). */
export const FORECAST_METHODS: readonly ForecastMethod[] = [
  'seasonal-naive',
  'linear',
  'holt-winters',
  'damped',
  'naive2',
  'theta',
  'comb',
  'ets',
  'ets-theta-damped',
  'arima',
  'ets-theta-damped-arima',
];

/** Simplest first (fewest estimated quantities): a tie in the backtest goes to the earlier method. */
export const SIMPLICITY_ORDER: readonly ForecastMethod[] = [
  'seasonal-naive',
  'naive2',
  'linear',
  'theta',
  'holt-winters',
  'damped',
  'comb',
  'ets',
  'ets-theta-damped',
  'arima',
  'ets-theta-damped-arima',
];

export interface ForecastOptions {
  /** Months to forecast; default 6 (SPEC §2). */
  horizon?: number;
  /** Season length in months, or 'auto' (default): ETS tries 12 (and 3 for quarterly data) and its selected model decides. 1 = no season. */
  season?: number | 'auto';
  /** Prediction-interval coverage, default 0.95. */
  level?: number;
  /** Months of the rolling-origin backtest, default 6 (SPEC §2). */
  backtestMonths?: number;
  /** A method, or 'auto' (default): `DEFAULT_METHOD`, the mean of ETS, Theta, damped trend and ARIMA. */
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
  /** Too short to backtest: no validation scores. */
  | 'noBacktest'
  /** The default method was used: why it is the default. */
  | 'defaultMethod';

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
  /**
   * How the method was chosen: the default (most accurate on held-out data in general) or the caller; 'mase' / 'smape' (by the backtest) are no longer
   * produced.
   */
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
