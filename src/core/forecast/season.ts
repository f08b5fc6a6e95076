import { trendLine } from './linear';

/**
 * Seasonality: autocorrelation, the M4 seasonality test, season detection
 * and R's classical decomposition.
 *
 * - `acf`: the sample autocorrelation r_k = Σ(y_t − ȳ)(y_{t+k} − ȳ) / Σ(y_t − ȳ)², as R `stats::acf`.
 * - `seasonalityTest`: the M4 benchmarks' 90 % test (M4 Competitor's Guide,
 *   benchmark code `SeasonalityTest`): with n ≥ 3m, seasonal when
 *   |r_m| > 1.645 · √((1 + 2 Σ_{k<m} r_k²) / n).
 * - `decompose`: R `stats::decompose` — centred moving average of order m
 *   (weights ½,1,…,1,½ over m + 1 points when m is even), seasonal figure =
 *   mean detrended value by position from the first observation, centred
 *   (additive: minus its mean; multiplicative: divided by its mean).
 */

export function acf(series: readonly number[], maxLag: number): number[] {
  const n = series.length;
  let mean = 0;
  for (const y of series) mean += y;
  mean /= n || 1;
  let denominator = 0;
  for (const y of series) denominator += (y - mean) ** 2;
  const r: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (series[t]! - mean) * (series[t + k]! - mean);
    const value = denominator > 0 ? s / denominator : 0;
    r.push(Number.isFinite(value) ? value : 0);
  }
  return r;
}

const T_CRIT_90 = 1.645;

/** The M4 90 % seasonality test at lag m; false when m < 2 or n < 3m. */
export function seasonalityTest(series: readonly number[], m: number): boolean {
  const n = series.length;
  if (m < 2 || n < 3 * m) return false;
  const r = acf(series, m);
  let sumSq = 0;
  for (let k = 0; k < m - 1; k++) sumSq += r[k]! ** 2;
  const limit = (T_CRIT_90 / Math.sqrt(n)) * Math.sqrt(1 + 2 * sumSq);
  return Math.abs(r[m - 1]!) > limit;
}

/** Default longest season looked for: a year of months. */
export const DEFAULT_MAX_SEASON = 12;

/**
 * No longer decides the forecast's season (issue #21: at 30–48 months the
 * test below misses most yearly seasons; `forecastSeries` lets the ETS
 * selection decide); kept as a diagnostic for callers and tests.
 *
 * The season length of a monthly series, 1 when none: the autocorrelation
 * of the series less its least-squares line, at lags 2…min(maxSeason, n/2)
 * (at least two full seasons), takes the lag whose r_k is highest among the
 * local peaks (r_k ≥ both neighbours) that pass the 90 % test above
 * (r_k > 1.645·√((1 + 2Σ_{j<k} r_j²)/n)). Ties go to the shorter lag; a
 * multiple of the chosen lag with a peak as high within 0.02 wins (12 over 6
 * when both carry a yearly pattern). Same idea as Excel's FORECAST.ETS
 * seasonality detection, whose exact rule Microsoft does not publish.
 */
export function detectSeason(history: readonly number[], maxSeason = DEFAULT_MAX_SEASON): number {
  const n = history.length;
  const top = Math.min(Math.floor(Number.isFinite(maxSeason) ? maxSeason : DEFAULT_MAX_SEASON), Math.floor(n / 2));
  if (top < 2 || !history.every(Number.isFinite)) return 1;
  const line = trendLine(history);
  const detrended = line === null ? history.slice() : history.map((y, i) => y - (line.intercept + line.slope * (i + 1)));
  const r = acf(detrended, Math.min(top + 1, n - 1));
  let best = 1;
  let bestR = -Infinity;
  let sumSq = 0;
  for (let k = 1; k <= top; k++) {
    const rk = r[k - 1]!;
    if (k >= 2) {
      const limit = (T_CRIT_90 / Math.sqrt(n)) * Math.sqrt(1 + 2 * sumSq);
      const before = r[k - 2]!;
      const after = k < r.length ? r[k]! : -Infinity;
      const peak = rk >= before && rk >= after;
      if (peak && rk > limit) {
        if (rk > bestR + 1e-12 || (best > 1 && k % best === 0 && rk > bestR - 0.02)) {
          best = k;
          bestR = Math.max(rk, bestR);
        }
      }
    }
    sumSq += rk * rk;
  }
  return best;
}

export type DecompositionType = 'additive' | 'multiplicative';

export interface Decomposition {
  /** Centred moving average; null where the window does not fit. */
  trend: (number | null)[];
  /** Seasonal figure by position t mod m (t = 0 is the first observation). */
  figure: number[];
}

/** R `decompose(ts(series, frequency = m), type)`; needs n ≥ 2m and m ≥ 2. */
export function decompose(series: readonly number[], m: number, type: DecompositionType): Decomposition {
  const n = series.length;
  const trend: (number | null)[] = new Array<number | null>(n).fill(null);
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  for (let t = half; t + half < n; t++) {
    let s = 0;
    for (let k = -half; k <= half; k++) {
      const w = even && (k === -half || k === half) ? 0.5 : 1;
      s += w * series[t + k]!;
    }
    trend[t] = s / m;
  }
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < n; t++) {
    const tr = trend[t];
    if (tr === null || tr === undefined) continue;
    const value = type === 'additive' ? series[t]! - tr : series[t]! / tr;
    if (!Number.isFinite(value)) continue;
    sums[t % m]! += value;
    counts[t % m]!++;
  }
  const raw = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : type === 'additive' ? 0 : 1));
  const mean = raw.reduce((a, b) => a + b, 0) / m;
  const figure = type === 'additive' ? raw.map((v) => v - mean) : raw.map((v) => (mean !== 0 && Number.isFinite(mean) ? v / mean : 1));
  return { trend, figure };
}

/**
 * A seasonal adjustment as the M4 benchmarks make it: when the 90 % test
 * finds a season of m, the classical multiplicative decomposition's indices
 * (additive when a value is ≤ 0, where a ratio means nothing), else none.
 * `force`: the season is known (the selected ETS model has one), so the
 * test is skipped; two full seasons are still needed for the decomposition.
 */
export interface SeasonalAdjustment {
  type: DecompositionType | 'none';
  /** Index by position t mod m (1 or 0 when none). */
  figure: number[];
  m: number;
}

export function seasonalAdjustment(series: readonly number[], m: number, force = false): SeasonalAdjustment {
  if (m < 2 || !(force ? series.length >= 2 * m : seasonalityTest(series, m))) return { type: 'none', figure: [0], m: 1 };
  const type: DecompositionType = series.every((y) => y > 0) ? 'multiplicative' : 'additive';
  const { figure } = decompose(series, m, type);
  if (type === 'multiplicative' && !figure.every((f) => f > 0 && Number.isFinite(f))) return { type: 'none', figure: [0], m: 1 };
  return { type, figure, m };
}

/** The series with the season taken out. */
export function adjust(series: readonly number[], sa: SeasonalAdjustment): number[] {
  if (sa.type === 'none') return series.slice();
  return series.map((y, t) => (sa.type === 'multiplicative' ? y / sa.figure[t % sa.m]! : y - sa.figure[t % sa.m]!));
}

/** Puts the season back into a value (and scales a standard error) at time t (0-based, may lie past the history). */
export function reseason(value: number, t: number, sa: SeasonalAdjustment): number {
  if (sa.type === 'none') return value;
  const f = sa.figure[t % sa.m]!;
  return sa.type === 'multiplicative' ? value * f : value + f;
}

export function reseasonSe(se: number, t: number, sa: SeasonalAdjustment): number {
  return sa.type === 'multiplicative' ? se * sa.figure[t % sa.m]! : se;
}
