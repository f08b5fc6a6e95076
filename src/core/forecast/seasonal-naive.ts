import { naiveSe, residualVariance } from './intervals';
import type { MethodFit } from './types';

/**
 * Seasonal naive (FPP 2nd ed. §3.1): ŷ_{n+h} = y_{n+h−m(k+1)}, k = ⌊(h−1)/m⌋
 * — the same month of the last season; with m = 1 the naive method
 * ŷ_{n+h} = y_n. In-sample fit ŷ_t = y_{t−m}. Band: σ²·(k + 1) (FPP
 * Table 3.2), σ² the mean squared in-sample residual.
 */
export function seasonalNaiveMethod(series: readonly number[], m: number, horizon: number): MethodFit {
  const n = series.length;
  const lag = m > 1 && n >= m ? m : 1;
  const fitted = series.map((_, t) => (t >= lag ? series[t - lag]! : null));
  const forecast: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const k = Math.floor((h - 1) / lag);
    forecast.push(series[n + h - lag * (k + 1) - 1] ?? series[n - 1] ?? 0);
  }
  return { fitted, forecast, se: naiveSe(residualVariance(series, fitted), horizon, lag) };
}
