import type { MethodFit } from './types';

/**
 * The combinations (SPEC §2: the equal-weight mean of several methods'
 * forecasts): `ets-theta-damped` = ETS (`./ets-method`, R's `ets()`),
 * Theta (`./theta`) and damped trend (`./damped`); the default,
 * `ets-theta-damped-arima`, adds ARIMA (`./arima-method`, R's
 * `auto.arima` search) — the combination that scored best on held-out
 * data in our benchmarks (M3 monthly at the product's defaults and the
 * classic sales series, bench/forecast-m3.ts, BENCHMARKS.md): the methods
 * err in different directions often enough that their mean beats each of
 * them (Makridakis et al. 2018 on the M4 combinations; Hyndman's ETS +
 * ARIMA + Theta benchmark), and ARIMA, a different family from the three
 * smoothing methods, errs most differently. ETS picks its own season by
 * AICc; Theta and damped adjust for season m when that model has a season
 * (`adjustment.force`), else when the M4 rule (90 % test) finds one: at
 * 36–48 months the test misses most yearly seasons (issue #21), and on the
 * classic sales histories Theta and damped without the season dragged the
 * mean far below ETS alone. ARIMA decides its own seasonal difference and
 * terms.
 *
 * A component that cannot be fitted (null: ETS or ARIMA on a very short or
 * constant series) or gives a non-finite value is left out of the mean.
 * The band: the mean of the components' standard errors (the standard
 * error of a mean of forecasts is at most the mean of theirs, so the band
 * errs on the wide side); the one-step fit is the mean of the
 * components' fits where they have one (ARIMA has none over its first
 * differences).
 */
export function meanOfMethods(series: readonly number[], horizon: number, components: readonly (MethodFit | null)[]): MethodFit {
  const parts = components.filter((p): p is MethodFit => p !== null);
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
  const fitted = series.map((_, t) => {
    let s = 0;
    let count = 0;
    for (const p of use) {
      const v = p.fitted[t];
      if (v === null || v === undefined) continue;
      s += v;
      count++;
    }
    return count > 0 ? s / count : null;
  });
  return {
    fitted,
    forecast: Array.from({ length: horizon }, (_, h) => mean((p) => p.forecast[h]!)!),
    se: Array.from({ length: horizon }, (_, h) => mean((p) => p.se[h]!)!),
  };
}
