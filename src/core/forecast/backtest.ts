import { mase, smape } from './accuracy';
import { fitMethod, type MethodContext } from './methods';
import type { ForecastMethod, MethodScore } from './types';

/**
 * Rolling-origin backtest (Tashman 2000; FPP 2nd ed. §2.5 "time series
 * cross-validation") over the last `months` observations: for each origin
 * o = n − months, …, n − 1 the method is refitted on y₁…y_o and forecasts
 * every remaining month o + 1 … n (so the first origin forecasts `months`
 * steps ahead and the last one step — the mix of horizons a monthly
 * re-forecast meets). All (origin, step) errors are pooled:
 * sMAPE = their mean sMAPE term; MASE = their mean absolute error divided
 * by the seasonal-naive in-sample MAE (lag m) of y₁…y_{n−months}, the data
 * before the first origin (`./accuracy`).
 *
 * The origins need at least `minTrain` observations before them; when fewer
 * than `minOrigins` origins fit, every score is null and `origins` says so.
 * `context` reaches every fit (ETS refits one given model at each origin).
 */
export interface Backtest {
  scores: MethodScore[];
  /** Number of origins used (0 when the backtest did not run). */
  origins: number;
}

export function backtest(
  series: readonly number[],
  methods: readonly ForecastMethod[],
  m: number,
  months: number,
  minTrain: number,
  minOrigins = 2,
  context: MethodContext = {},
): Backtest {
  const n = series.length;
  const origins = Math.min(Math.max(0, Math.floor(months)), n - minTrain);
  if (origins < Math.max(1, Math.min(minOrigins, months))) return { scores: methods.map((method) => ({ method, smape: null, mase: null })), origins: 0 };
  const first = n - origins;
  const insample = series.slice(0, first);
  const scores = methods.map((method): MethodScore => {
    const actual: number[] = [];
    const predicted: number[] = [];
    for (let o = first; o < n; o++) {
      const fit = fitMethod(method, series.slice(0, o), m, n - o, context);
      for (let t = o; t < n; t++) {
        actual.push(series[t]!);
        predicted.push(fit.forecast[t - o]!);
      }
    }
    return { method, smape: smape(actual, predicted), mase: mase(insample, actual, predicted, m) };
  });
  return { scores, origins };
}
