import { FORECAST_METHODS, forecastSeries } from '../../src/core/forecast/index';
import { dealTableOf } from '../../src/core/metrics/deal-table';
import { revenueByMonth } from '../../src/core/metrics/revenue';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { parseMonthKey } from '../../src/core/util/dates';
import { backtestFunction, forecast, MAX_FORECAST_VALUES } from '../../src/functions/functions';
import { clearFunctionCaches } from '../../src/functions/range-cache';
import { installCustomFunctionsStub } from './custom-functions-stub';
import { asError, SAMPLE } from './excel-ranges';

jest.mock('../../src/core/forecast/index', () => {
  const actual = jest.requireActual('../../src/core/forecast/index');
  return { ...actual, forecastSeries: jest.fn(actual.forecastSeries) };
});
const fits = forecastSeries as jest.MockedFunction<typeof forecastSeries>;

beforeAll(installCustomFunctionsStub);
beforeEach(() => {
  clearFunctionCaches();
  fits.mockClear();
});

// The sample's revenue by close month (30 months), as a user would lay it out: a header, the months, then the
// blank rest of a long reference such as B2:B1000.
const read = readPipeline(SAMPLE, { stages: DEFAULT_STAGES });
if (!read.ok) throw new Error('sample did not read');
const HISTORY = [...revenueByMonth(dealTableOf(read.pipeline.deals), parseMonthKey('2024-01')!, parseMonthKey('2026-06')!)];
const RANGE = [['Revenue'], ...HISTORY.map((v) => [v]), ...Array.from({ length: 200 }, (_, i) => [i % 2 === 0 ? '' : null])];

const rows = (points: readonly { forecast: number; lower: number; upper: number }[]) => points.map((p) => [p.forecast, p.lower, p.upper]);

describe('FUNNEL.FORECAST', () => {
  it('spills the core forecast of the same months: horizon × (forecast, lower 95%, upper 95%)', () => {
    expect(HISTORY).toHaveLength(30);
    const core = fits.getMockImplementation()!(HISTORY, { horizon: 6 });
    const spilled = forecast(RANGE);
    expect(spilled).toEqual(rows(core.points));
    for (const [f, lo, hi] of spilled as number[][]) {
      expect(Number.isFinite(f!)).toBe(true);
      expect(lo).toBeLessThanOrEqual(f!);
      expect(hi).toBeGreaterThanOrEqual(f!);
    }
  });

  it('passes horizon, method and season on, as the core takes them', () => {
    const core = (options: Parameters<typeof forecastSeries>[1]) => rows(fits.getMockImplementation()!(HISTORY, options).points);
    expect(forecast(RANGE, 3, 'linear', 1)).toEqual(core({ horizon: 3, method: 'linear', season: 1 }));
    expect(forecast(RANGE, 12, 'ETS', 'auto')).toEqual(core({ horizon: 12, method: 'ets' }));
    expect(forecast(RANGE, 12, 'FORECAST.ETS', 'auto')).toEqual(core({ horizon: 12, method: 'holt-winters' }));
    expect(forecast(RANGE, 2, ' Holt Winters ', 0)).toEqual(core({ horizon: 2, method: 'holt-winters', season: 1 }));
    expect(forecast(RANGE, null, null, null)).toEqual(forecast(RANGE));
    expect(forecast(RANGE, '', 'auto', '')).toEqual(forecast(RANGE));
  });

  it('reads a blank between numbers as a month of 0, numbers typed as text, and skips the header', () => {
    const values = [120, 0, 150, 170, 160, 190, 185, 200];
    const typed = [['Month total'], [120], [''], ['150'], ['$170'], [160], [190], ['185'], [200], [null]];
    expect(forecast(typed, 4)).toEqual(rows(fits.getMockImplementation()!(values, { horizon: 4 }).points));
  });

  it('fits once for every horizon up to two years, and once per method; BACKTEST shares the default fit', () => {
    forecast(RANGE.map((r) => [...r]));
    for (let h = 1; h <= 24; h++)
      forecast(
        RANGE.map((r) => [...r]),
        h,
      );
    backtestFunction(RANGE.map((r) => [...r]));
    expect(fits).toHaveBeenCalledTimes(1);
    forecast(RANGE, 36);
    forecast(RANGE, 30);
    expect(fits).toHaveBeenCalledTimes(2);
    forecast(RANGE, 6, 'linear');
    forecast(RANGE, 6, 'theta');
    forecast(RANGE, 12, 'linear');
    expect(fits).toHaveBeenCalledTimes(4);
    const changed = RANGE.map((r) => [...r]);
    changed[5] = [12345];
    forecast(changed);
    expect(fits).toHaveBeenCalledTimes(5);
  });

  it('takes a 100k-row reference over a few years of months', () => {
    const big = [['Revenue'], ...HISTORY.map((v) => [v]), ...Array.from({ length: 100_000 - 31 }, () => [''])];
    expect(forecast(big)).toEqual(forecast(RANGE));
  });

  it.each([
    [[[1], [2]], undefined, undefined, undefined, '#N/A', /values: Only 2 months of history: at least 3 are needed/],
    [[['Revenue'], [1], ['n/a'], [3], [4]], undefined, undefined, undefined, '#VALUE!', /values: cell 3 is "n\/a", not a number/],
    [RANGE, 0, undefined, undefined, '#VALUE!', /horizon must be a whole number from 1 to 120, not 0/],
    [RANGE, 'six', undefined, undefined, '#VALUE!', /horizon .* not "six"/],
    [
      RANGE,
      6,
      'prophet',
      undefined,
      '#VALUE!',
      new RegExp(
        'method must be auto or one of seasonal-naive, linear, holt-winters, damped, naive2, theta, comb, ' +
          'ets, ets-theta-damped, arima, ets-theta-damped-arima, not "prophet"',
      ),
    ],
    [RANGE, 6, 3, undefined, '#VALUE!', /method .* not 3/],
    [RANGE, 6, 'auto', 'yearly', '#VALUE!', /season must be auto, or a season length in months from 1 \(no season\) to 120, not "yearly"/],
    [RANGE, 6, 'auto', 2.5, '#VALUE!', /season .* not 2.5/],
    [[['']], undefined, undefined, undefined, '#N/A', /values: Only 0 months of history/],
  ])('returns an error in a 1×1 spill for bad input %#', (values, horizon, method, season, code, message) => {
    const spilled = forecast(values as never, horizon, method, season);
    expect(spilled).toHaveLength(1);
    expect(spilled[0]).toHaveLength(1);
    const e = asError(spilled[0]![0]);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it(`refuses more than ${MAX_FORECAST_VALUES} months, saying why`, () => {
    const e = asError(forecast(Array.from({ length: MAX_FORECAST_VALUES + 1 }, (_, i) => [i]))[0]![0]);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/values holds 1201 months: at most 1200 \(100 years\) of monthly history are taken/);
    expect(fits).not.toHaveBeenCalled();
  });
});

describe('FUNNEL.BACKTEST', () => {
  it('spills every method’s name, sMAPE and MASE from the core backtest, blank where a score is missing', () => {
    const core = fits.getMockImplementation()!(HISTORY, { horizon: 1 });
    const spilled = backtestFunction(RANGE);
    expect(spilled.map((r) => r[0])).toEqual([...FORECAST_METHODS]);
    expect(spilled).toEqual(core.backtest.map((s) => [s.method, s.smape ?? '', s.mase ?? '']));
    expect(spilled.some((r) => typeof r[2] === 'number')).toBe(true);
  });

  it('takes the backtest length h', () => {
    const core = fits.getMockImplementation()!(HISTORY, { backtestMonths: 4 });
    expect(backtestFunction(RANGE, 4)).toEqual(core.backtest.map((s) => [s.method, s.smape ?? '', s.mase ?? '']));
  });

  it('gives blanks, not errors, when the history is too short to backtest', () => {
    const spilled = backtestFunction([[10], [12], [11], [13]]);
    expect(spilled).toHaveLength(FORECAST_METHODS.length);
    for (const row of spilled) expect(row.slice(1)).toEqual(['', '']);
  });

  it('returns #VALUE! for a bad h and #N/A for too short a history', () => {
    expect(asError(backtestFunction(RANGE, -1)[0]![0]).message).toMatch(/h must be a whole number from 1 to 120, not -1/);
    expect(asError(backtestFunction([[5]])[0]![0]).code).toBe('#N/A');
  });
});
