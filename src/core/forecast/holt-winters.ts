import { decompose } from './season';
import { fitLine } from './linear';
import { dampedTrendSums, type SmoothingParameters } from './intervals';

/**
 * Additive Holt–Winters, exactly as R `stats::HoltWinters` (R source
 * src/library/stats/R/HoltWinters.R and src/C/HoltWinters.c), with an
 * optional damped trend φ (Gardner & McKenzie 1985; FPP 2nd ed. §7.4):
 *
 *   ŷ_t   = ℓ_{t−1} + φ·b_{t−1} + s_{t−m}
 *   ℓ_t   = α (y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + φ·b_{t−1})
 *   b_t   = β (ℓ_t − ℓ_{t−1}) + (1 − β) φ·b_{t−1}
 *   s_t   = γ (y_t − ℓ_t) + (1 − γ) s_{t−m}
 *   ŷ_{n+h} = a + (φ + … + φʰ)·b + s_{((h−1) mod m)+1}        (φ = 1: a + h·b + s)
 *
 * Start values (R, start.periods = 2): `decompose()` of the first 2m
 * observations; ℓ₀, b₀ = intercept and slope of a least-squares line on
 * the non-missing trend component against 1, 2, …; s = the seasonal figure;
 * filtering starts at observation m + 1. Without a season (m = 1), R's
 * `HoltWinters(x, gamma = FALSE)`: ℓ₀ = y₂, b₀ = y₂ − y₁, filtering from
 * observation 3.
 */

export interface HoltWintersStart {
  level: number;
  trend: number;
  /** m seasonal start values (one 0 when m = 1). */
  season: number[];
  /** 0-based index of the first filtered observation. */
  startIndex: number;
}

/** The shortest series `holtWintersFilter` fits with season m: two full seasons (m > 1), or 3 points. */
export function holtWintersMinLength(m: number): number {
  return m > 1 ? 2 * m : 3;
}

export function holtWintersStart(series: readonly number[], m: number): HoltWintersStart {
  if (m <= 1) {
    const y1 = series[0] ?? 0;
    const y2 = series[1] ?? y1;
    return { level: y2, trend: y2 - y1, season: [0], startIndex: Math.min(2, series.length) };
  }
  const { trend, figure } = decompose(series.slice(0, 2 * m), m, 'additive');
  const dat = trend.filter((v): v is number => v !== null);
  const line = fitLine(
    dat,
    dat.map((_, i) => i + 1),
  );
  return { level: line?.intercept ?? dat[0] ?? series[0] ?? 0, trend: line?.slope ?? 0, season: figure, startIndex: m };
}

export interface HoltWintersResult {
  /** Final level a, trend b and the next m seasonal terms s1…sm (R's `coef()`). */
  a: number;
  b: number;
  s: number[];
  /** One-step fits, null before the first filtered observation. */
  fitted: (number | null)[];
  /** Σ (y_t − ŷ_t)² over the filtered observations. */
  sse: number;
  /** Number of filtered observations (residuals). */
  count: number;
  /** ŷ_{n+1} … ŷ_{n+horizon}. */
  forecast: number[];
}

/** The fixed-parameter recursion; parameters are clamped to [0, 1] as R does. */
export function holtWintersFilter(series: readonly number[], params: SmoothingParameters, m: number, horizon = 0, start?: HoltWintersStart): HoltWintersResult {
  const s0 = start ?? holtWintersStart(series, m);
  const fitted: (number | null)[] = new Array<number | null>(series.length).fill(null);
  const state = run(series, params, m, s0, fitted);
  const period = Math.max(1, m);
  const s: number[] = [];
  for (let k = 0; k < period; k++) s.push(state.season[(state.slot + k) % period]!);
  const forecast = dampedTrendSums(params.phi ?? 1, horizon).map((phiSum, i) => state.level + phiSum * state.trend + (m > 1 ? s[i % period]! : 0));
  return { a: state.level, b: state.trend, s: m > 1 ? s : [], fitted, sse: state.sse, count: state.count, forecast };
}

/** The SSE alone (what the optimiser calls, without allocating the fits). */
export function holtWintersSse(series: readonly number[], params: SmoothingParameters, m: number, start: HoltWintersStart): number {
  return run(series, params, m, start, null).sse;
}

interface FinalState {
  level: number;
  trend: number;
  /** The seasonal ring; slot `slot` holds the next season's first term. */
  season: number[];
  slot: number;
  sse: number;
  count: number;
}

function run(series: readonly number[], params: SmoothingParameters, m: number, s0: HoltWintersStart, fitted: (number | null)[] | null): FinalState {
  const alpha = clamp01(params.alpha);
  const beta = clamp01(params.beta);
  const gamma = m > 1 ? clamp01(params.gamma) : 0;
  const phi = params.phi ?? 1;
  const period = Math.max(1, m);
  const n = series.length;
  const season = s0.season.slice(0, period);
  while (season.length < period) season.push(0);
  let level = s0.level;
  let trend = s0.trend;
  let sse = 0;
  let count = 0;
  // season is a ring: slot k holds s for the positions ≡ k (mod m) counted from startIndex.
  let slot = 0;
  for (let t = s0.startIndex; t < n; t++) {
    const y = series[t]!;
    const st = season[slot]!;
    const damped = phi * trend;
    const xhat = level + damped + st;
    if (fitted !== null) fitted[t] = xhat;
    const res = y - xhat;
    sse += res * res;
    count++;
    const newLevel = alpha * (y - st) + (1 - alpha) * (level + damped);
    trend = beta * (newLevel - level) + (1 - beta) * damped;
    level = newLevel;
    if (m > 1) season[slot] = gamma * (y - level) + (1 - gamma) * st;
    slot = slot + 1 === period ? 0 : slot + 1;
  }
  return { level, trend, season, slot, sse, count };
}

function clamp01(x: number): number {
  return Number.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
}
