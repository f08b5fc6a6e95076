import { finiteVariance } from './intervals';
import type { MethodFit } from './types';

/**
 * Least-squares line y = a + b·x (Microsoft, "FORECAST and FORECAST.LINEAR
 * functions": b = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², a = ȳ − b·x̄; the same as
 * R `lm(y ~ x)`). Null when the lengths differ, there are fewer than two
 * points, a value is not finite, or every x is the same (Excel's #N/A and
 * #DIV/0!).
 */
export interface Line {
  intercept: number;
  slope: number;
  /** n, x̄ and Σ(x − x̄)², for prediction intervals. */
  n: number;
  meanX: number;
  sxx: number;
}

export function fitLine(knownYs: readonly number[], knownXs: readonly number[]): Line | null {
  const n = knownYs.length;
  if (n < 2 || knownXs.length !== n) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const x = knownXs[i]!;
    const y = knownYs[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    sx += x;
    sy += y;
  }
  const meanX = sx / n;
  const meanY = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = knownXs[i]! - meanX;
    sxx += dx * dx;
    sxy += dx * (knownYs[i]! - meanY);
  }
  if (!(sxx > 0) || !Number.isFinite(sxx) || !Number.isFinite(sxy)) return null;
  const slope = sxy / sxx;
  return { intercept: meanY - slope * meanX, slope, n, meanX, sxx };
}

/** Excel `FORECAST.LINEAR(x, known_y's, known_x's)`: the line's value at x, or null where Excel shows an error. */
export function forecastLinear(x: number, knownYs: readonly number[], knownXs: readonly number[]): number | null {
  if (!Number.isFinite(x)) return null;
  const line = fitLine(knownYs, knownXs);
  if (line === null) return null;
  const value = line.intercept + line.slope * x;
  return Number.isFinite(value) ? value : null;
}

/** The line through (1, y₁) … (n, yₙ): the timeline Excel's TREND and FORECAST.LINEAR use for months 1…n. */
export function trendLine(series: readonly number[]): Line | null {
  return fitLine(
    series,
    series.map((_, i) => i + 1),
  );
}

/**
 * Linear-trend method: ŷ_{n+h} = a + b·(n + h) on t = 1…n. The in-sample
 * fit is the line itself. Prediction interval of a regression forecast
 * (Hyndman & Athanasopoulos, FPP 3rd ed., §7.9 with one predictor):
 * var = σ² [1 + 1/n + (x₀ − x̄)² / Σ(x − x̄)²], σ² = SSE/(n − 2); the band
 * therefore widens as x₀ moves away from the data.
 */
export function linearMethod(series: readonly number[], horizon: number): MethodFit {
  const n = series.length;
  const line = trendLine(series) ?? { intercept: series[0] ?? 0, slope: 0, n, meanX: (n + 1) / 2, sxx: 0 };
  const fitted = series.map((_, i) => line.intercept + line.slope * (i + 1));
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (series[i]! - fitted[i]!) ** 2;
  const sigma2 = n > 2 ? sse / (n - 2) : sse;
  const forecast: number[] = [];
  const se: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    const x0 = n + h;
    forecast.push(line.intercept + line.slope * x0);
    const leverage = line.sxx > 0 ? 1 / n + (x0 - line.meanX) ** 2 / line.sxx : 1;
    se.push(Math.sqrt(finiteVariance(sigma2 * (1 + leverage))));
  }
  return { fitted, forecast, se };
}
