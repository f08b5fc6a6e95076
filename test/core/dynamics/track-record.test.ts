import { pipelineDynamics } from '../../../src/core/dynamics/pipeline-dynamics';
import { TRACK_RECORD_MONTHS, type TrackForecasts } from '../../../src/core/dynamics/track-record';
import { monthlyForecast } from '../../../src/core/forecast/monthly-forecast';
import { lastCompleteMonth } from '../../../src/core/metrics/data-months';
import { readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';
import type { MonthIndex } from '../../../src/core/util/dates';

// SPEC §8: the track record's forecast of a month is the one made from the history before it (h = 1, the default
// method): exactly the first month of the forecast the report of the month before gives.

const read = readPipeline(samplePipeline({ deals: 1500, seed: 3 }), { stages: DEFAULT_STAGES });
if (!read.ok) throw new Error('sample did not read');
const pipeline = read.pipeline;
const stages = DEFAULT_STAGES;
const month = lastCompleteMonth(pipeline.deals)!;
const forecastOf = (m: MonthIndex) => monthlyForecast(pipeline.deals, { month: m, stages });
const dynamicsOf = (m: MonthIndex, trackForecasts?: TrackForecasts) =>
  pipelineDynamics({ pipeline, stages, month: m, targets: [], snapshots: [], forecast: forecastOf(m), trackForecasts });

/** A cache that counts how often each history is fitted. */
class CountingForecasts extends Map<string, number | null> {
  readonly sets = new Map<string, number>();
  override set(key: string, value: number | null): this {
    this.sets.set(key, (this.sets.get(key) ?? 0) + 1);
    return super.set(key, value);
  }
}

describe('forecast track record', () => {
  const track = dynamicsOf(month).trackRecord;

  it('gives each month the forecast the report of the month before made for it', () => {
    expect(track.months).toHaveLength(TRACK_RECORD_MONTHS);
    for (const m of [month, month - 1, month - 6]) {
      const before = forecastOf(m - 1).series.points[0]!.forecast;
      const line = track.months.find((x) => x.month === m)!;
      expect(line.forecast).toBe(before);
      expect(line.forecastApe).toBe(line.actual === 0 ? null : Math.abs(before - line.actual) / line.actual);
    }
  });

  it('has no forecast for a month whose history before it is too short for one', () => {
    const first = forecastOf(month).firstMonth;
    const early = dynamicsOf(first + 3).trackRecord.months;
    for (const line of early) if (line.month - 1 < first + 2) expect(line.forecast).toBeNull();
    expect(early.find((x) => x.month === first + 3)!.forecast).toBe(forecastOf(first + 2).series.points[0]!.forecast);
  });

  it("fits each history once in a run of many months, the report month's own forecast included", () => {
    const forecasts = new CountingForecasts();
    const runs = [month - 2, month - 1, month].map((m) => dynamicsOf(m, forecasts).trackRecord);
    expect(Math.max(...forecasts.sets.values())).toBe(1);
    // 12 months before the first report month, then one more history per month.
    expect(forecasts.size).toBe(TRACK_RECORD_MONTHS + 3);
    expect(runs[2]).toEqual(track);
  });
});
