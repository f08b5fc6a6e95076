import { rootsInsideUnitCircle } from './ets-model';
import { finiteVariance } from './intervals';
import { nelderMead } from './nelder-mead';
import { decompose } from './season';

/**
 * Seasonal ARIMA(p,d,q)(P,D,Q)m chosen as R's `forecast::auto.arima`
 * chooses it (Hyndman & Khandakar 2008) in its fast form: the differences
 * first — D = 1 when the seasonal strength of a classical decomposition
 * exceeds 0.64 (R's `nsdiffs` rule; R measures it on STL), then d = 0…2 by
 * KPSS tests at 5 % (R's `ndiffs`) — then a stepwise search over p, q ≤ 5,
 * P, Q ≤ 2 (p + q + P + Q ≤ 5) and the constant, from R's four start
 * models, moving to the first neighbour with a lower AICc. Each model is
 * estimated by conditional sum of squares (CSS, R's `method = "CSS"`, what
 * auto.arima uses to search long series) with Nelder–Mead, and refused,
 * as R refuses it, when an AR or MA root lies within 1.01 of the unit
 * circle. The constant is the mean of the differenced series (a drift
 * when d + D = 1), only when d + D ≤ 1, and always when d + D = 0.
 *
 * Model: w_t = (1 − B)^d (1 − B^m)^D y_t,
 *   φ(B)Φ(B^m)(w_t − μ) = θ(B)Θ(B^m)e_t.
 */

export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  /** Season length; 1 = none (P = D = Q = 0). */
  m: number;
  constant: boolean;
}

export interface ArimaFit {
  order: ArimaOrder;
  /** φ₁…φ_p, θ₁…θ_q, Φ₁…Φ_P, Θ₁…Θ_Q, then μ when `order.constant`. */
  coef: number[];
  sigma2: number;
  aicc: number;
  /** One-step fit of y; null where the conditioning leaves none. */
  fitted: (number | null)[];
  /** CSS residuals of the differenced series (0 over the conditioning start). */
  residuals: Float64Array;
  /** The series itself (the forecast continues it). */
  y: readonly number[];
}

const MAX = { p: 5, q: 5, P: 2, Q: 2, order: 5 } as const;
/** R's `nsdiffs` threshold on the seasonal strength. */
const SEASONAL_STRENGTH = 0.64;
/** 5 % critical value of the KPSS level-stationarity statistic (Kwiatkowski et al. 1992, Table 1). */
const KPSS_CRITICAL = 0.463;
/** R's auto.arima refuses models with a root closer than this to the unit circle. */
const ROOT_MARGIN = 1.01;
/** Nelder–Mead budget per model (at most 6 coefficients: it converges in a few hundred). */
const MAX_EVALUATIONS = 1000;
/**
 * Relative tolerance of the search on ½·log σ². R's BFGS stops at 1e-8; on the M3 sample (every 7th series) 1e-6
 * forecast as well (OWA 0.799 either way, and 0.758 in the default mean) in three quarters of the evaluations.
 */
const RELTOL = 1e-6;

export function difference(y: readonly number[], lag: number): number[] {
  const out: number[] = [];
  for (let t = lag; t < y.length; t++) out.push(y[t]! - y[t - lag]!);
  return out;
}

/** The KPSS statistic for level stationarity with R's (urca) "short" lag truncation, 4·(n/100)^¼. */
export function kpss(x: readonly number[]): number {
  const n = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  const e = x.map((v) => v - mean);
  let partial = 0;
  let eta = 0;
  let s2 = 0;
  for (const v of e) {
    partial += v;
    eta += partial * partial;
    s2 += v * v;
  }
  const lags = Math.trunc(4 * (n / 100) ** 0.25);
  for (let k = 1; k <= lags; k++) {
    let c = 0;
    for (let t = k; t < n; t++) c += e[t]! * e[t - k]!;
    s2 += 2 * (1 - k / (lags + 1)) * c;
  }
  s2 /= n;
  return s2 > 0 ? eta / (n * n) / s2 : 0;
}

/** First differences needed (0…2): difference while the KPSS test rejects stationarity at 5 %, as R's `ndiffs`. */
export function firstDifferences(x: readonly number[]): number {
  let d = 0;
  let w = x.slice();
  while (d < 2 && w.length > 4 && !isConstant(w) && kpss(w) > KPSS_CRITICAL) {
    w = difference(w, 1);
    d++;
  }
  return d;
}

/** Seasonal differences (0 or 1): 1 when the season's strength, 1 − Var(remainder)/Var(season + remainder), exceeds 0.64. */
export function seasonalDifferences(y: readonly number[], m: number): number {
  if (m < 2 || y.length < 2 * m + 1 || isConstant(y)) return 0;
  const { trend, figure } = decompose(y, m, 'additive');
  const remainder: number[] = [];
  const detrended: number[] = [];
  y.forEach((v, t) => {
    const tr = trend[t];
    if (tr === null || tr === undefined) return;
    detrended.push(v - tr);
    remainder.push(v - tr - figure[t % m]!);
  });
  const vr = variance(remainder);
  const vd = variance(detrended);
  const strength = vd > 0 ? Math.max(0, Math.min(1, 1 - vr / vd)) : 0;
  return strength > SEASONAL_STRENGTH ? 1 : 0;
}

function variance(x: readonly number[]): number {
  if (x.length < 2) return 0;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let s = 0;
  for (const v of x) s += (v - mean) ** 2;
  return s / (x.length - 1);
}

function isConstant(x: readonly number[]): boolean {
  return x.every((v) => v === x[0]);
}

function multiply(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j]! += a[i]! * b[j]!;
  }
  return out;
}

/**
 * The expanded AR and MA polynomials of one order, written into reused arrays (the CSS objective runs hundreds of
 * times per model): w_t − μ = Σ ar[i](w_{t−i} − μ) + e_t + Σ ma[j]e_{t−j} (index 0 unused), and the lags that can be
 * non-zero, so the residual loop skips the zeros of a seasonal product.
 */
class Polynomials {
  readonly ar: Float64Array;
  readonly ma: Float64Array;
  readonly arLags: Int32Array;
  readonly maLags: Int32Array;

  constructor(readonly order: ArimaOrder) {
    const { p, q, P, Q, m } = order;
    this.ar = new Float64Array(p + P * m + 1);
    this.ma = new Float64Array(q + Q * m + 1);
    this.arLags = Polynomials.lags(p, P, m);
    this.maLags = Polynomials.lags(q, Q, m);
  }

  private static lags(k: number, K: number, m: number): Int32Array {
    const set = new Set<number>();
    for (let j = 0; j <= K; j++) for (let i = 0; i <= k; i++) if (i + j > 0) set.add(i + j * m);
    return Int32Array.from([...set].sort((a, b) => a - b));
  }

  /**
   * From the coefficients (φ, θ, Φ, Θ in that order): (1 − ΣφᵢBⁱ)(1 − ΣΦⱼB^{jm}) = 1 − Σ ar·B and
   * (1 + ΣθᵢBⁱ)(1 + ΣΘⱼB^{jm}) = 1 + Σ ma·B.
   */
  set(coef: ArrayLike<number>): this {
    const { p, q, P, Q, m } = this.order;
    const { ar, ma } = this;
    ar.fill(0);
    ma.fill(0);
    for (let i = 1; i <= p; i++) ar[i]! += coef[i - 1]!;
    for (let j = 1; j <= P; j++) {
      const sar = coef[p + q + j - 1]!;
      ar[j * m]! += sar;
      for (let i = 1; i <= p; i++) ar[i + j * m]! -= coef[i - 1]! * sar;
    }
    for (let i = 1; i <= q; i++) ma[i]! += coef[p + i - 1]!;
    for (let j = 1; j <= Q; j++) {
      const sma = coef[p + q + P + j - 1]!;
      ma[j * m]! += sma;
      for (let i = 1; i <= q; i++) ma[i + j * m]! += coef[p + i - 1]! * sma;
    }
    return this;
  }

  /**
   * CSS residuals of w into `e` (0 before `start`); returns their sum of squares. The AR side first, lag by lag (no
   * step depends on another there), then the MA recursion: the residual loop is nearly all of a fit's time.
   */
  residuals(w: Float64Array, mu: number, start: number, e: Float64Array): number {
    const { ar, ma, arLags, maLags } = this;
    const n = w.length;
    e.fill(0, 0, Math.min(start, n));
    for (let t = start; t < n; t++) e[t] = w[t]! - mu;
    for (let k = 0; k < arLags.length; k++) {
      const i = arLags[k]!;
      const a = ar[i]!;
      if (a === 0) continue;
      const shift = a * mu;
      for (let t = start; t < n; t++) e[t] = e[t]! - a * w[t - i]! + shift;
    }
    let ssq = 0;
    if (maLags.length === 0) {
      for (let t = start; t < n; t++) ssq += e[t]! * e[t]!;
      return ssq;
    }
    for (let t = start; t < n; t++) {
      let v = e[t]!;
      for (let k = 0; k < maLags.length; k++) {
        const j = maLags[k]!;
        if (j > t - start) break;
        v -= ma[j]! * e[t - j]!;
      }
      e[t] = v;
      ssq += v * v;
    }
    return ssq;
  }
}

/** Whether 1 − Σ aᵢzⁱ (or 1 + Σ aᵢzⁱ) has every root outside radius 1.01. */
function rootsClear(poly: Float64Array, sign: 1 | -1): boolean {
  let k = poly.length - 1;
  while (k > 0 && poly[k] === 0) k--;
  if (k === 0) return true;
  // Roots of A(z) outside radius r ⇔ roots of zᵏA(1/z) inside 1/r ⇔ roots of zᵏA(1/(rz))·rᵏ inside the unit circle.
  const reversed = new Float64Array(k + 1);
  for (let i = 0; i <= k; i++) reversed[k - i] = (i === 0 ? 1 : sign * poly[i]!) * ROOT_MARGIN ** i;
  return rootsInsideUnitCircle(reversed);
}

/** The differenced series w and the series after each differencing step (to undo them). */
function differenced(y: readonly number[], order: ArimaOrder): { w: number[]; steps: { lag: number; before: number[] }[] } {
  const steps: { lag: number; before: number[] }[] = [];
  let w = y.slice();
  for (let i = 0; i < order.D; i++) {
    steps.push({ lag: order.m, before: w });
    w = difference(w, order.m);
  }
  for (let i = 0; i < order.d; i++) {
    steps.push({ lag: 1, before: w });
    w = difference(w, 1);
  }
  return { w, steps };
}

/** One order fitted by CSS; null when it cannot be (too few values) or R would refuse it (a root near the unit circle). */
export function fitArima(y: readonly number[], order: ArimaOrder): ArimaFit | null {
  const { w: wList } = differenced(y, order);
  const w = Float64Array.from(wList);
  const n = w.length;
  const start = order.p + order.P * order.m;
  const k = order.p + order.q + order.P + order.Q + (order.constant ? 1 : 0);
  const used = n - start;
  if (used < k + 3) return null;
  let mean = 0;
  for (const v of w) mean += v;
  mean /= n;
  const scale = Math.sqrt(variance(wList)) || Math.abs(mean) || 1;
  const arma = order.p + order.q + order.P + order.Q;
  const e = new Float64Array(n);
  const coefOf = (x: ArrayLike<number>): number[] => {
    const c = Array.from({ length: arma }, (_, i) => x[i]!);
    // μ searched as a shift from the sample mean in units of the series' spread: every coordinate starts at 0.
    if (order.constant) c.push(mean + x[arma]! * scale);
    return c;
  };
  const polynomials = new Polynomials(order);
  const objective = (x: Float64Array): number => {
    const mu = order.constant ? mean + x[arma]! * scale : 0;
    return 0.5 * Math.log(polynomials.set(x).residuals(w, mu, start, e) / used);
  };
  const x0 = new Array<number>(k).fill(0);
  const result = k === 0 ? { x: [] as number[] } : nelderMead(objective, x0, RELTOL, MAX_EVALUATIONS);
  if (result === null) return null;
  const coef = coefOf(result.x);
  const { ar, ma } = polynomials.set(coef);
  if (!rootsClear(ar, -1) || !rootsClear(ma, 1)) return null;
  const ssq = polynomials.residuals(w, order.constant ? coef[arma]! : 0, start, e);
  const sigma2 = ssq / used;
  if (!(sigma2 > 0) || !Number.isFinite(sigma2)) return null;
  // R (auto.arima with CSS): AIC = n*·log σ² + 2(k + 1) up to a constant, n* the differenced length; then AICc.
  const npar = k + 1;
  const aic = n * Math.log(sigma2) + 2 * npar;
  const aicc = n - npar - 1 > 0 ? aic + (2 * npar * (npar + 1)) / (n - npar - 1) : Infinity;
  const offset = y.length - n;
  const fitted = y.map((v, t) => (t - offset >= start ? v - e[t - offset]! : null));
  return { order, coef, sigma2, aicc, fitted, residuals: e, y };
}

/**
 * auto.arima's stepwise search on y with season m (1: none): the differences by the tests above, then from the start
 * models to the first better neighbour until none is better. null when no model can be fitted.
 */
export function autoArima(y: readonly number[], m: number): ArimaFit | null {
  // A constant series has no error to model (σ² = 0): the caller forecasts it otherwise.
  if (isConstant(y)) return null;
  const seasonal = m > 1 && y.length >= 2 * m;
  const season = seasonal ? m : 1;
  const D = seasonal ? seasonalDifferences(y, m) : 0;
  let w = y.slice();
  for (let i = 0; i < D; i++) w = difference(w, m);
  const d = firstDifferences(w);
  const constantAllowed = d + D <= 1;
  // Undifferenced, a model without its mean forecasts 0: R tries it, but where the others cannot be fitted (a very short
  // series) it would be the one left, so it is not tried here.
  const constantRequired = d + D === 0;
  const tried = new Map<string, ArimaFit | null>();
  let best: ArimaFit | null = null;
  const key = (o: ArimaOrder) => `${o.p},${o.q},${o.P},${o.Q},${o.constant}`;
  /** Fits the order unless tried or out of bounds; true when it became the best. */
  const consider = (p: number, q: number, P: number, Q: number, constant: boolean): boolean => {
    if (p < 0 || q < 0 || P < 0 || Q < 0 || p > MAX.p || q > MAX.q || P > MAX.P || Q > MAX.Q || p + q + P + Q > MAX.order) return false;
    if (!seasonal && (P > 0 || Q > 0)) return false;
    if (constantRequired && !constant) return false;
    const order: ArimaOrder = { p, d, q, P, D, Q, m: season, constant: constant && constantAllowed };
    const k = key(order);
    if (tried.has(k)) return false;
    const fit = fitArima(y, order);
    tried.set(k, fit);
    if (fit !== null && Number.isFinite(fit.aicc) && (best === null || fit.aicc < best.aicc)) {
      best = fit;
      return true;
    }
    return false;
  };
  const sP = seasonal ? 1 : 0;
  consider(2, 2, sP, sP, true);
  consider(0, 0, 0, 0, true);
  consider(1, 0, sP, 0, true);
  consider(0, 1, 0, sP, true);
  if (constantAllowed && !constantRequired) consider(0, 0, 0, 0, false);
  for (let step = 0; step < 94 && best !== null; step++) {
    const { p, q, P, Q, constant } = (best as ArimaFit).order;
    const moves: [number, number, number, number, boolean][] = [
      [p, q, P - 1, Q, constant],
      [p, q, P + 1, Q, constant],
      [p, q, P, Q - 1, constant],
      [p, q, P, Q + 1, constant],
      [p, q, P - 1, Q - 1, constant],
      [p, q, P - 1, Q + 1, constant],
      [p, q, P + 1, Q - 1, constant],
      [p, q, P + 1, Q + 1, constant],
      [p - 1, q, P, Q, constant],
      [p + 1, q, P, Q, constant],
      [p, q - 1, P, Q, constant],
      [p, q + 1, P, Q, constant],
      [p - 1, q - 1, P, Q, constant],
      [p - 1, q + 1, P, Q, constant],
      [p + 1, q - 1, P, Q, constant],
      [p + 1, q + 1, P, Q, constant],
      [p, q, P, Q, !constant],
    ];
    if (!moves.some((move) => consider(...move))) break;
  }
  return best;
}

/** Point forecasts and their standard errors (ψ-weights of the differenced model; future errors 0). */
export function arimaForecast(fit: ArimaFit, horizon: number): { mean: number[]; se: number[] } {
  const { order, coef, y, residuals } = fit;
  const { w, steps } = differenced(y, order);
  const arma = order.p + order.q + order.P + order.Q;
  const mu = order.constant ? coef[arma]! : 0;
  const { ar, ma } = new Polynomials(order).set(coef);
  const n = w.length;
  const ext = w.concat(new Array<number>(horizon).fill(0));
  for (let h = 0; h < horizon; h++) {
    const t = n + h;
    let v = mu;
    for (let i = 1; i < ar.length; i++) v += ar[i]! * ((t - i >= 0 ? ext[t - i]! : mu) - mu);
    for (let j = 1; j < ma.length; j++) if (t - j < n && t - j >= 0) v += ma[j]! * residuals[t - j]!;
    ext[t] = v;
  }
  // Undo the differences, innermost last: each level's future = its difference's future + the value `lag` before.
  let future = ext.slice(n);
  for (let s = steps.length - 1; s >= 0; s--) {
    const { lag, before } = steps[s]!;
    const series = before.slice();
    for (let h = 0; h < horizon; h++) series.push(future[h]! + series[series.length - lag]!);
    future = series.slice(before.length);
  }
  // ψ-weights of the full model, the differences included in its AR side.
  let full: Float64Array = Float64Array.from(ar, (v, i) => (i === 0 ? 1 : -v));
  for (const { lag } of steps) {
    const diff = new Float64Array(lag + 1);
    diff[0] = 1;
    diff[lag] = -1;
    full = multiply(full, diff);
  }
  const psi = [1];
  for (let j = 1; j < horizon; j++) {
    let v = j < ma.length ? ma[j]! : 0;
    for (let i = 1; i <= j && i < full.length; i++) v -= full[i]! * psi[j - i]!;
    psi.push(v);
  }
  const se: number[] = [];
  let sum = 0;
  for (let h = 0; h < horizon; h++) {
    sum += psi[h]! * psi[h]!;
    se.push(Math.sqrt(finiteVariance(fit.sigma2 * sum)));
  }
  return { mean: future, se };
}
