import fc from 'fast-check';
import { fitLine, fitMethod, forecastLinear, trendLine } from '../../../src/core/forecast/index';

describe('forecastLinear (Excel FORECAST.LINEAR)', () => {
  it('gives Microsoft’s documented example: 10.607253', () => {
    // support.microsoft.com, "FORECAST and FORECAST.LINEAR functions": =FORECAST.LINEAR(30, A2:A6, B2:B6).
    const knownY = [6, 7, 9, 15, 21];
    const knownX = [20, 28, 31, 38, 40];
    expect(Math.abs(forecastLinear(30, knownY, knownX)! - 10.607253)).toBeLessThan(1e-6);
    // R lm() on the same data: 10.6072530864198.
    expect(forecastLinear(30, knownY, knownX)).toBeCloseTo(10.6072530864198, 12);
  });

  it('fits the hand-computed line', () => {
    // x̄ = 2, ȳ = 4, Σ(x − x̄)(y − ȳ) = 4 + 0 + 2 = 6... with y = 1, 5, 6: slope = ((−1)(−3) + 0 + (1)(2)) / 2 = 2.5, intercept = 4 − 5 = −1.
    expect(fitLine([1, 5, 6], [1, 2, 3])).toMatchObject({ slope: 2.5, intercept: -1 });
    expect(forecastLinear(4, [1, 5, 6], [1, 2, 3])).toBe(9);
  });

  it('is null where Excel shows an error', () => {
    expect(forecastLinear(1, [1, 2], [3, 3])).toBeNull(); // #DIV/0!: no variance in x
    expect(forecastLinear(1, [1, 2, 3], [1, 2])).toBeNull(); // #N/A: lengths differ
    expect(forecastLinear(1, [], [])).toBeNull();
    expect(forecastLinear(NaN, [1, 2], [1, 2])).toBeNull();
  });

  it('a straight line is forecast exactly by the linear method', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 3, max: 40 }), (a, b, n) => {
        const series = Array.from({ length: n }, (_, i) => a + b * (i + 1));
        const line = trendLine(series)!;
        expect(line.slope).toBeCloseTo(b, 8);
        const fit = fitMethod('linear', series, 1, 5);
        fit.forecast.forEach((f, h) => expect(f).toBeCloseTo(a + b * (n + h + 1), 6));
      }),
    );
  });
});
