import type { ForecastPoint } from './types';

/**
 * Prediction intervals: forecast ± z·se_h, z the normal quantile of the
 * level (0.95 → 1.959964), se_h the h-step standard error from the
 * in-sample one-step residual variance σ² and the method's h-step variance
 * formula (Hyndman & Athanasopoulos, FPP 2nd ed., §3.5 Table 3.2 and §7.7
 * Table 7.8; R `stats::predict.HoltWinters`):
 *
 *   naive, seasonal naive   σ²·(k + 1),  k = ⌊(h − 1)/m⌋   (m = 1: σ²·h)
 *   SES (and Theta)         σ²·[1 + α²(h − 1)]
 *   additive Holt–Winters   σ²·[1 + Σ_{j=1}^{h−1} c_j²],  c_j = α(1 + β·φ_j) + γ(1 − α)·[j mod m = 0],
 *                           φ_j = φ + … + φʲ (= j without damping)
 *   linear trend            σ²·[1 + 1/n + (x₀ − x̄)²/Σ(x − x̄)²]   (see ./linear)
 *
 * Every formula adds a non-negative term per step, so the band never
 * narrows as the horizon grows. σ² is the mean squared one-step residual
 * (residuals are not centred: a biased fit widens its band). The normal
 * quantile is used throughout (R's HoltWinters and forecast::ets do the
 * same), not Student's t.
 */

export const DEFAULT_LEVEL = 0.95;

/** The level to use: a share in (0, 1); 1 < level < 100 is read as a percent; anything else gives the default. */
export function resolveLevel(level: number | undefined): number {
  if (level === undefined || !Number.isFinite(level)) return DEFAULT_LEVEL;
  const share = level > 1 && level < 100 ? level / 100 : level;
  if (!(share > 0 && share < 1)) return DEFAULT_LEVEL;
  return Math.min(Math.max(share, 0.001), 0.999999);
}

/** Standard normal cumulative distribution, by Marsaglia's series (J. Stat. Software 11(4), 2004), exact to double precision for |x| ≤ 9. */
export function normalCdf(x: number): number {
  if (x <= -9) return 0;
  if (x >= 9) return 1;
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 3; k < 1000; k += 2) {
    term *= x2 / k;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + sum * Math.exp(-0.5 * x2 - 0.9189385332046727);
}

/** The normal quantile Φ⁻¹(p), by bisection on `normalCdf` (≈1e-15; called once per forecast). */
export function normalQuantile(p: number): number {
  if (!(p > 0)) return -9;
  if (!(p < 1)) return 9;
  let lo = -9;
  let hi = 9;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A variance made safe: NaN or negative → 0, +∞ → the largest double. */
export function finiteVariance(v: number): number {
  if (Number.isNaN(v) || v < 0) return 0;
  return Math.min(v, Number.MAX_VALUE);
}

/**
 * σ²: mean squared one-step residual over the points that have a fit,
 * divided by (count − parameters) when that is positive. Without any fitted
 * point, the mean squared first difference (the naive method's σ²).
 */
export function residualVariance(series: readonly number[], fitted: readonly (number | null)[], parameters = 0): number {
  let sse = 0;
  let count = 0;
  for (let t = 0; t < series.length; t++) {
    const f = fitted[t];
    if (f === null || f === undefined) continue;
    sse += (series[t]! - f) ** 2;
    count++;
  }
  if (count === 0) {
    for (let t = 1; t < series.length; t++) {
      sse += (series[t]! - series[t - 1]!) ** 2;
      count++;
    }
    if (count === 0) return 0;
  }
  return finiteVariance(sse / (count > parameters ? count - parameters : count));
}

/** se_h of the naive (m = 1) and seasonal naive forecasts, h = 1…horizon. */
export function naiveSe(sigma2: number, horizon: number, m: number): number[] {
  const se: number[] = [];
  for (let h = 1; h <= horizon; h++) se.push(Math.sqrt(finiteVariance(sigma2 * (Math.floor((h - 1) / Math.max(1, m)) + 1))));
  return se;
}

/** se_h of simple exponential smoothing (ETS(A,N,N)), h = 1…horizon. */
export function sesSe(sigma2: number, horizon: number, alpha: number): number[] {
  const se: number[] = [];
  for (let h = 1; h <= horizon; h++) se.push(Math.sqrt(finiteVariance(sigma2 * (1 + alpha * alpha * (h - 1)))));
  return se;
}

export interface SmoothingParameters {
  alpha: number;
  beta: number;
  gamma: number;
  /** Damping; 1 (default) = none. */
  phi?: number;
}

/** φ + φ² + … + φʰ for h = 1…horizon: how much of the trend a damped forecast h steps ahead carries (h itself when φ = 1). */
export function dampedTrendSums(phi: number, horizon: number): number[] {
  const sums: number[] = [];
  let sum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    sum += power;
    sums.push(sum);
  }
  return sums;
}

/** se_h of additive Holt–Winters in R's parametrisation (`predict.HoltWinters`), with damping; m = 1 means no season (γ unused). */
export function holtWintersSe(sigma2: number, horizon: number, p: SmoothingParameters, m: number): number[] {
  const phiJ = dampedTrendSums(p.phi ?? 1, horizon);
  const se: number[] = [];
  let sum = 1;
  for (let h = 1; h <= horizon; h++) {
    se.push(Math.sqrt(finiteVariance(sigma2 * sum)));
    // c_h, added for the next step.
    const seasonal = m > 1 && h % m === 0 ? p.gamma * (1 - p.alpha) : 0;
    const c = p.alpha * (1 + p.beta * phiJ[h - 1]!) + seasonal;
    sum = finiteVariance(sum + c * c);
  }
  return se;
}

/** A value made finite: NaN → 0, ±∞ → ± the largest double. */
export function finite(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, x));
}

/** Forecast points with their band, every number finite, lower ≤ forecast ≤ upper. */
export function pointsOf(forecast: readonly number[], se: readonly number[], level: number): ForecastPoint[] {
  const z = normalQuantile(0.5 + level / 2);
  return forecast.map((value, i) => {
    const f = finite(value);
    const half = finite(z * Math.abs(finite(se[i] ?? 0)));
    return { step: i + 1, forecast: f, lower: finite(f - half), upper: finite(f + half) };
  });
}
