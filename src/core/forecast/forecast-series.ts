import { backtest } from './backtest';
import { finite, pointsOf, resolveLevel } from './intervals';
import { arimaMethod } from './arima-method';
import { etsMethod } from './ets-method';
import { etsCacheKey, fitMethod, type MethodContext, minimumLength } from './methods';
import { FORECAST_METHODS, type ForecastMethod, type ForecastNote, type ForecastOptions, type MethodFit, type SeriesForecast } from './types';

export const DEFAULT_HORIZON = 6;
export const DEFAULT_BACKTEST_MONTHS = 6;
export const MIN_HISTORY = 3;
/** Longest horizon accepted; a longer one is cut to this. */
export const MAX_HORIZON = 1200;
/** The yearly season of monthly data, tried whenever there are two full years. */
export const YEARLY_SEASON = 12;
/** A quarterly pattern, tried when the data is quarterly (`isQuarterly`). */
export const QUARTERLY_SEASON = 3;
/**
 * The default method, for every history: the mean of ETS, Theta, damped
 * trend and ARIMA — the most accurate on held-out data of everything we measured
 * (bench/forecast-m3.ts on the 1,428 M3 monthly series at these defaults,
 * and the classic monthly sales series; BENCHMARKS.md), ahead of R's
 * `ets()` and of Theta alone. The backtest is reported beside it as
 * validation; it does not pick the method (a 6-month backtest is too noisy
 * a judge: picking by it scored worse than any of the good methods alone).
 */
export const DEFAULT_METHOD: ForecastMethod = 'ets-theta-damped-arima';
/** Kept for callers of the old API: the default no longer depends on the season. */
export const DEFAULT_SEASONAL_METHOD: ForecastMethod = DEFAULT_METHOD;

export function defaultMethod(_season?: number): ForecastMethod {
  return DEFAULT_METHOD;
}

/**
 * Forecast of a monthly series (SPEC §2 "Forecast"):
 *
 * 1. Fewer than 3 points: no forecast (`reason` 'tooShort').
 * 2. Season: by default ETS tries a yearly season (12) whenever there are
 *    two full years, and a quarterly one (3) when the data is quarterly;
 *    the season used is the one of the model its AICc selects (12, 3 or
 *    none). A season given is used with two full seasons of history; `1`
 *    is none. Too short for the season: a 'noSeasonFallback' note.
 *    Season 1 turns every method into its non-seasonal form (seasonal
 *    naive → naive, Holt–Winters → Holt, …).
 * 3. Every method is backtested (`./backtest`, rolling origin over the last
 *    `backtestMonths`; ETS refits the model selected on the whole history)
 *    and the scores are reported.
 * 4. The method: the one asked for, else `DEFAULT_METHOD` (chosenBy
 *    'default', with a 'defaultMethod' note saying why).
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
  const wanted =
    asked === 'auto' ? [YEARLY_SEASON, ...(isQuarterly(y) ? [QUARTERLY_SEASON] : [])] : [Number.isFinite(asked) ? Math.max(1, Math.round(asked)) : 1];
  const seasons = wanted.filter((m) => m > 1 && n >= 2 * m);
  const shortOf = wanted.find((m) => m > 1 && n < 2 * m);
  if (shortOf !== undefined && seasons.length === 0) {
    notes.push({
      code: 'noSeasonFallback',
      message:
        asked === 'auto'
          ? `Only ${n} months of history: a season of ${shortOf} months can only be tried with at ` +
            `least ${2 * shortOf} (two full seasons), so only non-seasonal methods were used.`
          : `Only ${n} months of history: a season of ${shortOf} months needs at ` +
            `least ${2 * shortOf} (two full seasons), so only non-seasonal methods were used.`,
      values: { months: n, season: shortOf, needed: 2 * shortOf },
    });
  }

  // ETS on the whole history decides the season (auto) and the model the backtest refits.
  const etsSeasons = seasons.length > 0 ? seasons : [1];
  const ets = etsMethod(y, etsSeasons, horizon, null, scale);
  const context: MethodContext = {
    etsSeasons,
    etsUnit: scale,
    etsCache: new Map([[etsCacheKey(n, horizon), ets]]),
    partsCache: new Map(),
    arimaCache: new Map(),
  };
  const selected = ets?.model?.spec ?? null;
  const season = asked !== 'auto' ? (seasons[0] ?? 1) : selected !== null && selected.season !== 'N' ? selected.m : 1;
  // Theta and damped: the season in use, as known; without one, the M4 test may still find the season tried.
  context.adjustment = season > 1 ? { m: season, force: true } : { m: seasons[0] ?? 1, force: false };

  const minTrain = minimumLength(season);
  // ARIMA on the whole history too: the backtest refits its order, as it refits ETS's model.
  const arima = arimaMethod(y, context.adjustment.m, horizon);
  context.arimaCache!.set(etsCacheKey(n, horizon), arima);
  const backtestContext: MethodContext = { ...context, etsSpec: selected, arimaOrder: arima?.model.order ?? null };
  const bt = backtest(y, FORECAST_METHODS, season, backtestMonths, minTrain, 2, backtestContext);
  let method: ForecastMethod;
  let chosenBy: SeriesForecast['chosenBy'];
  const asking = options.method !== undefined && options.method !== 'auto' && FORECAST_METHODS.includes(options.method) ? options.method : null;
  if (asking !== null) {
    method = asking;
    chosenBy = 'option';
  } else {
    method = DEFAULT_METHOD;
    chosenBy = 'default';
    notes.push({
      code: 'defaultMethod',
      message:
        'Default method: the mean of ETS, Theta, damped trend and ARIMA, the most accurate on held-out data of the methods ' +
        'measured (M3 monthly series and classic sales series); the backtest is shown as validation.',
    });
  }
  if (bt.origins === 0 && backtestMonths > 0) {
    notes.push({
      code: 'noBacktest',
      message: `Only ${n} months of history: too short to backtest (${minTrain + Math.min(2, backtestMonths)} needed).`,
      values: { months: n, needed: minTrain + Math.min(2, backtestMonths) },
    });
  }

  let fit = fitMethod(method, y, season, horizon, context);
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

/**
 * Quarterly data: every month with revenue falls on the same month of the
 * quarter (revenue booked once a quarter), at least four of them.
 */
export function isQuarterly(y: readonly number[]): boolean {
  let position = -1;
  let count = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] === 0) continue;
    if (position === -1) position = t % 3;
    else if (t % 3 !== position) return false;
    count++;
  }
  return count >= 4;
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
