import { naiveSe, residualVariance } from './intervals';
import { adjust, reseason, reseasonSe, seasonalAdjustment } from './season';
import type { MethodFit } from './types';

/**
 * M4 Naive2 (M4 Competitor's Guide, benchmark "Naive2"): the naive method
 * on seasonally adjusted data — the classical multiplicative decomposition
 * when the 90 % seasonality test passes at lag m (n ≥ 3m), none otherwise
 * (see `./season`; an additive decomposition where a value is ≤ 0):
 *   ŷ_{n+h} = (y_n / S_n) · S_{n+h}.
 * Band: naive σ²·h on the adjusted series, scaled by the seasonal index.
 */
export function naive2Method(series: readonly number[], m: number, horizon: number): MethodFit {
  const n = series.length;
  const sa = seasonalAdjustment(series, m);
  const a = adjust(series, sa);
  const fitted = series.map((_, t) => (t >= 1 ? reseason(a[t - 1]!, t, sa) : null));
  const adjustedFit = a.map((_, t) => (t >= 1 ? a[t - 1]! : null));
  const se = naiveSe(residualVariance(a, adjustedFit), horizon, 1);
  const last = a[n - 1] ?? 0;
  const forecast: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    forecast.push(reseason(last, n + h - 1, sa));
    se[h - 1] = reseasonSe(se[h - 1]!, n + h - 1, sa);
  }
  return { fitted, forecast, se };
}
