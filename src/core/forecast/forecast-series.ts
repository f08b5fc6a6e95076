import { backtest } from './backtest';
import { finite, pointsOf, resolveLevel } from './intervals';
import { fitMethod, minimumLength } from './methods';
import { DEFAULT_MAX_SEASON, detectSeason } from './season';
import { FORECAST_METHODS, type ForecastMethod, type ForecastNote, type ForecastOptions, type MethodFit, type MethodScore, type SeriesForecast, SIMPLICITY_ORDER } from './types';

export const DEFAULT_HORIZON = 6;
export const DEFAULT_BACKTEST_MONTHS = 6;
export const MIN_HISTORY = 3;
/** Longest horizon accepted; a longer one is cut to this. */
export const MAX_HORIZON = 1200;
/**
 * The default rule, used when the history is too short to backtest (fewer
 * than two origins): with a season in use (two or three seasons of
 * history), seasonal naive — the one method that carries the season over
 * from so little data without estimating anything; otherwise Theta — the
 * M3 competition's winner, within 0.003 OWA of the best single method
 * (comb) on the M3 monthly series in `bench/forecast-m3.ts` at a fifteenth
 * of its cost.
 */
export const DEFAULT_METHOD: ForecastMethod = 'theta';
export const DEFAULT_SEASONAL_METHOD: ForecastMethod = 'seasonal-naive';

export function defaultMethod(season: number): ForecastMethod {
  return season > 1 ? DEFAULT_SEASONAL_METHOD : DEFAULT_METHOD;
}

/**
 * Forecast of a monthly series (SPEC §2 "Forecast"):
 *
 * 1. Fewer than 3 points: no forecast (`reason` 'tooShort').
 * 2. Season: the one given, or `detectSeason` ('auto'); used only with at
 *    least two full seasons of history, else season 1 and a
 *    'noSeasonFallback' note (also given in 'auto' mode when the history
 *    is shorter than two years, so a yearly season could not be tested).
 *    Season 1 turns every method into its non-seasonal form (seasonal
 *    naive → naive, Holt–Winters → Holt, …).
 * 3. Every method is backtested (`./backtest`, rolling origin over the last
 *    `backtestMonths`).
 * 4. The method: the one asked for; else the lowest backtest MASE; when no
 *    method has a MASE (the data before the backtest is constant), the
 *    lowest sMAPE; when the backtest could not run, `defaultMethod(season)`
 *    ('noBacktest' note). Ties (within 1e-9, relative) go to the simpler
 *    method (`SIMPLICITY_ORDER`).
 * 5. The chosen method is fitted to the whole history: one-step fit,
 *    forecasts and the `level` band (`./intervals`).
 *
 * Guarantees: every number returned is finite. Non-finite history values
 * are read as 0. The work is done on the series divided by its largest
 * absolute value (so huge or tiny values neither overflow nor underflow)
 * and scaled back, with ±∞ clamped to ± the largest double.
 */
export function forecastSeries(history: readonly number[], options: ForecastOptions = {}): SeriesForecast {
  const horizon = resolveCount(options.horizon, DEFAULT_HORIZON, 1, MAX_HORIZON);
  const level = resolveLevel(options.level);
  const backtestMonths = resolveCount(options.backtestMonths, DEFAULT_BACKTEST_MONTHS, 0, Number.MAX_SAFE_INTEGER);
  const raw = history.map((v) => (Number.isFinite(v) ? v : 0));
  const n = raw.length;
  const none = (reason: ForecastNote | null, season = 1): SeriesForecast => ({
    method: null,
    season,
    horizon,
    level,
    fitted: raw.map(() => null),
    points: [],
    backtest: FORECAST_METHODS.map((method) => ({ method, smape: null, mase: null })),
    notes: reason ? [reason] : [],
    reason,
    chosenBy: null,
  });
  if (n < MIN_HISTORY) {
    return none({
      code: 'tooShort',
      message: `Only ${n} ${plural(n, 'month')} of history: at least ${MIN_HISTORY} are needed for a forecast.`,
      values: { months: n, needed: MIN_HISTORY },
    });
  }

  let scale = 0;
  for (const v of raw) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  const y = raw.map((v) => v / scale);

  const notes: ForecastNote[] = [];
  const asked = options.season ?? 'auto';
  let season = asked === 'auto' ? detectSeason(y) : Number.isFinite(asked) ? Math.max(1, Math.round(asked)) : 1;
  const wanted = asked === 'auto' ? (season > 1 ? season : DEFAULT_MAX_SEASON) : season;
  if (wanted > 1 && n < 2 * wanted) {
    notes.push({
      code: 'noSeasonFallback',
      message:
        asked === 'auto'
          ? `Only ${n} months of history: a season of ${wanted} months can only be detected with at least ${2 * wanted} (two full seasons), so only non-seasonal methods were used.`
          : `Only ${n} months of history: a season of ${wanted} months needs at least ${2 * wanted} (two full seasons), so only non-seasonal methods were used.`,
      values: { months: n, season: wanted, needed: 2 * wanted },
    });
    season = 1;
  }

  const minTrain = minimumLength(season);
  const bt = backtest(y, FORECAST_METHODS, season, backtestMonths, minTrain);
  let method: ForecastMethod;
  let chosenBy: SeriesForecast['chosenBy'];
  const asking = options.method !== undefined && options.method !== 'auto' && FORECAST_METHODS.includes(options.method) ? options.method : null;
  if (asking !== null) {
    method = asking;
    chosenBy = 'option';
  } else {
    const byMase = lowest(bt.scores, 'mase');
    const bySmape = lowest(bt.scores, 'smape');
    if (byMase !== null) [method, chosenBy] = [byMase, 'mase'];
    else if (bySmape !== null) [method, chosenBy] = [bySmape, 'smape'];
    else [method, chosenBy] = [defaultMethod(season), 'default'];
  }
  if (bt.origins === 0 && backtestMonths > 0) {
    notes.push({
      code: 'noBacktest',
      message: `Only ${n} months of history: too short to backtest (${minTrain + Math.min(2, backtestMonths)} needed), so ${chosenBy === 'option' ? 'the method asked for' : `the default method (${defaultMethod(season)})`} was used.`,
      values: { months: n, needed: minTrain + Math.min(2, backtestMonths) },
    });
  }

  let fit = fitMethod(method, y, season, horizon);
  if (!isUsable(fit)) {
    method = 'seasonal-naive';
    fit = fitMethod(method, y, season, horizon);
  }
  const fitted = fit.fitted.map((v) => (v === null ? null : finite(v * scale)));
  const points = pointsOf(
    fit.forecast.map((v) => v * scale),
    fit.se.map((v) => v * scale),
    level,
  );
  const scores = bt.scores.map((s) => ({ method: s.method, smape: finiteOrNull(s.smape), mase: finiteOrNull(s.mase) }));
  return { method, season, horizon, level, fitted, points, backtest: scores, notes, reason: null, chosenBy };
}

function lowest(scores: readonly MethodScore[], key: 'mase' | 'smape'): ForecastMethod | null {
  let best: MethodScore | null = null;
  for (const method of SIMPLICITY_ORDER) {
    const s = scores.find((x) => x.method === method);
    const v = s?.[key];
    if (s === undefined || v === null || v === undefined || !Number.isFinite(v)) continue;
    const b = best?.[key];
    if (best === null || b === null || b === undefined || v < b - 1e-9 * Math.max(1, Math.abs(b))) best = s;
  }
  return best?.method ?? null;
}

function isUsable(fit: MethodFit): boolean {
  return fit.forecast.every(Number.isFinite) && fit.se.every(Number.isFinite);
}

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

function resolveCount(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
