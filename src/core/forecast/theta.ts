import { residualVariance, sesSe } from './intervals';
import { trendLine } from './linear';
import { adjust, reseason, reseasonSe, seasonalAdjustment } from './season';
import { fitSes } from './ses';
import type { MethodFit } from './types';

/**
 * Standard Theta method (Assimakopoulos & Nikolopoulos 2000) in the form
 * Hyndman & Billah (2003) showed it equals — SES with drift — as
 * `forecast::thetaf` computes it, on data seasonally adjusted by the M4
 * rule (90 % test, classical multiplicative decomposition; `./season`):
 *   ŷ_{n+h} = ℓ_n + (b/2)·[(h − 1) + (1 − (1 − α)ⁿ)/α],
 * ℓ_n and α from SES (`./ses`), b the least-squares slope of the adjusted
 * series; then reseasonalised (`forceSeason`: without the test, see
 * `seasonalAdjustment`). One-step fit from origin t uses the drift
 * term (b/2)(1 − (1 − α)ᵗ)/α. Band: the SES variance σ²[1 + α²(h − 1)].
 */
export function thetaMethod(series: readonly number[], m: number, horizon: number, forceSeason = false): MethodFit {
  const n = series.length;
  const sa = seasonalAdjustment(series, m, forceSeason);
  const a = adjust(series, sa);
  const ses = fitSes(a);
  const alpha = ses.alpha;
  const drift = (trendLine(a)?.slope ?? 0) / 2;
  const decay = (t: number) => (1 - (1 - alpha) ** t) / alpha;
  const adjustedFit = ses.fitted.map((f, t) => f + drift * decay(t));
  const fitted = adjustedFit.map((f, t) => reseason(f, t, sa));
  const se = sesSe(residualVariance(a, adjustedFit), horizon, alpha);
  const forecast: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    forecast.push(reseason(ses.level + drift * (h - 1 + decay(n)), n + h - 1, sa));
    se[h - 1] = reseasonSe(se[h - 1]!, n + h - 1, sa);
  }
  return { fitted, forecast, se };
}
