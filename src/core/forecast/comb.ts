import { fitHolt } from './holt';
import { holtWintersSe, residualVariance, sesSe } from './intervals';
import { adjust, reseason, reseasonSe, seasonalAdjustment } from './season';
import { fitSes } from './ses';
import type { MethodFit } from './types';

/**
 * M4 "Comb S-H-D" benchmark (M4 Competitor's Guide; Makridakis et al.
 * 2018): the mean of simple, Holt and damped exponential smoothing
 * forecasts on data seasonally adjusted by the M4 rule (`./season`), then
 * reseasonalised. SES from `./ses`; Holt and damped Holt from `./holt`
 * (start values estimated, as `forecast::ets` does in the M4 code). The
 * in-sample fit is the mean of the three one-step fits; the band's
 * standard error is the mean of the three methods' (the standard error of
 * a mean of forecasts is never larger than the mean of their standard
 * errors). The best method on the M3 monthly series in our bench.
 */
export function combMethod(series: readonly number[], m: number, horizon: number): MethodFit {
  const n = series.length;
  const sa = seasonalAdjustment(series, m);
  const a = adjust(series, sa);
  const ses = fitSes(a);
  const holt = fitHolt(a, { horizon });
  const damped = fitHolt(a, { horizon, damped: true });
  const sesSigma = sesSe(residualVariance(a, ses.fitted), horizon, ses.alpha);
  const holtSigma = holtWintersSe(residualVariance(a, holt.fitted), horizon, holt.params, 1);
  const dampedSigma = holtWintersSe(residualVariance(a, damped.fitted), horizon, damped.params, 1);
  const fitted = a.map((_, t) => reseason((ses.fitted[t]! + holt.fitted[t]! + damped.fitted[t]!) / 3, t, sa));
  const forecast: number[] = [];
  const se: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const t = n + h - 1;
    forecast.push(reseason((ses.level + holt.forecast[h - 1]! + damped.forecast[h - 1]!) / 3, t, sa));
    se.push(reseasonSe((sesSigma[h - 1]! + holtSigma[h - 1]! + dampedSigma[h - 1]!) / 3, t, sa));
  }
  return { fitted, forecast, se };
}
