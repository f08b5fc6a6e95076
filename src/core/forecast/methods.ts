import type { ArimaOrder } from './arima';
import { type ArimaMethodFit, arimaMethod } from './arima-method';
import { combMethod } from './comb';
import { dampedMethod } from './damped';
import { type EtsMethodFit, etsMethod } from './ets-method';
import type { EtsSpec } from './ets-model';
import { meanOfMethods } from './combinations';
import { holtWintersMethod } from './fit-holt-winters';
import { holtWintersMinLength } from './holt-winters';
import { linearMethod } from './linear';
import { naive2Method } from './naive2';
import { seasonalNaiveMethod } from './seasonal-naive';
import { thetaMethod } from './theta';
import type { ForecastMethod, MethodFit } from './types';

/**
 * What ETS needs beyond the series: the season lengths its selection tries
 * (default [m]), or one model to refit instead of selecting (the backtest
 * refits the model chosen on the whole history), and a cache shared by
 * `ets` and the combination so that one origin fits ETS once.
 */
export interface MethodContext {
  etsSeasons?: readonly number[];
  etsSpec?: EtsSpec | null;
  etsCache?: Map<string, EtsMethodFit | null>;
  /** The factor to the user's units, in which ETS is fitted (`./ets-method`). */
  etsUnit?: number;
  /**
   * The season Theta, damped and the default combination adjust for, and
   * whether it is known (the selected ETS model has it: no 90 % test).
   * Default: season m, tested.
   */
  adjustment?: { m: number; force: boolean };
  /**
   * Theta and damped fits shared by their own rows and the combination
   * (keyed by method, length and horizon: within one `forecastSeries` the
   * season they adjust for is fixed), so a backtest origin fits each once.
   */
  partsCache?: Map<string, MethodFit>;
  /** ARIMA: the order to refit instead of searching (the backtest refits the one chosen on the whole history), and fits shared as ETS's. */
  arimaOrder?: ArimaOrder | null;
  arimaCache?: Map<string, ArimaMethodFit | null>;
}

/**
 * One entry point for every method: `fitMethod(method, series, m, horizon)`
 * fits the method to the whole series with season m (1 = none) and returns
 * its one-step fit, `horizon` forecasts and their standard errors.
 */
export function fitMethod(method: ForecastMethod, series: readonly number[], m: number, horizon: number, context: MethodContext = {}): MethodFit {
  switch (method) {
    case 'seasonal-naive':
      return seasonalNaiveMethod(series, m, horizon);
    case 'linear':
      return linearMethod(series, horizon);
    case 'holt-winters':
      return holtWintersMethod(series, m, horizon, false);
    case 'damped':
      return partOf('damped', series, m, horizon, context);
    case 'naive2':
      return naive2Method(series, m, horizon);
    case 'theta':
      return partOf('theta', series, m, horizon, context);
    case 'comb':
      return combMethod(series, m, horizon);
    case 'ets':
      // Too short for any ETS model (fewer than 5 values): Theta, the default's other half.
      return etsOf(series, m, horizon, context) ?? thetaMethod(series, m, horizon);
    case 'ets-theta-damped':
      return meanOfMethods(series, horizon, [
        etsOf(series, m, horizon, context),
        partOf('theta', series, m, horizon, context),
        partOf('damped', series, m, horizon, context),
      ]);
    case 'arima':
      // Too short or constant for any ARIMA: Theta, as for ETS.
      return arimaOf(series, m, horizon, context) ?? thetaMethod(series, m, horizon);
    case 'ets-theta-damped-arima':
      return meanOfMethods(series, horizon, [
        etsOf(series, m, horizon, context),
        partOf('theta', series, m, horizon, context),
        partOf('damped', series, m, horizon, context),
        arimaOf(series, m, horizon, context),
      ]);
  }
}

/** The cache key of an ETS fit: the backtest's origins are prefixes of one series, so its length and the horizon name the fit. */
export function etsCacheKey(length: number, horizon: number): string {
  return `${length}:${horizon}`;
}

/** A fit from `cache` under `key`, else fitted and kept there (null, "cannot be fitted", is kept too). */
function cachedFit<T>(cache: Map<string, T> | undefined, key: string, fit: () => T): T {
  const hit = cache?.get(key);
  if (hit !== undefined) return hit;
  const value = fit();
  cache?.set(key, value);
  return value;
}

/** Theta or damped with the season of `context.adjustment` (default m, tested), from the parts cache when there. */
function partOf(method: 'theta' | 'damped', series: readonly number[], m: number, horizon: number, context: MethodContext): MethodFit {
  const season = context.adjustment?.m ?? m;
  const force = context.adjustment?.force;
  return cachedFit(context.partsCache, `${method}:${series.length}:${horizon}`, () =>
    method === 'theta' ? thetaMethod(series, season, horizon, force) : dampedMethod(series, season, horizon, force),
  );
}

/** ARIMA with the season Theta and damped adjust for (the season in use, else the one tried), cached as ETS. */
function arimaOf(series: readonly number[], m: number, horizon: number, context: MethodContext): ArimaMethodFit | null {
  return cachedFit(context.arimaCache, etsCacheKey(series.length, horizon), () => arimaMethod(series, context.adjustment?.m ?? m, horizon, context.arimaOrder));
}

function etsOf(series: readonly number[], m: number, horizon: number, context: MethodContext): EtsMethodFit | null {
  return cachedFit(context.etsCache, etsCacheKey(series.length, horizon), () =>
    etsMethod(series, context.etsSeasons ?? [m], horizon, context.etsSpec, context.etsUnit),
  );
}

/**
 * The shortest series every method can be fitted to with season m: two
 * full seasons when m > 1 (Holt–Winters' start values need them), else 3.
 */
export function minimumLength(m: number): number {
  return holtWintersMinLength(m);
}
