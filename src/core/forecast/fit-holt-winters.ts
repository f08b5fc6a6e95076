import { holtWintersFilter, holtWintersSse, holtWintersStart, type HoltWintersResult } from './holt-winters';
import { holtWintersSe, residualVariance, type SmoothingParameters } from './intervals';
import { minimiseInBox } from './optimise';
import type { MethodFit } from './types';

/**
 * Holt–Winters with estimated parameters: α, β, γ (and φ when damped)
 * minimise the one-step in-sample SSE of `holtWintersFilter`, as R
 * `stats::HoltWinters` does (there by L-BFGS-B from (0.3, 0.1, 0.1) on
 * [0, 1]³). Here: the bounded Nelder–Mead of `./optimise` from the same
 * start, α, β, γ in [0, 1] and φ in [0.8, 0.98] (the range of
 * `forecast::ets`, Hyndman et al. 2008), start φ = 0.98. The start values
 * ℓ₀, b₀, s are R's and stay fixed; only the smoothing parameters are fitted.
 */

export const PHI_RANGE = [0.8, 0.98] as const;

export interface HoltWintersFit {
  params: Required<SmoothingParameters>;
  result: HoltWintersResult;
}

export function fitHoltWinters(series: readonly number[], m: number, options: { damped?: boolean; horizon?: number } = {}): HoltWintersFit {
  const damped = options.damped ?? false;
  const seasonal = m > 1;
  const start = holtWintersStart(series, m);
  const toParams = (x: readonly number[]): Required<SmoothingParameters> => ({
    alpha: x[0]!,
    beta: x[1]!,
    gamma: seasonal ? x[2]! : 0,
    phi: damped ? x[seasonal ? 3 : 2]! : 1,
  });
  const x0 = [0.3, 0.1];
  const lower = [0, 0];
  const upper = [1, 1];
  if (seasonal) {
    x0.push(0.1);
    lower.push(0);
    upper.push(1);
  }
  if (damped) {
    x0.push(PHI_RANGE[1]);
    lower.push(PHI_RANGE[0]);
    upper.push(PHI_RANGE[1]);
  }
  const best = minimiseInBox((x) => holtWintersSse(series, toParams(x), m, start), x0, { lower, upper });
  const params = toParams(best.x);
  return { params, result: holtWintersFilter(series, params, m, options.horizon ?? 0, start) };
}

/** The `holt-winters` (φ = 1) and `damped` methods: fitted recursion, forecasts and `predict.HoltWinters` bands. */
export function holtWintersMethod(series: readonly number[], m: number, horizon: number, damped: boolean): MethodFit {
  const { params, result } = fitHoltWinters(series, m, { damped, horizon });
  const sigma2 = residualVariance(series, result.fitted);
  return { fitted: result.fitted, forecast: result.forecast, se: holtWintersSe(sigma2, horizon, params, m) };
}
