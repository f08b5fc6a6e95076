import { autoEts, type EtsFit, etsForecast, fitEts } from './ets';
import type { EtsSpec } from './ets-model';
import type { MethodFit } from './types';

/**
 * ETS as a forecasting method (`fitMethod('ets', …)`): R's `ets(y)` with
 * the season lengths given (`./ets`: every admissible model, lowest AICc),
 * or one model refitted (the backtest refits the model chosen on the whole
 * history at each origin, not the whole selection: a twentieth of the
 * work). A constant series is forecast as that constant with no band, as
 * R does (`ets` fits ETS(A,N,N) with α ≈ 1 there). null when no model can
 * be fitted (fewer than 5 values).
 *
 * `unit`: the factor that turns the series into the user's units
 * (`forecastSeries` works on values divided by the largest |value|). ETS
 * is fitted in the user's units, as R fits it: the first Nelder–Mead
 * simplex steps by a tenth of the largest start value, so the units change
 * the search, and in R's units our selection equals R's (all of the first
 * 60 M3 series, forecasts within 1e-3), in others it does not (39 of 60)
 * and forecast worse on M3.
 */
export interface EtsMethodFit extends MethodFit {
  model: EtsFit | null;
}

export function etsMethod(series: readonly number[], seasons: readonly number[], horizon: number, spec?: EtsSpec | null, unit = 1): EtsMethodFit | null {
  const n = series.length;
  if (n === 0) return null;
  if (series.every((v) => v === series[0])) {
    return { model: null, fitted: series.map(() => series[0]!), forecast: new Array<number>(horizon).fill(series[0]!), se: new Array<number>(horizon).fill(0) };
  }
  // In the caller's units (see `unit` above); in the given ones when those overflow or fail.
  const inUnits = unit !== 1 ? series.map((v) => v * unit) : null;
  const usable = inUnits !== null && inUnits.every(Number.isFinite);
  let model = usable ? fitOrSelect(inUnits, seasons, spec) : null;
  let u = usable ? unit : 1;
  if (model === null) {
    model = fitOrSelect(series, seasons, spec);
    u = 1;
  }
  if (model === null) return null;
  const { mean, variance } = etsForecast(model, horizon);
  // Without a season the band never narrows (a class-2 variance can dip with a falling mean); with one it follows the
  // season's swing, as R's does.
  let widest = 0;
  const seasonal = model.spec.season !== 'N';
  const se = variance.map((v) => (widest = seasonal ? Math.sqrt(v) / u : Math.max(widest, Math.sqrt(v) / u)));
  return { model, fitted: model.fitted.map((v) => v / u), forecast: mean.map((v) => v / u), se };
}

function fitOrSelect(series: readonly number[], seasons: readonly number[], spec: EtsSpec | null | undefined): EtsFit | null {
  return (spec ? fitEts(series, spec) : null) ?? selectAcrossSeasons(series, seasons);
}

/** The lowest-AICc model over the season lengths (each tried with two full seasons; 1 = none). */
function selectAcrossSeasons(series: readonly number[], seasons: readonly number[]): EtsFit | null {
  let best: EtsFit | null = null;
  for (const m of seasons.length > 0 ? seasons : [1]) {
    const selection = autoEts(series, m);
    if (selection !== null && (best === null || selection.best.aicc < best.aicc)) best = selection.best;
  }
  return best;
}
