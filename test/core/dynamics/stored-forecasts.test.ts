import { pipelineDynamics } from '../../../src/core/dynamics/pipeline-dynamics';
import {
  forecastEngineFingerprint,
  readTrackForecastRows,
  seedTrackForecasts,
  TRACK_FORECAST_HEADERS,
  trackForecastSheetRows,
  trackForecastsToStore,
  type StoredTrackForecast,
} from '../../../src/core/dynamics/stored-forecasts';
import { TRACK_RECORD_MONTHS, trackForecastKey, type TrackForecasts } from '../../../src/core/dynamics/track-record';
import { forecastSeries } from '../../../src/core/forecast/index';
import { monthlyForecast } from '../../../src/core/forecast/monthly-forecast';
import { lastCompleteMonth } from '../../../src/core/metrics/data-months';
import { readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';
import type { MonthIndex } from '../../../src/core/util/dates';

// SPEC §8: the track record's forecasts are the default method's h = 1 forecasts from the history before each month.
// A run stores them and a later run reads them instead of refitting: the numbers must be exactly those of a fit
// from scratch, so a stored one is used only for the same history (value for value), horizon and engine.

const read = readPipeline(samplePipeline({ deals: 1500, seed: 5 }), { stages: DEFAULT_STAGES });
if (!read.ok) throw new Error('sample did not read');
const pipeline = read.pipeline;
const stages = DEFAULT_STAGES;
const month = lastCompleteMonth(pipeline.deals)!;
const forecastOf = (m: MonthIndex) => monthlyForecast(pipeline.deals, { month: m, stages });
const dynamicsOf = (m: MonthIndex, trackForecasts: TrackForecasts, storedForecasts?: readonly StoredTrackForecast[]) =>
  pipelineDynamics({ pipeline, stages, month: m, targets: [], snapshots: [], forecast: forecastOf(m), trackForecasts, storedForecasts });

/** What the run of a month stores, read back from its sheet rows, as the next run gets them. */
function storedBy(m: MonthIndex): StoredTrackForecast[] {
  const forecasts: TrackForecasts = new Map();
  dynamicsOf(m, forecasts);
  const f = forecastOf(m);
  return readTrackForecastRows([[...TRACK_FORECAST_HEADERS], ...trackForecastSheetRows(trackForecastsToStore(forecasts, f.history, f.firstMonth))]);
}

/** A cache that records what is put into it. */
class Recording extends Map<string, number | null> {
  readonly added: string[] = [];
  override set(key: string, value: number | null): this {
    this.added.push(key);
    return super.set(key, value);
  }
}

describe('stored track-record forecasts', () => {
  const stored = storedBy(month - 1);

  it('are, month by month, exactly the default method fitted from scratch on the history before the month', () => {
    const { history, firstMonth, series } = forecastOf(month);
    const track = dynamicsOf(month, new Map(), stored).trackRecord;
    expect(track.months).toHaveLength(TRACK_RECORD_MONTHS);
    let compared = 0;
    for (const line of track.months) {
      const length = line.month - firstMonth;
      const scratch = length >= 1 ? (forecastSeries(history.slice(0, length), { horizon: series.horizon }).points[0]?.forecast ?? null) : null;
      expect(line.forecast).toBe(scratch);
      if (scratch !== null) compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });

  it('let a later run fit nothing, and give the figures a run without them gives', () => {
    const f = forecastOf(month);
    const forecasts = new Recording();
    const withStored = dynamicsOf(month, forecasts, stored);
    expect(withStored.trackRecord).toEqual(dynamicsOf(month, new Map()).trackRecord);
    // Put in: the run's own forecast (for the month after), then the stored ones; nothing fitted by the track record.
    const own = trackForecastKey(f.firstMonth, f.history.length, f.series.horizon);
    expect(forecasts.added[0]).toBe(own);
    const seeded = new Map<string, number | null>();
    seedTrackForecasts(seeded, stored, f.history, f.firstMonth);
    expect(forecasts.added.slice(1).sort()).toEqual([...seeded.keys()].sort());
    for (const line of withStored.trackRecord.months)
      expect(seeded.has(trackForecastKey(f.firstMonth, line.month - f.firstMonth, f.series.horizon))).toBe(true);
  });

  it('round-trip through the sheet exactly, a history without a forecast included', () => {
    const f = forecastOf(month);
    const forecasts: TrackForecasts = new Map([
      [trackForecastKey(f.firstMonth, 2, 6), null],
      [trackForecastKey(f.firstMonth, 20, 6), 1 / 3],
      [trackForecastKey(f.firstMonth, 21, 6), -0],
    ]);
    const rows = trackForecastsToStore(forecasts, f.history, f.firstMonth);
    const back: TrackForecasts = new Map();
    seedTrackForecasts(
      back,
      readTrackForecastRows([[null, ...TRACK_FORECAST_HEADERS], ...trackForecastSheetRows(rows).map((r) => ['x', ...r])]),
      f.history,
      f.firstMonth,
    );
    expect(back).toEqual(forecasts);
    expect(Object.is(back.get(trackForecastKey(f.firstMonth, 21, 6)), -0)).toBe(true);
  });

  it('are not used when a month of their history changed, nor from another engine, another first month or a rounded cell', () => {
    const { history, firstMonth } = forecastOf(month);
    const changedAt = history.length - 6;
    const edited = history.map((v, t) => (t === changedAt ? v + 0.01 : v));
    const seeded: TrackForecasts = new Map();
    seedTrackForecasts(seeded, stored, edited, firstMonth);
    const lengths = [...seeded.keys()].map((k) => Number(k.split(':')[1]));
    expect(lengths.length).toBeGreaterThan(0);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(changedAt);
    expect(stored.some((s) => s.length > changedAt)).toBe(true);

    const other: TrackForecasts = new Map();
    seedTrackForecasts(
      other,
      stored.map((s) => ({ ...s, engine: `${s.engine}x` })),
      history,
      firstMonth,
    );
    seedTrackForecasts(other, stored, history, firstMonth + 1);
    expect(other.size).toBe(0);

    // A forecast cell that is a number, not our text (Excel may have rounded it), or text of another value is not read.
    const sheet = [[...TRACK_FORECAST_HEADERS], ...trackForecastSheetRows(stored)];
    const [a, b] = stored.flatMap((s, i) => (s.forecast === null ? [] : [i + 1]));
    sheet[a!]![5] = Number(sheet[a!]![5]);
    sheet[b!]![5] = `${sheet[b!]![5] as string}0`;
    expect(readTrackForecastRows(sheet)).toEqual(stored.filter((_, i) => i + 1 !== a && i + 1 !== b));
  });

  it('carry the engine fingerprint of this build', () => {
    expect(stored.every((s) => s.engine === forecastEngineFingerprint())).toBe(true);
    expect(forecastEngineFingerprint()).toMatch(/^1:/);
  });
});
