import fc from 'fast-check';
import { acf, decompose, detectSeason, seasonalityTest } from '../../../src/core/forecast/index';

describe('acf', () => {
  it('gives the hand-computed autocorrelations', () => {
    // y = 1, 2, 3, 4: deviations −1.5, −0.5, 0.5, 1.5; Σd² = 5;
    // r1 = (0.75 − 0.25 + 0.75)/5 = 0.25; r2 = (−0.75 − 0.75)/5 = −0.3
    const [r1, r2] = acf([1, 2, 3, 4], 2);
    expect(r1).toBeCloseTo(0.25, 12);
    expect(r2).toBeCloseTo(-0.3, 12);
  });

  it('is 0, not NaN, for a constant series', () => {
    expect(acf([3, 3, 3], 2)).toEqual([0, 0]);
  });
});

describe('decompose (R stats::decompose)', () => {
  it('gives the centred moving average and the centred seasonal figure', () => {
    // m = 2, weights ½,1,½ / 2: trend at t = 2, 3 (1-based) = 2.25, 2.75.
    const d = decompose([1, 3, 2, 4], 2, 'additive');
    expect(d.trend).toEqual([null, 2.25, 2.75, null]);
    expect(d.figure).toEqual([-0.75, 0.75]);
  });

  it('odd m uses the plain moving average', () => {
    const d = decompose([1, 2, 3, 4, 5, 6], 3, 'additive');
    expect(d.trend).toEqual([null, 2, 3, 4, 5, null]);
    expect(d.figure.map((v) => Math.abs(v) < 1e-12)).toEqual([true, true, true]);
  });
});

describe('detectSeason', () => {
  it('finds the period of a repeated pattern, on a trend too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }), (m, slope, extraSeasons) => {
        // A pattern with one clear peak per season.
        const pattern = Array.from({ length: m }, (_, i) => (i === 0 ? 100 : 10 + ((i * 37) % 7)));
        // Three seasons at least, and 16 points: with fewer the 90 % test cannot tell a pattern from chance.
        const seasons = Math.max(3, Math.ceil(16 / m)) + extraSeasons;
        const series = Array.from({ length: m * seasons }, (_, t) => pattern[t % m]! + slope * t);
        expect(detectSeason(series, 12)).toBe(m);
      }),
    );
  });

  it('is 1 for a straight line, a constant, white-ish noise and too short a series', () => {
    expect(detectSeason(Array.from({ length: 40 }, (_, i) => 3 * i + 1))).toBe(1);
    expect(detectSeason(new Array(40).fill(7))).toBe(1);
    expect(detectSeason([1, 2, 1])).toBe(1);
    expect(detectSeason([])).toBe(1);
  });

  it('the M4 test needs three seasons', () => {
    const yearly = Array.from({ length: 36 }, (_, t) => (t % 12 === 11 ? 50 : 10));
    expect(seasonalityTest(yearly, 12)).toBe(true);
    expect(seasonalityTest(yearly.slice(0, 35), 12)).toBe(false);
    expect(
      seasonalityTest(
        Array.from({ length: 36 }, (_, t) => t),
        12,
      ),
    ).toBe(false);
  });
});
