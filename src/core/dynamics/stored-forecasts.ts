import { forecastSeries } from '../forecast/index';
import type { CellValue, SheetValues } from '../util/cell';
import { type MonthIndex, monthIndexOfSerial, monthKey, parseMonthKey } from '../util/dates';
import { type TrackForecasts, trackForecastKey } from './track-record';

/**
 * The track record's forecasts as a run stores them beside its snapshot
 * rows in `Funnel Snapshots`, so that a later run reads them instead of
 * refitting the default method 12 times (issue #17's speed line). A stored
 * forecast is used only when it is provably the one a fit from scratch
 * gives now: the history it was fitted on is the same, value for value
 * (its exact text), the horizon is the same, and the forecast engine is
 * the same (`forecastEngineFingerprint`). Anything else is refitted.
 */
export interface StoredTrackForecast {
  firstMonth: MonthIndex;
  /** Months of history the forecast was fitted on (the months before the one it forecasts). */
  length: number;
  horizon: number;
  /** Those months' revenue, each as the shortest text that reads back as the same double, space-separated. */
  history: string;
  /** `forecastEngineFingerprint()` of the run that fitted it. */
  engine: string;
  /** The h = 1 forecast; null when the history gave none. */
  forecast: number | null;
}

/** The stored forecasts' table, to the right of the snapshot rows in `Funnel Snapshots` (one gap column). */
export const TRACK_FORECAST_HEADERS = ['History Start', 'History Months', 'Horizon', 'Revenue History', 'Forecast Engine', 'Forecast'] as const;
/** `Forecast` text of a history that gave no forecast (an empty cell reads back as nothing stored). */
const NO_FORECAST = 'none';
/** Excel's limit on the characters of a cell: a longer history is not stored (it is refitted). */
const CELL_TEXT_LIMIT = 32_767;

/** Exact text of a double: `String` round-trips every finite double; −0 keeps its sign. */
function exactText(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * The texts of every prefix of `history` (index k: its first k values), built
 * in one pass, so checking a dozen stored forecasts costs one walk over the history.
 */
function prefixTexts(history: readonly number[], longest: number): string[] {
  const texts = [''];
  let text = '';
  for (let k = 0; k < Math.min(longest, history.length); k++) {
    text = k === 0 ? exactText(history[0]!) : `${text} ${exactText(history[k]!)}`;
    texts.push(text);
  }
  return texts;
}

/**
 * A fixed 26-month history with a trend and a yearly season, so its default
 * forecast goes through everything a track-record fit does (ETS selection with
 * a season, ARIMA, Theta, damped, the mean).
 */
const CANARY = Array.from({ length: 26 }, (_, t) => 100 + 2.5 * t + 18 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13) - 6);
/** Bump when a change to the forecast engine changes results the canary would not show. */
const ENGINE_VERSION = 1;
let engineFingerprint: string | undefined;

/**
 * The forecast engine's fingerprint: a version and the default method's
 * forecasts of a fixed history, computed once per process (one fit, a few
 * ms). A stored forecast from an engine that forecasts differently does
 * not match, so an update never leaves old numbers in the track record.
 */
export function forecastEngineFingerprint(): string {
  if (engineFingerprint === undefined) {
    const points = forecastSeries(CANARY, { horizon: 2, backtestMonths: 0 }).points;
    engineFingerprint = `${ENGINE_VERSION}:${points.map((p) => `${exactText(p.forecast)}/${exactText(p.lower)}/${exactText(p.upper)}`).join(';')}`;
  }
  return engineFingerprint;
}

/**
 * Puts into `forecasts` the stored forecasts that hold for `history`
 * (starting at `firstMonth`): same engine, same first month and the same
 * values for the months each was fitted on. Forecasts already in the map
 * stay.
 */
export function seedTrackForecasts(
  forecasts: TrackForecasts,
  stored: readonly StoredTrackForecast[],
  history: readonly number[],
  firstMonth: MonthIndex,
): void {
  if (stored.length === 0) return;
  const engine = forecastEngineFingerprint();
  let longest = 0;
  for (const s of stored) if (s.firstMonth === firstMonth && s.length <= history.length) longest = Math.max(longest, s.length);
  const texts = prefixTexts(history, longest);
  for (const s of stored) {
    if (s.engine !== engine || s.firstMonth !== firstMonth || s.length < 1 || s.length > longest || texts[s.length] !== s.history) continue;
    const key = trackForecastKey(firstMonth, s.length, s.horizon);
    if (!forecasts.has(key)) forecasts.set(key, s.forecast);
  }
}

/** The run's forecasts of `history` (starting at `firstMonth`) to store: every one the map holds for a prefix of it. */
export function trackForecastsToStore(forecasts: TrackForecasts, history: readonly number[], firstMonth: MonthIndex): StoredTrackForecast[] {
  const entries: { length: number; horizon: number; forecast: number | null }[] = [];
  for (const [key, forecast] of forecasts) {
    const [first, length, horizon] = key.split(':').map(Number) as [number, number, number];
    if (first === firstMonth && length >= 1 && length <= history.length) entries.push({ length, horizon, forecast });
  }
  entries.sort((a, b) => a.length - b.length || a.horizon - b.horizon);
  const texts = prefixTexts(history, entries[entries.length - 1]?.length ?? 0);
  const engine = forecastEngineFingerprint();
  return entries
    .filter((e) => texts[e.length]!.length <= CELL_TEXT_LIMIT)
    .map((e) => ({ firstMonth, length: e.length, horizon: e.horizon, history: texts[e.length]!, engine, forecast: e.forecast }));
}

/** The stored forecasts' table body. */
export function trackForecastSheetRows(rows: readonly StoredTrackForecast[]): CellValue[][] {
  return rows.map((r) => [monthKey(r.firstMonth), r.length, r.horizon, r.history, r.engine, r.forecast === null ? NO_FORECAST : exactText(r.forecast)]);
}

/**
 * The stored forecasts read back from the sheet's values (the table found
 * by its header in the first row; none without it). A row that does not
 * read back exactly (a forecast that is not our text, e.g. a number Excel
 * rounded) is skipped, so it is refitted.
 */
export function readTrackForecastRows(values: SheetValues): StoredTrackForecast[] {
  const header = values[0] ?? [];
  const start = header.findIndex((h, i) => TRACK_FORECAST_HEADERS.every((name, k) => header[i + k] === name));
  if (start < 0) return [];
  const rows: StoredTrackForecast[] = [];
  for (let r = 1; r < values.length; r++) {
    const [first, length, horizon, history, engine, forecast] = TRACK_FORECAST_HEADERS.map((_, k) => values[r]?.[start + k] ?? null);
    const firstMonth = typeof first === 'string' ? parseMonthKey(first) : typeof first === 'number' ? monthIndexOfSerial(first) : null;
    const count = integerOf(length);
    const h = integerOf(horizon);
    if (firstMonth === null || count === null || h === null || typeof history !== 'string' || typeof engine !== 'string' || typeof forecast !== 'string')
      continue;
    const value = forecast === NO_FORECAST ? null : Number(forecast);
    if (value !== null && (!Number.isFinite(value) || exactText(value) !== forecast)) continue;
    rows.push({ firstMonth, length: count, horizon: h, history, engine, forecast: value });
  }
  return rows;
}

function integerOf(value: CellValue | undefined): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}
