import { combMethod } from './comb';
import { dampedMethod } from './damped';
import { holtWintersMethod } from './fit-holt-winters';
import { holtWintersMinLength } from './holt-winters';
import { linearMethod } from './linear';
import { naive2Method } from './naive2';
import { seasonalNaiveMethod } from './seasonal-naive';
import { thetaMethod } from './theta';
import type { ForecastMethod, MethodFit } from './types';

/**
 * One entry point for every method: `fitMethod(method, series, m, horizon)`
 * fits the method to the whole series with season m (1 = none) and returns
 * its one-step fit, `horizon` forecasts and their standard errors.
 */
export function fitMethod(method: ForecastMethod, series: readonly number[], m: number, horizon: number): MethodFit {
  switch (method) {
    case 'seasonal-naive':
      return seasonalNaiveMethod(series, m, horizon);
    case 'linear':
      return linearMethod(series, horizon);
    case 'holt-winters':
      return holtWintersMethod(series, m, horizon, false);
    case 'damped':
      return dampedMethod(series, m, horizon);
    case 'naive2':
      return naive2Method(series, m, horizon);
    case 'theta':
      return thetaMethod(series, m, horizon);
    case 'comb':
      return combMethod(series, m, horizon);
  }
}

/**
 * The shortest series every method can be fitted to with season m: two
 * full seasons when m > 1 (Holt–Winters' start values need them), else 3.
 */
export function minimumLength(m: number): number {
  return holtWintersMinLength(m);
}
