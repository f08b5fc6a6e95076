import { decompose } from './season';

/**
 * The ETS state-space models (Hyndman, Koehler, Ord & Snyder 2008;
 * R `forecast::ets`, statsforecast `AutoETS`): their recursion, start
 * values, parameter bounds and likelihood, as R defines them.
 *
 * State: level ℓ, trend b (additive, optionally damped by φ), m seasonal
 * terms s₀ (newest) … s_{m−1} (the one the next month uses). One step:
 *   ŷ = (ℓ + φb) ⊕ s_{m−1}                (⊕ = + or ×: the season type)
 *   ℓ' = q + α(p − q),  q = ℓ + φb,  p = y ⊖ s_{m−1}
 *   b' = φb + (β/α)(ℓ' − ℓ − φb)
 *   s₀' = s_{m−1} + γ(y ⊖ q − s_{m−1}),  the other terms move one place.
 * This error-correction form is the same model for additive and
 * multiplicative errors; only the error (y − ŷ, or (y − ŷ)/ŷ) and the
 * likelihood differ:
 *   lik = n·log Σe²  (+ 2·Σ log|ŷ| for multiplicative errors),
 * which is −2·log-likelihood up to a constant; AIC = lik + 2k, AICc =
 * AIC + 2k(k + 1)/(n − k − 1), k = the estimated parameters, start states
 * included, plus one for σ².
 */

export type EtsError = 'A' | 'M';
export type EtsTrend = 'N' | 'A' | 'Ad';
export type EtsSeason = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: EtsError;
  trend: EtsTrend;
  season: EtsSeason;
  /** Season length: 1 when `season` is N. */
  m: number;
}

export interface EtsParameters {
  alpha: number;
  /** 0 without a trend. */
  beta: number;
  /** 0 without a season. */
  gamma: number;
  /** 1 without damping. */
  phi: number;
}

/** R's "usual" bounds: α, β, γ in [1e-4, 0.9999], φ in [0.8, 0.98], with β ≤ α and γ ≤ 1 − α. */
export const LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 } as const;
export const UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 } as const;

export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

export const hasTrend = (spec: EtsSpec): boolean => spec.trend !== 'N';
export const isDamped = (spec: EtsSpec): boolean => spec.trend === 'Ad';
export const hasSeason = (spec: EtsSpec): boolean => spec.season !== 'N';

/** Number of smoothing parameters estimated (α, β, γ, φ as present). */
export function smoothingCount(spec: EtsSpec): number {
  return 1 + (hasTrend(spec) ? 1 : 0) + (hasSeason(spec) ? 1 : 0) + (isDamped(spec) ? 1 : 0);
}

/** Start states estimated: ℓ, b, and m − 1 seasonal terms (the m-th makes them sum to 0, or to m when multiplicative). */
export function stateCount(spec: EtsSpec): number {
  return 1 + (hasTrend(spec) ? 1 : 0) + (hasSeason(spec) ? spec.m - 1 : 0);
}

/**
 * R's `initparam`: α = 1e-4 + 0.2·(0.9999 − 1e-4)/m, β a tenth of the way
 * into [1e-4, α], γ a twentieth of the way into [1e-4, 1 − α], φ = 0.9782.
 */
export function initialParameters(spec: EtsSpec): number[] {
  const alpha = LOWER.alpha + (0.2 * (UPPER.alpha - LOWER.alpha)) / spec.m;
  const par = [alpha];
  if (hasTrend(spec)) {
    const upper = Math.min(UPPER.beta, alpha);
    const beta = LOWER.beta + 0.1 * (upper - LOWER.beta);
    par.push(beta < 0 || beta > alpha ? alpha - 1e-3 : beta);
  }
  if (hasSeason(spec)) {
    const upper = Math.min(UPPER.gamma, 1 - alpha);
    const gamma = LOWER.gamma + 0.05 * (upper - LOWER.gamma);
    par.push(gamma < 0 || gamma > 1 - alpha ? 1 - alpha - 1e-3 : gamma);
  }
  if (isDamped(spec)) par.push(LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi));
  return par;
}

/**
 * R's `initstate`: with a season, the seasonal terms from R's classical
 * decomposition (`decompose`) when n ≥ 3m, else from a regression on a
 * line and one Fourier pair (y minus, or over, the line); ℓ and b from the
 * least-squares line through the first max(10, 2m) seasonally adjusted
 * values (ℓ their mean without a trend). Returns ℓ, b, s₀ … s_{m−2}.
 */
export function initialStates(y: readonly number[], spec: EtsSpec): number[] {
  const n = y.length;
  const m = hasSeason(spec) ? spec.m : 1;
  let adjusted: number[] = y.slice();
  let seasons: number[] = [];
  if (hasSeason(spec)) {
    const multiplicative = spec.season === 'M';
    // seasonal[t], t = 0 … n − 1: the seasonal part of each observation.
    let seasonal: number[];
    if (n < 3 * m) {
      const [a, b] = lineAndFourier(y, m);
      seasonal = y.map((v, t) => (multiplicative ? v / (a + b * (t + 1)) : v - a - b * (t + 1)));
    } else {
      const { figure } = decompose(y, m, multiplicative ? 'multiplicative' : 'additive');
      seasonal = y.map((_, t) => figure[t % m]!);
    }
    for (let j = m - 1; j >= 1; j--) seasons.push(seasonal[j]!);
    if (multiplicative) {
      seasons = seasons.map((s) => Math.max(s, 0.01));
      const sum = seasons.reduce((a, b) => a + b, 0);
      if (sum > m) {
        let padded = 0;
        for (const s of seasons) padded += s + 0.01;
        seasons = seasons.map((s) => s / padded);
      }
      adjusted = y.map((v, t) => v / Math.max(seasonal[t]!, 0.01));
    } else {
      adjusted = y.map((v, t) => v - seasonal[t]!);
    }
  }
  const first = adjusted.slice(0, Math.min(Math.max(10, 2 * m), n));
  if (!hasTrend(spec)) return [first.reduce((a, b) => a + b, 0) / first.length, ...seasons];
  const [intercept, slope] = leastSquaresLine(first);
  let l0 = intercept;
  let b0 = slope;
  if (Math.abs(l0 + b0) < 1e-8) {
    l0 *= 1 + 1e-3;
    b0 *= 1 - 1e-3;
  }
  return [l0, b0, ...seasons];
}

/** Intercept and slope of y on t = 1 … n. */
function leastSquaresLine(y: readonly number[]): [number, number] {
  const n = y.length;
  if (n < 2) return [y[0] ?? 0, 0];
  const tMean = (n + 1) / 2;
  let yMean = 0;
  for (const v of y) yMean += v;
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t + 1 - tMean) * (y[t]! - yMean);
    sxx += (t + 1 - tMean) ** 2;
  }
  const slope = sxy / sxx;
  return [yMean - slope * tMean, slope];
}

/** Intercept and slope of R's `tslm(y ~ trend + fourier(y, 1))`: y on 1, t, sin(2πt/m), cos(2πt/m) by least squares. */
function lineAndFourier(y: readonly number[], m: number): [number, number] {
  const columns = (t: number) => {
    const row = [1, t, Math.sin((2 * Math.PI * t) / m)];
    if (m !== 2) row.push(Math.cos((2 * Math.PI * t) / m));
    return row;
  };
  const k = m === 2 ? 3 : 4;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  y.forEach((v, i) => {
    const row = columns(i + 1);
    for (let a = 0; a < k; a++) {
      xty[a]! += row[a]! * v;
      for (let b = 0; b < k; b++) xtx[a]![b]! += row[a]! * row[b]!;
    }
  });
  const beta = solve(xtx, xty);
  return beta === null ? leastSquaresLine(y) : [beta[0]!, beta[1]!];
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-300) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const factor = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= k; j++) m[r]![j]! -= factor * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[k]! / row[i]!);
}

/** The full start state: ℓ, b, s₀ … s_{m−2} plus the m-th seasonal term that centres the season (R's "extra state"). */
export function fullState(spec: EtsSpec, states: ArrayLike<number>): number[] {
  const full = Array.from(states);
  if (hasSeason(spec)) {
    const first = hasTrend(spec) ? 2 : 1;
    let sum = 0;
    for (let i = first; i < full.length; i++) sum += full[i]!;
    full.push((spec.season === 'M' ? spec.m : 0) - sum);
  }
  return full;
}

/**
 * R's parameter check with bounds = "both": the usual bounds, then the
 * admissible region (Hyndman et al. 2008, ch. 10; for seasonal models every
 * root of the characteristic polynomial inside the unit circle).
 */
export function parametersAllowed(spec: EtsSpec, p: EtsParameters): boolean {
  const { alpha, beta, gamma, phi } = p;
  if (alpha < LOWER.alpha || alpha > UPPER.alpha) return false;
  if (hasTrend(spec) && (beta < LOWER.beta || beta > alpha || beta > UPPER.beta)) return false;
  if (isDamped(spec) && (phi < LOWER.phi || phi > UPPER.phi)) return false;
  if (hasSeason(spec) && (gamma < LOWER.gamma || gamma > 1 - alpha || gamma > UPPER.gamma)) return false;
  return admissible(spec, p);
}

function admissible(spec: EtsSpec, { alpha, beta, gamma, phi }: EtsParameters): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!hasSeason(spec)) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (hasTrend(spec) && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const m = spec.m;
  if (m <= 1) return true;
  const b = hasTrend(spec) ? beta : 0;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (b < -(1 - phi) * (gamma / m + alpha)) return false;
  // z^{m+1} + (α+β−φ)z^m + (α+β−αφ)(z^{m−1} + … + z²) + (α+β−αφ+γ−1)z + φ(1−α−γ), constant term first.
  const c = scratchPolynomial(m + 2);
  c[0] = phi * (1 - alpha - gamma);
  c[1] = alpha + b - alpha * phi + gamma - 1;
  for (let i = 2; i < m; i++) c[i] = alpha + b - alpha * phi;
  c[m] = alpha + b - phi;
  c[m + 1] = 1;
  return rootsInsideUnitCircle(c, ROOT_TOLERANCE);
}

let polynomial = new Float64Array(32);
/** A reused array of exactly `size` coefficients (the check runs once per likelihood evaluation). */
function scratchPolynomial(size: number): Float64Array {
  if (polynomial.length !== size) polynomial = new Float64Array(size);
  return polynomial;
}

/**
 * Whether every root of Σ cᵢzⁱ (real coefficients, constant first) has
 * modulus ≤ 1 + tol, by the Schur–Cohn–Jury recursion (O(d²), exact up to
 * rounding, where R finds the roots themselves): the polynomial is stable
 * iff |c₀| < |c_d| and the reduced polynomial (c_d·p(z) − c₀·p*(z))/z is
 * (checked against numpy's roots on 20,000 random ETS parameter sets).
 * The tolerance is applied by testing p((1 + tol)z).
 */
/**
 * R allows roots of modulus up to 1 + 1e-10; models without a trend always
 * have the root z = 1, which the recursion below cannot place that finely,
 * so the margin here is 1e-7 (a root between 1 + 1e-10 and 1 + 1e-7 is the
 * only case decided differently from R).
 */
const ROOT_TOLERANCE = 1e-7;

export function rootsInsideUnitCircle(coefficients: ArrayLike<number>, tol = 0): boolean {
  let d = coefficients.length - 1;
  while (d > 0 && coefficients[d] === 0) d--;
  let a = scratch(d + 1);
  let next = scratch2(d + 1);
  let scale = 1;
  for (let i = 0; i <= d; i++) {
    a[i] = coefficients[i]! * scale;
    scale *= 1 + tol;
  }
  for (; d > 0; d--) {
    const lead = a[d]!;
    const c0 = a[0]!;
    if (!(Math.abs(c0) < Math.abs(lead))) return false;
    for (let i = 0; i < d; i++) next[i] = lead * a[i + 1]! - c0 * a[d - 1 - i]!;
    [a, next] = [next, a];
    // The raw coefficients shrink (or grow) geometrically: rescaled to a monic polynomial only when they near under- or
    // overflow (every test above is scale-free, and a division per step was most of this check's cost).
    const top = Math.abs(a[d - 1]!);
    if (!(top > 1e-100 && top < 1e100)) {
      const inverse = 1 / a[d - 1]!;
      for (let i = 0; i < d; i++) a[i] = a[i]! * inverse;
    }
  }
  return true;
}

let buffer = new Float64Array(32);
let buffer2 = new Float64Array(32);
function scratch(size: number): Float64Array {
  if (buffer.length < size) buffer = new Float64Array(size);
  return buffer;
}
function scratch2(size: number): Float64Array {
  if (buffer2.length < size) buffer2 = new Float64Array(size);
  return buffer2;
}

export interface FilterResult {
  /** lik = n·log Σe² (+ 2Σ log|ŷ|); NaN when a one-step forecast is not usable. */
  lik: number;
  /** Errors: y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative). */
  errors: Float64Array;
  fitted: Float64Array;
  /** The state after the last observation: ℓ, b, s₀ … s_{m−1}. */
  last: number[];
}

/** Runs the recursion from a full start state (`fullState`); only lik is computed when `keep` is false. */
export class EtsFilter {
  private readonly ring: Float64Array;
  readonly errors: Float64Array;
  readonly fitted: Float64Array;

  constructor(
    private readonly y: Float64Array,
    readonly spec: EtsSpec,
  ) {
    this.ring = new Float64Array(Math.max(1, spec.m));
    this.errors = new Float64Array(y.length);
    this.fitted = new Float64Array(y.length);
  }

  /** lik of the start state `state` (ℓ, b, s₀ … s_{m−1}) under the parameters; NaN when not computable. */
  run(p: EtsParameters, state: ArrayLike<number>, keep = false): number {
    const { y, ring, spec } = this;
    const n = y.length;
    const trend = hasTrend(spec);
    // 0 none, 1 additive, 2 multiplicative: numbers keep the loop monomorphic.
    const seasonType = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
    const multError = spec.error === 'M';
    const m = seasonType === 0 ? 1 : spec.m;
    const { alpha, gamma } = p;
    const phi = trend && isDamped(spec) ? p.phi : trend ? 1 : 0;
    const beta = trend ? p.beta : 0;
    // R writes ℓ' = q + α(p − q) and b' = φb + (β/α)(ℓ' − ℓ − φb), q = ℓ + φb. Expanded, ℓ' = (1 − α)q + αp and
    // b' = (1 − β)φb + β(p − ℓ): the same model (rounding apart) with a shorter chain of dependent operations from one
    // step to the next, which is what bounds this loop (it runs ~20,000 times per series).
    const keepLevel = 1 - alpha;
    const keepTrend = (1 - beta) * phi;
    let l = state[0]!;
    let b = trend ? state[1]! : 0;
    const first = trend ? 2 : 1;
    // ring[(head + k) % m] = s_{m−1−k}: ring[head] is the term the next month uses.
    if (seasonType !== 0) for (let k = 0; k < m; k++) ring[k] = state[first + m - 1 - k]!;
    else ring[0] = 0;
    let head = 0;
    let sse = 0;
    // Σ log|ŷ| as the log of a running product, renormalised before it over- or underflows (one log per ~100 steps, not per step).
    let product = 1;
    let logs = 0;
    for (let t = 0; t < n; t++) {
      const q = trend ? l + phi * b : l;
      const s = ring[head]!;
      const f = seasonType === 2 ? q * s : q + s;
      const yt = y[t]!;
      const e = multError ? (yt - f) / f : yt - f;
      if (keep) {
        this.errors[t] = e;
        this.fitted[t] = f;
      }
      sse += e * e;
      if (multError) {
        product *= f < 0 ? -f : f;
        if (!(product > 1e-100 && product < 1e100)) {
          logs += Math.log(product);
          product = 1;
        }
      }
      const pl = seasonType === 0 ? yt : seasonType === 1 ? yt - s : Math.abs(s) < 1e-10 ? 1e10 : yt / s;
      if (trend) b = keepTrend * b + beta * (pl - l);
      l = keepLevel * q + alpha * pl;
      if (seasonType !== 0) {
        const ts = seasonType === 1 ? yt - q : Math.abs(q) < 1e-10 ? 1e10 : yt / q;
        ring[head] = s + gamma * (ts - s);
        head = head + 1 === m ? 0 : head + 1;
      }
    }
    if (keep) this.lastState = [l, ...(trend ? [b] : []), ...(seasonType === 0 ? [] : Array.from({ length: m }, (_, k) => ring[(head + m - 1 - k) % m]!))];
    if (multError) logs += Math.log(product);
    return n * Math.log(sse) + (multError ? 2 * logs : 0);
  }

  lastState: number[] = [];
}
