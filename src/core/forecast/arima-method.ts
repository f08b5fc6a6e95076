import { type ArimaFit, type ArimaOrder, arimaForecast, autoArima, fitArima } from './arima';
import type { MethodFit } from './types';

/**
 * ARIMA as a forecasting method (`fitMethod('arima', …)`): `autoArima`
 * (`./arima`, R's auto.arima search) with season m, or one order refitted
 * (the backtest refits the order chosen on the whole history at each
 * origin, as ETS refits its model). null when no order can be fitted (a
 * constant or very short series).
 */
export interface ArimaMethodFit extends MethodFit {
  model: ArimaFit;
}

export function arimaMethod(series: readonly number[], m: number, horizon: number, order?: ArimaOrder | null): ArimaMethodFit | null {
  const model = (order ? fitArima(series, order) : null) ?? autoArima(series, m);
  if (model === null) return null;
  const { mean, se } = arimaForecast(model, horizon);
  if (!mean.every(Number.isFinite) || !se.every(Number.isFinite)) return null;
  return { model, fitted: model.fitted, forecast: mean, se };
}
