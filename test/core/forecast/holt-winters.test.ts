import fc from 'fast-check';
import { fitHoltWinters, fitMethod, holtWintersFilter, holtWintersStart } from '../../../src/core/forecast/index';

describe('holtWintersFilter (R stats::HoltWinters recursion)', () => {
  it('follows the hand-computed non-seasonal recursion (ℓ₀ = y₂, b₀ = y₂ − y₁, from observation 3)', () => {
    // y = 1, 3, 4, 7; α = β = 0.5. ℓ₀ = 3, b₀ = 2.
    // t=3: ŷ = 5, e = −1, ℓ = 0.5·4 + 0.5·5 = 4.5, b = 0.5·1.5 + 0.5·2 = 1.75
    // t=4: ŷ = 6.25, e = 0.75, ℓ = 0.5·7 + 0.5·6.25 = 6.625, b = 0.5·2.125 + 0.5·1.75 = 1.9375
    const r = holtWintersFilter([1, 3, 4, 7], { alpha: 0.5, beta: 0.5, gamma: 0 }, 1, 2);
    expect(r.fitted).toEqual([null, null, 5, 6.25]);
    expect(r.sse).toBe(1.5625);
    expect(r.a).toBe(6.625);
    expect(r.b).toBe(1.9375);
    expect(r.forecast).toEqual([8.5625, 10.5]);
  });

  it('starts a seasonal fit from decompose() of the first two seasons', () => {
    // m = 2, y = 1, 3, 2, 4: centred MA (½,1,½)/2 → trend 2.25, 2.75 at t = 2, 3;
    // line on (1, 2.25), (2, 2.75) → ℓ₀ = 1.75, b₀ = 0.5; detrended 0.75 (position 2), −0.75 (position 1).
    expect(holtWintersStart([1, 3, 2, 4], 2)).toEqual({ level: 1.75, trend: 0.5, season: [-0.75, 0.75], startIndex: 2 });
  });

  it('with γ, the hand-computed seasonal step', () => {
    // Continuing the start above with y₅ = 3, α = β = γ = 0.5:
    // t=3: ŷ = 1.75 + 0.5 − 0.75 = 1.5, e = 0.5, ℓ = 0.5·2.75 + 0.5·2.25 = 2.5, b = 0.5·0.75 + 0.5·0.5 = 0.625, s = 0.5·(−0.5) +
    // 0.5·(−0.75) = −0.625
    const r = holtWintersFilter([1, 3, 2, 4, 3], { alpha: 0.5, beta: 0.5, gamma: 0.5 }, 2, 0);
    expect(r.fitted[2]).toBe(1.5);
    // t=4: ŷ = 2.5 + 0.625 + 0.75 = 3.875, e = 0.125, ℓ = 0.5·3.25 + 0.5·3.125 = 3.1875, b = 0.5·0.6875 + 0.5·0.625 = 0.65625
    expect(r.fitted[3]).toBe(3.875);
    expect(r.sse).toBeCloseTo(0.25 + 0.015625 + (3 - r.fitted[4]!) ** 2, 12);
  });

  it('forecasts a straight line exactly, with or without a season', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: -20, max: 20 }),
        fc.constantFrom(1, 4, 12),
        fc.integer({ min: 0, max: 20 }),
        (a, b, m, extra) => {
          const n = (m > 1 ? 2 * m : 3) + extra;
          const series = Array.from({ length: n }, (_, i) => a + b * (i + 1));
          const fit = fitMethod('holt-winters', series, m, 6);
          fit.forecast.forEach((f, h) => expect(f).toBeCloseTo(a + b * (n + h + 1), 6));
        },
      ),
    );
  });

  it('damping pulls the trend in: φ < 1 gives a flatter forecast than φ = 1', () => {
    const series = [10, 12, 14, 16, 18, 20, 22];
    const p = { alpha: 0.5, beta: 0.3, gamma: 0 };
    const straight = holtWintersFilter(series, p, 1, 12).forecast;
    const damped = holtWintersFilter(series, { ...p, phi: 0.9 }, 1, 12).forecast;
    expect(damped[11]!).toBeLessThan(straight[11]!);
  });
});

describe('fitHoltWinters', () => {
  it('finds a lower SSE than R’s starting point and keeps the parameters in [0, 1]', () => {
    const pattern = [5, 7, 9, 6];
    const series = Array.from({ length: 24 }, (_, i) => pattern[i % 4]! + 0.5 * i + ((i * 7919) % 5) / 5);
    const fit = fitHoltWinters(series, 4);
    const atStart = holtWintersFilter(series, { alpha: 0.3, beta: 0.1, gamma: 0.1 }, 4).sse;
    expect(fit.result.sse).toBeLessThanOrEqual(atStart);
    for (const v of [fit.params.alpha, fit.params.beta, fit.params.gamma]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});
