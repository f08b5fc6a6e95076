import { fitHolt } from './holt';
import { holtWintersSe, residualVariance } from './intervals';
import { adjust, reseason, reseasonSe, seasonalAdjustment } from './season';
import type { MethodFit } from './types';

/**
 * Damped additive trend, the M4 "Damped" benchmark (M4 Competitor's Guide;
 * Gardner & McKenzie 1985; FPP 2nd ed. §7.4, ETS(A,Ad,N)): damped Holt
 * (`./holt`, φ ∈ [0.8, 0.98] fitted with α, β and the start values) on the
 * data seasonally adjusted by the M4 rule (`./season`: 90 % test at lag m,
 * classical multiplicative decomposition), then reseasonalised:
 *   ŷ_{n+h} = [ℓ_n + (φ + φ² + … + φʰ)·b_n] · S_{n+h}.
 * The trend flattens out, which on the M3 monthly series beats both the
 * straight trend and additive Holt–Winters (bench/forecast-m3.ts).
 * Band: FPP Table 7.8 for ETS(A,Ad,N), c_j = α(1 + β·φ_j), φ_j = φ + … + φʲ,
 * on the adjusted series, scaled by the seasonal index.
 */
export function dampedMethod(series: readonly number[], m: number, horizon: number, forceSeason = false): MethodFit {
  const n = series.length;
  const sa = seasonalAdjustment(series, m, forceSeason);
  const a = adjust(series, sa);
  const fit = fitHolt(a, { horizon, damped: true });
  const se = holtWintersSe(residualVariance(a, fit.fitted), horizon, fit.params, 1);
  return {
    fitted: fit.fitted.map((v, t) => reseason(v, t, sa)),
    forecast: fit.forecast.map((v, h) => reseason(v, n + h, sa)),
    se: se.map((v, h) => reseasonSe(v, n + h, sa)),
  };
}
