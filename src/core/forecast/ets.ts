import {
  EtsFilter,
  type EtsParameters,
  type EtsSpec,
  etsName,
  fullState,
  hasSeason,
  hasTrend,
  initialParameters,
  initialStates,
  isDamped,
  parametersAllowed,
  smoothingCount,
  stateCount,
} from './ets-model';
import { dampedTrendSums, finiteVariance } from './intervals';
import { nelderMead } from './nelder-mead';

/**
 * Fitting, selecting and forecasting ETS models as R's `forecast::ets()`
 * with its defaults (model "ZZZ", opt.crit "lik", bounds "both", ic
 * "aicc", restrict = TRUE, no multiplicative trend): every admissible
 * model is fitted by maximum likelihood — Nelder–Mead (`./nelder-mead`,
 * R's search) over the smoothing parameters and the start states from R's
 * `initparam` / `initstate` (`./ets-model`) — and the lowest AICc wins.
 */

export interface EtsFit {
  spec: EtsSpec;
  name: string;
  par: EtsParameters;
  /** ℓ, b, s₀ … s_{m−1} before the first observation. */
  initial: number[];
  /** The state after the last observation. */
  last: number[];
  fitted: number[];
  /** Additive: y − ŷ; multiplicative: (y − ŷ)/ŷ. */
  residuals: number[];
  lik: number;
  /** Parameters counted by the criteria: smoothing, start states, σ². */
  k: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σ residual² / (n − estimated parameters), as R. */
  sigma2: number;
}

/** Nelder–Mead budget per model (R's default maxit). */
export const MAX_EVALUATIONS = 2000;

/** One model fitted to y by R's `etsmodel`; null when it cannot be (too few observations, or no finite likelihood at the start). */
export function fitEts(y: readonly number[], spec: EtsSpec, maxit = MAX_EVALUATIONS): EtsFit | null {
  const n = y.length;
  const np = smoothingCount(spec) + stateCount(spec);
  if (np >= n - 1) return null;
  if (spec.season !== 'N' && (spec.m < 2 || n < 4)) return null;
  const start = [...initialParameters(spec), ...initialStates(y, spec)];
  const filter = new EtsFilter(Float64Array.from(y), spec);
  const ns = smoothingCount(spec);
  const trend = hasTrend(spec);
  const season = hasSeason(spec);
  const damped = isDamped(spec);
  const full = new Float64Array(stateCount(spec) + (season ? 1 : 0));
  const first = trend ? 2 : 1;
  const decodeInto = (x: ArrayLike<number>, p: EtsParameters): EtsParameters => {
    let j = 1;
    p.alpha = x[0]!;
    p.beta = trend ? x[j++]! : 0;
    p.gamma = season ? x[j++]! : 0;
    p.phi = damped ? x[j]! : 1;
    return p;
  };
  const decode = (x: ArrayLike<number>): EtsParameters => decodeInto(x, { alpha: 0, beta: 0, gamma: 0, phi: 1 });
  // One parameter object for every evaluation: the objective runs thousands of times per model.
  const trialPar: EtsParameters = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const objective = (x: Float64Array): number => {
    const p = decodeInto(x, trialPar);
    if (!parametersAllowed(spec, p)) return Infinity;
    let sum = 0;
    for (let i = 0; i < full.length - (season ? 1 : 0); i++) {
      full[i] = x[ns + i]!;
      if (i >= first) sum += full[i]!;
    }
    if (season) {
      full[full.length - 1] = (spec.season === 'M' ? spec.m : 0) - sum;
      if (spec.season === 'M') for (let i = first; i < full.length; i++) if (full[i]! < 0) return Infinity;
    }
    const lik = filter.run(p, full);
    if (Number.isNaN(lik)) return Infinity;
    return Math.max(lik, -1e10);
  };
  const result = nelderMead(objective, start, undefined, maxit);
  if (result === null) return null;
  const par = decode(result.x);
  const initial = fullState(spec, result.x.slice(ns));
  const lik = filter.run(par, initial, true);
  if (!Number.isFinite(lik)) return null;
  const k = np + 1;
  const aic = lik + 2 * k;
  const residuals = Array.from(filter.errors);
  let sse = 0;
  for (const e of residuals) sse += e * e;
  return {
    spec,
    name: etsName(spec),
    par,
    initial,
    last: filter.lastState.slice(),
    fitted: Array.from(filter.fitted),
    residuals,
    lik,
    k,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: lik + Math.log(n) * k,
    sigma2: finiteVariance(sse / (n - np)),
  };
}

/**
 * The candidate models, in R's loop order (error A, M; trend N, A, Ad;
 * season N, A, M): additive error never with a multiplicative season, and
 * no multiplicative error or season unless every value is positive.
 * `m` is the season length to try (1: none).
 */
export function candidateModels(y: readonly number[], m: number): EtsSpec[] {
  const positive = y.every((v) => v > 0);
  const seasons: EtsSpec['season'][] = m > 1 ? ['N', 'A', 'M'] : ['N'];
  const specs: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of ['N', 'Ad', 'A'] as const) {
      for (const season of seasons) {
        if (error === 'A' && season === 'M') continue;
        specs.push({ error, trend, season, m: season === 'N' ? 1 : m });
      }
    }
  }
  return specs;
}

export interface EtsSelection {
  best: EtsFit;
  /** Every model that could be fitted, in the order tried. */
  fits: EtsFit[];
}

/**
 * R's `ets(y)` with frequency m (the season tried when n ≥ 2m, the spec's
 * "two full seasons"; R's own rule is n > m): the candidate with the
 * lowest AICc. null when no model can be fitted (fewer than 5 values).
 */
export function autoEts(y: readonly number[], m: number, maxit = MAX_EVALUATIONS): EtsSelection | null {
  const season = m > 1 && y.length >= 2 * m ? m : 1;
  const fits: EtsFit[] = [];
  let best: EtsFit | null = null;
  for (const spec of candidateModels(y, season)) {
    const fit = fitEts(y, spec, maxit);
    if (fit === null || !Number.isFinite(fit.aicc)) continue;
    fits.push(fit);
    if (best === null || fit.aicc < best.aicc) best = fit;
  }
  return best === null ? null : { best, fits };
}

/**
 * Point forecasts: the state carried forward without errors, as R's
 * `pegelsfcast`: ŷ_{n+h} = (ℓ + φ_h·b) ⊕ s at the matching month, φ_h =
 * φ + … + φʰ.
 */
export function etsPointForecast(fit: EtsFit, horizon: number): number[] {
  const { spec, last, par } = fit;
  const trend = hasTrend(spec);
  const l = last[0]!;
  const b = trend ? last[1]! : 0;
  const first = trend ? 2 : 1;
  const m = spec.m;
  const phi = isDamped(spec) ? par.phi : 1;
  const out: number[] = [];
  const phiSums = dampedTrendSums(phi, horizon);
  for (let h = 1; h <= horizon; h++) {
    let f = l + (trend ? phiSums[h - 1]! * b : 0);
    if (hasSeason(spec)) {
      const s = last[first + ((m - 1 - ((h - 1) % m)) % m)]!;
      f = spec.season === 'M' ? f * s : f + s;
    }
    out.push(f);
  }
  return out;
}

export interface EtsForecast {
  mean: number[];
  variance: number[];
}

/**
 * Forecast means and variances as R's `forecast.ets`: analytic for the
 * additive-error models (class 1: σ²[1 + Σ_{j<h} c_j²], c_j the effect of
 * one error on the forecast j steps later) and for multiplicative errors
 * without a multiplicative season (class 2: θ_h = μ_h² + σ²Σ c_j²θ_{h−j},
 * v_h = (1 + σ²)θ_h − μ_h²). With a multiplicative season (class 3) the
 * mean is R's `class3` mean recursion (which carries the σ²-term of the
 * error into the level × season product, and, as R does, a damped trend's
 * first step with the full b) and the variance comes from 1,000 simulated
 * paths with a fixed seed (the same series gives the same band).
 */
export function etsForecast(fit: EtsFit, horizon: number): EtsForecast {
  const { spec, sigma2 } = fit;
  if (spec.season === 'M') return { mean: class3Mean(fit, horizon), variance: simulatedVariance(fit, horizon) };
  const mu = etsPointForecast(fit, horizon);
  const c = impulseResponse(fit, horizon);
  if (spec.error === 'A') {
    const v: number[] = [];
    let sum = 1;
    for (let h = 1; h <= horizon; h++) {
      v.push(finiteVariance(sigma2 * sum));
      sum += c[h - 1]! ** 2;
    }
    return { mean: mu, variance: v };
  }
  const theta: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    let s = mu[h - 1]! ** 2;
    for (let j = 1; j < h; j++) s += sigma2 * c[j - 1]! ** 2 * theta[h - 1 - j]!;
    theta.push(s);
  }
  return { mean: mu, variance: theta.map((t, i) => finiteVariance((1 + sigma2) * t - mu[i]! ** 2)) };
}

/**
 * R's class-3 mean: M_h = (ℓ, b)ᵀ(s₁ … s_m) (s₁ newest), μ_h = Σ_r M_h[r, m],
 * M_{h+1} = F₁·M_h·F₂ᵀ + σ²·G₁·M_h·G₂ᵀ with F₁ = [[1, 1], [0, φ]], F₂ the
 * seasonal rotation, G₁ = [[α, α], [β, β]], G₂ = γ at (1, m).
 */
function class3Mean(fit: EtsFit, horizon: number): number[] {
  const { spec, par, sigma2, last } = fit;
  const trend = hasTrend(spec);
  const first = trend ? 2 : 1;
  const m = spec.m;
  const phi = isDamped(spec) ? par.phi : 1;
  const rows = trend ? [last[0]!, last[1]!] : [last[0]!];
  const season = last.slice(first, first + m);
  let mh = rows.map((r) => season.map((s) => r * s));
  const mu: number[] = [];
  for (let h = 0; h < horizon; h++) {
    let lastColumn = 0;
    for (const row of mh) lastColumn += row[m - 1]!;
    mu.push(lastColumn);
    const rotated = mh.map((row) => [row[m - 1]!, ...row.slice(0, m - 1)]);
    const next = trend ? [rotated[0]!.map((v, i) => v + rotated[1]![i]!), rotated[1]!.map((v) => phi * v)] : [rotated[0]!.slice()];
    const shock = sigma2 * par.gamma * lastColumn;
    next[0]![0]! += par.alpha * shock;
    if (trend) next[1]![0]! += par.beta * shock;
    mh = next;
  }
  return mu;
}

/** c_j = H·F^{j−1}·G, j = 1…horizon: the linear model's forecast response to a unit error j steps earlier. */
function impulseResponse(fit: EtsFit, horizon: number): number[] {
  const { spec, par } = fit;
  const trend = hasTrend(spec);
  const season = hasSeason(spec);
  const m = spec.m;
  const phi = isDamped(spec) ? par.phi : 1;
  // State response: level, trend, seasonal terms (ring: index 0 is s₀, the newest).
  let l = par.alpha;
  let b = trend ? par.beta : 0;
  let s = season ? [par.gamma, ...new Array<number>(m - 1).fill(0)] : [];
  const c: number[] = [];
  for (let j = 1; j <= horizon; j++) {
    c.push(l + phi * b + (season ? s[m - 1]! : 0));
    // F: ℓ' = ℓ + φb, b' = φb, seasonal terms shift (s₀' = s_{m−1}).
    l = l + phi * b;
    b = phi * b;
    if (season) s = [s[m - 1]!, ...s.slice(0, m - 1)];
  }
  return c;
}

/** Variance of simulated future paths (errors N(0, σ²), multiplicative as the model says); deterministic seed. */
function simulatedVariance(fit: EtsFit, horizon: number, paths = 1000): number[] {
  const { spec, par, sigma2 } = fit;
  const sigma = Math.sqrt(sigma2);
  const random = gaussian(0x5eed);
  const trend = hasTrend(spec);
  const first = trend ? 2 : 1;
  const m = spec.m;
  const phi = isDamped(spec) ? par.phi : 1;
  const sum = new Float64Array(horizon);
  const sumSq = new Float64Array(horizon);
  const ring = new Float64Array(m);
  for (let p = 0; p < paths; p++) {
    let l = fit.last[0]!;
    let b = trend ? fit.last[1]! : 0;
    for (let k = 0; k < m; k++) ring[k] = fit.last[first + m - 1 - k]!;
    let head = 0;
    for (let h = 0; h < horizon; h++) {
      const phib = trend ? phi * b : 0;
      const q = l + phib;
      const s = ring[head]!;
      const f = spec.season === 'M' ? q * s : q + s;
      const e = sigma * random();
      const y = spec.error === 'M' ? f * (1 + e) : f + e;
      sum[h]! += y;
      sumSq[h]! += y * y;
      const pl = spec.season === 'M' ? (Math.abs(s) < 1e-10 ? 1e10 : y / s) : y - s;
      const oldl = l;
      l = q + par.alpha * (pl - q);
      if (trend) b = phib + (par.beta / par.alpha) * (l - oldl - phib);
      const ts = spec.season === 'M' ? (Math.abs(q) < 1e-10 ? 1e10 : y / q) : y - q;
      ring[head] = s + par.gamma * (ts - s);
      head = head + 1 === m ? 0 : head + 1;
    }
  }
  return Array.from(sum, (s, h) => finiteVariance(sumSq[h]! / paths - (s / paths) ** 2));
}

/** Standard normal draws from a seeded mulberry32 generator (Box–Muller). */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const u = Math.max(uniform(), 1e-300);
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
