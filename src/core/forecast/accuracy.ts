/**
 * Forecast accuracy as the M4 competition measures it (M4 Competitor's
 * Guide, 2018, "Performance measures"; Hyndman & Koehler 2006):
 *
 *   sMAPE = (1/h) Σ 200 |y_t − ŷ_t| / (|y_t| + |ŷ_t|)                 (percent, 0…200)
 *   MASE  = (1/h) Σ |y_t − ŷ_t|  ÷  (1/(n−m)) Σ_{t=m+1..n} |Y_t − Y_{t−m}|
 *
 * where Y is the in-sample series and m its season (the in-sample seasonal
 * naive MAE scales the errors). Two choices of ours, both stated:
 * - a sMAPE term with y = ŷ = 0 is 0 (a perfect forecast of an empty month),
 *   where the M4 formula would divide 0 by 0;
 * - MASE falls back to lag 1 when the in-sample series is no longer than m,
 *   and is null when the scale is 0 (a constant in-sample series).
 * Both return null on empty or mismatched input or a non-finite value,
 * never NaN or Infinity.
 */

export function smape(actual: readonly number[], forecast: readonly number[]): number | null {
  if (actual.length === 0 || actual.length !== forecast.length) return null;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const f = forecast[i]!;
    if (!Number.isFinite(y) || !Number.isFinite(f)) return null;
    const denominator = Math.abs(y) + Math.abs(f);
    // |y − f| ≤ |y| + |f|, so each term is within 0…200; y = f = 0 counts as 0.
    if (denominator > 0) sum += Math.min(200, (200 * Math.abs(y - f)) / denominator);
  }
  return sum / actual.length;
}

/** MASE's denominator: the in-sample MAE of the seasonal naive forecast (lag m, or lag 1 when the series is too short). Null when not computable. */
export function maseScale(insample: readonly number[], m = 12): number | null {
  const lag = Number.isInteger(m) && m >= 1 && insample.length > m ? m : 1;
  if (insample.length <= lag) return null;
  let sum = 0;
  for (let t = lag; t < insample.length; t++) sum += Math.abs(insample[t]! - insample[t - lag]!);
  const scale = sum / (insample.length - lag);
  return Number.isFinite(scale) && scale > 0 ? scale : null;
}

export function mase(insample: readonly number[], actual: readonly number[], forecast: readonly number[], m = 12): number | null {
  if (actual.length === 0 || actual.length !== forecast.length) return null;
  const scale = maseScale(insample, m);
  if (scale === null) return null;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  const value = sum / actual.length / scale;
  return Number.isFinite(value) ? value : null;
}
