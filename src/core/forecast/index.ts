/**
 * The forecasting engine (SPEC §2 "Forecast"): pure functions over a
 * monthly series. `forecastSeries` is the entry point; the methods,
 * accuracy measures and helpers are exported for tests, the bench and
 * the custom functions.
 */
export { FORECAST_METHODS, SIMPLICITY_ORDER } from './types';
export type { ForecastMethod, ForecastNote, ForecastNoteCode, ForecastOptions, ForecastPoint, MethodFit, MethodScore, SeriesForecast } from './types';
export {
  DEFAULT_BACKTEST_MONTHS,
  DEFAULT_HORIZON,
  DEFAULT_METHOD,
  DEFAULT_SEASONAL_METHOD,
  defaultMethod,
  forecastSeries,
  MIN_HISTORY,
} from './forecast-series';
export { fitLine, forecastLinear, trendLine } from './linear';
export { acf, decompose, detectSeason, seasonalityTest } from './season';
export { mase, maseScale, smape } from './accuracy';
export { backtest } from './backtest';
export { fitMethod } from './methods';
export { holtWintersFilter, holtWintersStart } from './holt-winters';
export { fitHoltWinters } from './fit-holt-winters';
export { DEFAULT_LEVEL, normalQuantile } from './intervals';
