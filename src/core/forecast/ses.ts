/**
 * Simple exponential smoothing, ETS(A,N,N) (FPP 2nd ed. §7.1):
 *   ŷ_{t+1} = ℓ_t,  ℓ_t = α y_t + (1 − α) ℓ_{t−1},  ŷ_{n+h} = ℓ_n.
 * α and ℓ₀ minimise the one-step SSE, as `forecast::ses` does by maximum
 * likelihood (for additive errors the same optimum). For a given α the
 * fits are affine in ℓ₀ — ŷ_t = (1 − α)^{t−1} ℓ₀ + c_t — so ℓ₀ is solved
 * exactly by least squares; α ∈ [0.0001, 0.9999] (the `ets` bounds) is found
 * by a grid of 0.05 refined by golden-section search.
 */

export interface SesFit {
  alpha: number;
  /** ℓ₀, the level before the first observation. */
  initial: number;
  /** ℓ_n: every forecast. */
  level: number;
  /** ŷ_t, t = 1…n (all defined: ŷ₁ = ℓ₀). */
  fitted: number[];
  sse: number;
}

const ALPHA_MIN = 0.0001;
const ALPHA_MAX = 0.9999;

/** SSE at α with the best ℓ₀, and that ℓ₀. */
function concentrated(series: readonly number[], alpha: number): { sse: number; initial: number } {
  let w = 1;
  let c = 0;
  let swy = 0;
  let sww = 0;
  let syy = 0;
  for (const y of series) {
    const r = y - c;
    swy += w * r;
    sww += w * w;
    syy += r * r;
    c = alpha * y + (1 - alpha) * c;
    w *= 1 - alpha;
  }
  const initial = sww > 0 ? swy / sww : (series[0] ?? 0);
  return { sse: Math.max(0, syy - (sww > 0 ? (swy * swy) / sww : 0)), initial };
}

export function fitSes(series: readonly number[]): SesFit {
  let bestAlpha = ALPHA_MIN;
  let bestSse = Infinity;
  for (let a = 0.05; a <= 0.951; a += 0.05) {
    const { sse } = concentrated(series, a);
    if (sse < bestSse) {
      bestSse = sse;
      bestAlpha = a;
    }
  }
  for (const a of [ALPHA_MIN, ALPHA_MAX]) {
    const { sse } = concentrated(series, a);
    if (sse < bestSse) {
      bestSse = sse;
      bestAlpha = a;
    }
  }
  // Golden section on the bracket around the best grid point.
  let lo = Math.max(ALPHA_MIN, bestAlpha - 0.05);
  let hi = Math.min(ALPHA_MAX, bestAlpha + 0.05);
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = concentrated(series, x1).sse;
  let f2 = concentrated(series, x2).sse;
  for (let i = 0; i < 40 && hi - lo > 1e-7; i++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = concentrated(series, x1).sse;
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = concentrated(series, x2).sse;
    }
  }
  const candidate = f1 <= f2 ? x1 : x2;
  if (Math.min(f1, f2) < bestSse) bestAlpha = candidate;
  return sesWith(series, bestAlpha, concentrated(series, bestAlpha).initial);
}

/** The recursion at fixed α and ℓ₀. */
export function sesWith(series: readonly number[], alpha: number, initial: number): SesFit {
  const fitted: number[] = [];
  let level = initial;
  let sse = 0;
  for (const y of series) {
    fitted.push(level);
    sse += (y - level) ** 2;
    level = alpha * y + (1 - alpha) * level;
  }
  return { alpha, initial, level, fitted, sse };
}
