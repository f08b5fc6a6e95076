import fc from 'fast-check';
import { isQuarterly } from '../../../src/core/forecast/forecast-series';
import { FORECAST_METHODS, type ForecastMethod, fitMethod, forecastSeries, type SeriesForecast } from '../../../src/core/forecast/index';

function numbersOf(f: SeriesForecast): number[] {
  return [
    f.season,
    f.horizon,
    f.level,
    ...f.fitted.filter((v): v is number => v !== null),
    ...f.points.flatMap((p) => [p.step, p.forecast, p.lower, p.upper]),
    ...f.backtest.flatMap((s) => [s.smape, s.mase].filter((v): v is number => v !== null)),
  ];
}

describe('forecastSeries: notes and choices', () => {
  it('gives no forecast below 3 months, and says why', () => {
    for (const history of [[], [5], [5, 6]]) {
      const f = forecastSeries(history);
      expect(f.method).toBeNull();
      expect(f.points).toEqual([]);
      expect(f.reason).toMatchObject({ code: 'tooShort', values: { months: history.length, needed: 3 } });
      expect(f.fitted).toEqual(history.map(() => null));
    }
    expect(forecastSeries([5, 6]).reason!.message).toBe('Only 2 months of history: at least 3 are needed for a forecast.');
  });

  it('leaves the season out with fewer than two full seasons, with a note', () => {
    const history = Array.from({ length: 20 }, (_, t) => 100 + (t % 4) * 10);
    const f = forecastSeries(history, { season: 12 });
    expect(f.season).toBe(1);
    expect(f.notes.map((n) => n.code)).toContain('noSeasonFallback');
    expect(f.notes.find((n) => n.code === 'noSeasonFallback')!.values).toEqual({ months: 20, season: 12, needed: 24 });
    // With the history long enough, the season asked for is used.
    expect(forecastSeries([...history, ...history.slice(0, 4)], { season: 12 }).season).toBe(12);
  });

  it('uses the default method when the history is too short to backtest, and says the backtest is missing', () => {
    const f = forecastSeries([10, 12, 11, 13], { season: 1 });
    expect(f.chosenBy).toBe('default');
    expect(f.method).toBe('ets-theta-damped-arima');
    expect(f.notes.map((n) => n.code)).toContain('noBacktest');
    expect(f.backtest.every((s) => s.smape === null && s.mase === null)).toBe(true);
    expect(f.points).toHaveLength(6);
  });

  it('uses the default (ETS + Theta + damped + ARIMA), names why, and reports every method’s backtest as validation', () => {
    const history = [12, 15, 14, 18, 17, 21, 22, 24, 23, 27, 26, 30, 31, 33, 32, 36];
    const f = forecastSeries(history, { season: 1 });
    expect(f).toMatchObject({ method: 'ets-theta-damped-arima', chosenBy: 'default' });
    expect(f.notes.map((n) => n.code)).toContain('defaultMethod');
    expect(f.backtest.map((s) => s.method)).toEqual([...FORECAST_METHODS]);
    expect(f.backtest.every((s) => s.mase !== null && Number.isFinite(s.mase))).toBe(true);
  });

  it('the default is the mean of the ETS, Theta, damped and ARIMA forecasts; ets-theta-damped the mean of the first three', () => {
    const history = Array.from({ length: 40 }, (_, t) => 200 + 3 * t + 20 * Math.sin((2 * Math.PI * t) / 12) + 5 * Math.sin(1.3 * t));
    const f = forecastSeries(history, { horizon: 4 });
    const parts = (['ets', 'theta', 'damped', 'arima'] as const).map((method) => forecastSeries(history, { horizon: 4, method }).points);
    f.points.forEach((p, h) => expect(p.forecast).toBeCloseTo(parts.reduce((s, x) => s + x[h]!.forecast, 0) / 4, 6));
    const three = forecastSeries(history, { horizon: 4, method: 'ets-theta-damped' });
    three.points.forEach((p, h) => expect(p.forecast).toBeCloseTo(parts.slice(0, 3).reduce((s, x) => s + x[h]!.forecast, 0) / 3, 6));
  });

  it('uses the method asked for', () => {
    const f = forecastSeries([1, 2, 3, 4, 5, 6, 7, 8], { method: 'linear', horizon: 2 });
    expect(f).toMatchObject({ method: 'linear', chosenBy: 'option', horizon: 2 });
    expect(f.points[0]!.forecast).toBeCloseTo(9, 9);
    expect(f.points[1]!.forecast).toBeCloseTo(10, 9);
  });

  it('finds the yearly season of 36 months with a trend, which the autocorrelation test missed (issue #21)', () => {
    const history = Array.from({ length: 36 }, (_, t) => 100 + 1.5 * t + 15 * Math.sin((2 * Math.PI * t) / 12) + 3 * Math.sin(1.7 * t));
    const f = forecastSeries(history, { horizon: 12 });
    expect(f.season).toBe(12);
    // The forecast carries the season: its peak is a year after the history's last peak month.
    const peak = f.points.reduce((a, b) => (b.forecast > a.forecast ? b : a));
    expect((36 + peak.step - 1) % 12).toBe(3);
    expect(forecastSeries(history, { season: 1 }).season).toBe(1);
  });

  it('the season shown is 12 or none for monthly data, 3 for quarterly data; never a lag such as 6', () => {
    const pattern = [50, 60, 80, 120, 90, 70];
    expect([1, 12]).toContain(forecastSeries(Array.from({ length: 36 }, (_, t) => pattern[t % 6]! + t)).season);
    const quarterly = Array.from({ length: 36 }, (_, t) => (t % 3 === 2 ? 300 + 10 * t + (t % 12 === 11 ? 80 : 0) : 0));
    expect(isQuarterly(quarterly)).toBe(true);
    expect(forecastSeries(quarterly).season).toBe(3);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 24, maxLength: 40 }), (history) => {
        expect([1, 12]).toContain(forecastSeries(history, { backtestMonths: 0 }).season);
      }),
      { numRuns: 10 },
    );
  });

  it('gives a one-step fit as long as the history', () => {
    const history = Array.from({ length: 30 }, (_, t) => 100 + 5 * Math.sin(t) + t);
    const f = forecastSeries(history, { season: 1 });
    expect(f.fitted).toHaveLength(30);
  });
});

describe('forecastSeries: properties', () => {
  const value = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.constant(0),
    fc.constantFrom(1e308, -1e308, 5e-324, Infinity, -Infinity, NaN),
  );
  const options = fc.record(
    {
      horizon: fc.oneof(fc.integer({ min: -2, max: 30 }), fc.constant(NaN)),
      season: fc.oneof(fc.constant('auto' as const), fc.integer({ min: -1, max: 13 }), fc.constant(2.5)),
      level: fc.oneof(fc.double({ min: 0, max: 1 }), fc.constantFrom(0.95, 80, NaN, -1, 2)),
      backtestMonths: fc.integer({ min: 0, max: 8 }),
      method: fc.constantFrom<ForecastMethod | 'auto'>('auto', ...FORECAST_METHODS),
    },
    { requiredKeys: [] },
  );

  it('never returns NaN or Infinity, whatever the history and options', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), options, (history, opts) => {
        const f = forecastSeries(history, opts);
        expect(numbersOf(f).every(Number.isFinite)).toBe(true);
        expect(f.fitted).toHaveLength(history.length);
        if (f.reason === null) {
          expect(f.points).toHaveLength(f.horizon);
          for (const p of f.points) expect(p.lower <= p.forecast && p.forecast <= p.upper).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('handles all-zero, single-month, negative and huge histories', () => {
    for (const history of [new Array(30).fill(0), [0], [-5, -7, -6, -9, -8], new Array(30).fill(1e308), [1e308, -1e308, 1e308, -1e308], [5e-324, 0, 5e-324]]) {
      const f = forecastSeries(history, { horizon: 12 });
      expect(numbersOf(f).every(Number.isFinite)).toBe(true);
    }
    expect(forecastSeries(new Array(30).fill(0)).points.every((p) => p.forecast === 0 && p.lower === 0 && p.upper === 0)).toBe(true);
  });

  it('a constant series is forecast as that constant, by every method', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 3, max: 40 }), fc.constantFrom(1, 3, 12), (c, n, season) => {
        const history = new Array<number>(n).fill(c);
        for (const p of forecastSeries(history, { season }).points) expect(p.forecast).toBeCloseTo(c, 6);
        for (const method of FORECAST_METHODS)
          for (const f of fitMethod(method, history, n >= 2 * season ? season : 1, 6).forecast) expect(f).toBeCloseTo(c, 6);
      }),
      { numRuns: 30 },
    );
  });

  it('a straight line is forecast as that line (linear, and Holt–Winters)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -30, max: 30 }), fc.integer({ min: 5, max: 40 }), (a, b, n) => {
        const history = Array.from({ length: n }, (_, t) => a + b * t);
        for (const method of ['linear', 'holt-winters'] as const) {
          const f = forecastSeries(history, { method, season: 1 });
          f.points.forEach((p) => expect(p.forecast).toBeCloseTo(a + b * (n - 1 + p.step), 6));
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a pure seasonal pattern repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 }), fc.integer({ min: 2, max: 4 }), (pattern, seasons) => {
        const m = pattern.length;
        const history = Array.from({ length: m * seasons }, (_, t) => pattern[t % m]!);
        const f = forecastSeries(history, { season: m, horizon: 2 * m, method: 'seasonal-naive' });
        f.points.forEach((p) => expect(p.forecast).toBeCloseTo(pattern[(p.step - 1) % m]!, 6));
        for (const method of ['seasonal-naive', 'holt-winters'] as const) {
          fitMethod(method, history, m, 2 * m).forecast.forEach((v, h) => expect(v).toBeCloseTo(pattern[h % m]!, 6));
        }
      }),
      { numRuns: 15 },
    );
  });

  // With a multiplicative season the band follows the season's swing (as R's ets() band does), so only without one.
  it('the band never narrows as the horizon grows, for every method, without a season', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 5000 }), { minLength: 3, maxLength: 30 }),
        fc.constant(1),
        fc.constantFrom(...FORECAST_METHODS),
        (history, season, method) => {
          const f = forecastSeries(history, { season, method, horizon: 18 });
          const width = f.points.map((p) => p.upper - p.lower);
          for (let i = 1; i < width.length; i++) expect(width[i]!).toBeGreaterThanOrEqual(width[i - 1]! * (1 - 1e-9) - 1e-9);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('is the same forecast twice', () => {
    const history = [5, 9, 4, 12, 15, 11, 18, 20, 17, 25, 22, 28, 30, 26, 33];
    expect(forecastSeries(history)).toEqual(forecastSeries(history));
  });
});
