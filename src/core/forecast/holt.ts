import { PHI_RANGE } from './fit-holt-winters';
import { minimiseInBox } from './optimise';
import { dampedTrendSums, type SmoothingParameters } from './intervals';

/**
 * Holt's linear trend, optionally damped (FPP 2nd ed. §7.2 and §7.4;
 * ETS(A,A,N) and ETS(A,Ad,N)), in the same error-free form as
 * `./holt-winters` without a season:
 *   ŷ_t = ℓ_{t−1} + φ b_{t−1},  ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + φ b_{t−1}),
 *   b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) φ b_{t−1},  ŷ_{n+h} = ℓ_n + (φ + … + φʰ) b_n.
 * Unlike R's HoltWinters (ℓ₀ = y₂, b₀ = y₂ − y₁), the start values are
 * estimated with the smoothing parameters, as `forecast::ets` does: for
 * given α, β, φ every fit is affine in (ℓ₀, b₀), so the SSE-minimising
 * start values are solved exactly by least squares; α, β (φ ∈ [0.8, 0.98])
 * minimise that SSE with the bounded Nelder–Mead of `./optimise`, from
 * (0.3, 0.1, 0.98); α ∈ [0.0001, 0.9999] and β ∈ [0, 1] (β of the
 * Holt–Winters form: the trend's own smoothing weight).
 */
export interface HoltFit {
  params: Required<SmoothingParameters>;
  level: number;
  trend: number;
  initial: { level: number; trend: number };
  fitted: number[];
  sse: number;
  forecast: number[];
}

interface Concentrated {
  sse: number;
  l0: number;
  b0: number;
}

function concentrated(series: readonly number[], alpha: number, beta: number, phi: number): Concentrated {
  // Three copies of the recursion: c driven by the data from zero start values, u from (1, 0), v from (0, 1) without data.
  let cl = 0;
  let cb = 0;
  let ul = 1;
  let ub = 0;
  let vl = 0;
  let vb = 1;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  let sur = 0;
  let svr = 0;
  let srr = 0;
  for (const y of series) {
    const c = cl + phi * cb;
    const u = ul + phi * ub;
    const v = vl + phi * vb;
    const r = y - c;
    suu += u * u;
    suv += u * v;
    svv += v * v;
    sur += u * r;
    svr += v * r;
    srr += r * r;
    const ncl = alpha * y + (1 - alpha) * c;
    cb = beta * (ncl - cl) + (1 - beta) * phi * cb;
    cl = ncl;
    const nul = (1 - alpha) * u;
    ub = beta * (nul - ul) + (1 - beta) * phi * ub;
    ul = nul;
    const nvl = (1 - alpha) * v;
    vb = beta * (nvl - vl) + (1 - beta) * phi * vb;
    vl = nvl;
  }
  const det = suu * svv - suv * suv;
  let l0: number;
  let b0: number;
  if (Math.abs(det) > 1e-12 * Math.max(1e-300, suu * svv)) {
    l0 = (svv * sur - suv * svr) / det;
    b0 = (suu * svr - suv * sur) / det;
  } else {
    l0 = suu > 0 ? sur / suu : (series[0] ?? 0);
    b0 = 0;
  }
  const sse = srr - 2 * (l0 * sur + b0 * svr) + l0 * l0 * suu + 2 * l0 * b0 * suv + b0 * b0 * svv;
  return { sse: Math.max(0, sse), l0, b0 };
}

export function fitHolt(series: readonly number[], options: { damped?: boolean; horizon?: number } = {}): HoltFit {
  const damped = options.damped ?? false;
  const x0 = damped ? [0.3, 0.1, PHI_RANGE[1]] : [0.3, 0.1];
  const lower = damped ? [0.0001, 0, PHI_RANGE[0]] : [0.0001, 0];
  const upper = damped ? [0.9999, 1, PHI_RANGE[1]] : [0.9999, 1];
  const best = minimiseInBox((x) => concentrated(series, x[0]!, x[1]!, damped ? x[2]! : 1).sse, x0, { lower, upper });
  const [alpha, beta] = [best.x[0]!, best.x[1]!];
  const phi = damped ? best.x[2]! : 1;
  const { l0, b0 } = concentrated(series, alpha, beta, phi);
  return holtWith(series, { alpha, beta, gamma: 0, phi }, l0, b0, options.horizon ?? 0);
}

/** The recursion at fixed parameters and start values. */
export function holtWith(series: readonly number[], params: Required<SmoothingParameters>, l0: number, b0: number, horizon: number): HoltFit {
  const { alpha, beta, phi } = params;
  let level = l0;
  let trend = b0;
  let sse = 0;
  const fitted: number[] = [];
  for (const y of series) {
    const xhat = level + phi * trend;
    fitted.push(xhat);
    sse += (y - xhat) ** 2;
    const newLevel = alpha * y + (1 - alpha) * xhat;
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
  }
  const forecast = dampedTrendSums(phi, horizon).map((phiSum) => level + phiSum * trend);
  return { params, level, trend, initial: { level: l0, trend: b0 }, fitted, sse, forecast };
}
