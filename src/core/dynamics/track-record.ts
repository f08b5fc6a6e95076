import { forecastSeries } from '../forecast/index';
import type { StageProbability } from '../forecast/weighted-pipeline';
import type { StageConfig } from '../pipeline/stages';
import type { MonthIndex } from '../util/dates';
import { ratio } from '../util/ratio';
import type { SnapshotRow } from './snapshot';

/** SPEC §8: the track record covers this many months, ending with the report month. */
export const TRACK_RECORD_MONTHS = 12;

export interface TrackMonth {
  month: MonthIndex;
  /** The default method's h = 1 forecast for the month from the revenue before it; null without one. */
  forecast: number | null;
  /** Σ amount × stage probability of the previous month's snapshot rows expected in the month; null without that snapshot. */
  weighted: number | null;
  actual: number;
  /** |forecast − actual| ÷ actual; null when either is missing or the actual is 0. */
  forecastApe: number | null;
  weightedApe: number | null;
}

export interface TrackRecord {
  months: TrackMonth[];
  /** Mean of the months' APEs that exist; null when none does. */
  forecastMape: number | null;
  weightedMape: number | null;
}

export interface TrackRecordInputs {
  month: MonthIndex;
  /** Revenue by close month from `firstMonth` up to the report month (SPEC §2 history). */
  history: readonly number[];
  firstMonth: MonthIndex;
  /** The report's forecast horizon: the forecast of a month is the first of the `horizon` the report of the month before makes. */
  horizon: number;
  /** The forecasts already made in this run (filled in here): the history before a month is the same whatever the report month. */
  forecasts: TrackForecasts;
  stages: StageConfig;
  /** Every stored snapshot row (any month). */
  snapshots: readonly SnapshotRow[];
  /** The stage probabilities the weighted pipeline used at the end of a month (learned then). */
  probabilitiesAt: (month: MonthIndex) => readonly StageProbability[];
}

/**
 * The forecast track record (SPEC §8): for each of the last 12 months, the
 * h = 1 forecast of the default method made for it from the history before
 * it, the weighted pipeline for it from the previous month's snapshot
 * (rows expected to close in it, each amount × its stage's probability as
 * learned at the end of that previous month), the actual revenue, and each
 * one's absolute percentage error; the MAPE of each over the months.
 *
 * A month's forecast is the one the report of the month before gives as
 * its first month: the default method fitted on the revenue history up to
 * that month (`forecastFor`), so the track record shows what was actually
 * forecast, not a fit that already knew the later months.
 */
export function trackRecord(inputs: TrackRecordInputs): TrackRecord {
  const { month, history, firstMonth, stages, snapshots } = inputs;
  const byMonth = new Map<MonthIndex, SnapshotRow[]>();
  for (const r of snapshots) {
    let rows = byMonth.get(r.month);
    if (!rows) byMonth.set(r.month, (rows = []));
    rows.push(r);
  }
  const stageIndex = new Map(stages.stages.map((s, i) => [s.name, i]));
  const months: TrackMonth[] = [];
  for (let m = month - TRACK_RECORD_MONTHS + 1; m <= month; m++) {
    const actual = m >= firstMonth ? (history[m - firstMonth] ?? 0) : 0;
    const forecast = forecastFor(history, m - firstMonth, firstMonth, inputs.horizon, inputs.forecasts);
    const rows = byMonth.get(m - 1);
    let weighted: number | null = null;
    if (rows !== undefined) {
      const probabilities = inputs.probabilitiesAt(m - 1);
      weighted = 0;
      for (const r of rows) {
        const k = stageIndex.get(r.stage);
        if (r.expectedMonth !== m || r.amount === null || k === undefined) continue;
        weighted += r.amount * (probabilities[k]?.probability ?? 0);
      }
    }
    months.push({ month: m, forecast, weighted, actual, forecastApe: ape(forecast, actual), weightedApe: ape(weighted, actual) });
  }
  return { months, forecastMape: mean(months.map((x) => x.forecastApe)), weightedMape: mean(months.map((x) => x.weightedApe)) };
}

/**
 * The h = 1 forecasts of a run by the history they come from: the key is
 * `trackForecastKey` of the history's first month, length and the horizon.
 */
export type TrackForecasts = Map<string, number | null>;

export function trackForecastKey(firstMonth: MonthIndex, length: number, horizon: number): string {
  return `${firstMonth}:${length}:${horizon}`;
}

/**
 * The default method's forecast for the month after the first `length`
 * months of `history`, as `forecastSeries` gives it to a report of that
 * month (same history, same horizon: the backtest, left out here, does not
 * change the fit). Null without one (fewer than 3 months: a report of a
 * month before the first won deal has a history of one month, also none).
 */
export function forecastFor(history: readonly number[], length: number, firstMonth: MonthIndex, horizon: number, forecasts: TrackForecasts): number | null {
  if (length < 1) return null;
  const key = trackForecastKey(firstMonth, length, horizon);
  let value = forecasts.get(key);
  if (value === undefined) {
    value = forecastSeries(history.slice(0, length), { horizon, backtestMonths: 0 }).points[0]?.forecast ?? null;
    forecasts.set(key, value);
  }
  return value;
}

function ape(estimate: number | null, actual: number): number | null {
  if (estimate === null) return null;
  const r = ratio(Math.abs(estimate - actual), actual);
  return r === null ? null : Math.abs(r);
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return ratio(
    present.reduce((a, b) => a + b, 0),
    present.length,
  );
}
