import type { EtsMethodFit } from './ets-method';
import type { MethodFit } from './types';

/**
 * The default forecast: the equal-weight mean of ETS (`./ets-method`, R's
 * `ets()`), Theta (`./theta`) and damped trend (`./damped`) — the
 * combination that scored best on held-out data in our benchmarks (M3
 * monthly at the product's defaults and the classic sales series,
 * bench/forecast-m3.ts, BENCHMARKS.md): the three err in different
 * directions often enough that their mean beats each of them (Makridakis
 * et al. 2018 on the M4 combinations; Hyndman's ETS + ARIMA + Theta
 * benchmark). ETS picks its own season by AICc; Theta and damped adjust
 * for season m when that model has a season (`adjustment.force`), else when the
 * M4 rule (90 % test) finds one: at 36–48 months the test misses most
 * yearly seasons (issue #21), and on the classic sales histories Theta
 * and damped without the season dragged the mean far below ETS alone.
 *
 * When ETS cannot be fitted (fewer than 5 values) the mean is of the other
 * two. The band: the mean of the components' standard errors (the standard
 * error of a mean of forecasts is at most the mean of theirs, so the band
 * errs on the wide side); the one-step fit is the mean of their fits.
 */
export function etsThetaDampedMethod(series: readonly number[], horizon: number, ets: EtsMethodFit | null, theta: MethodFit, damped: MethodFit): MethodFit {
  const parts: MethodFit[] = [theta, damped];
  if (ets !== null) parts.unshift(ets);
  const usable = parts.filter((p) => p.forecast.every(Number.isFinite) && p.se.every(Number.isFinite));
  const use = usable.length > 0 ? usable : parts;
  const mean = (pick: (p: MethodFit) => number | null): number | null => {
    let s = 0;
    for (const p of use) {
      const v = pick(p);
      if (v === null) return null;
      s += v;
    }
    return s / use.length;
  };
  return {
    fitted: series.map((_, t) => mean((p) => p.fitted[t] ?? null)),
    forecast: Array.from({ length: horizon }, (_, h) => mean((p) => p.forecast[h]!)!),
    se: Array.from({ length: horizon }, (_, h) => mean((p) => p.se[h]!)!),
  };
}
