import { normalQuantile } from '../../../src/core/forecast/index';
import { holtWintersSe, naiveSe, pointsOf, resolveLevel, sesSe } from '../../../src/core/forecast/intervals';

describe('normalQuantile', () => {
  it('gives the familiar quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
  });
});

describe('h-step standard errors', () => {
  it('naive: σ√h; seasonal naive: σ√(k + 1)', () => {
    expect(naiveSe(4, 3, 1)).toEqual([2, 2 * Math.SQRT2, 2 * Math.sqrt(3)]);
    expect(naiveSe(4, 5, 2)).toEqual([2, 2, 2 * Math.SQRT2, 2 * Math.SQRT2, 2 * Math.sqrt(3)]);
  });

  it('SES: σ²(1 + α²(h − 1))', () => {
    expect(sesSe(1, 3, 0.5)).toEqual([1, Math.sqrt(1.25), Math.sqrt(1.5)]);
  });

  it('Holt–Winters: predict.HoltWinters’ ψ_j = α(1 + jβ) + γ(1 − α)[j mod m = 0]', () => {
    // α = 0.5, β = 0.2, γ = 0.4, m = 2: ψ₁ = 0.6, ψ₂ = 0.7 + 0.2 = 0.9 → var₃ = 1 + 0.36 + 0.81.
    const se = holtWintersSe(1, 3, { alpha: 0.5, beta: 0.2, gamma: 0.4 }, 2);
    expect(se[0]).toBe(1);
    expect(se[1]).toBeCloseTo(Math.sqrt(1.36), 12);
    expect(se[2]).toBeCloseTo(Math.sqrt(2.17), 12);
  });
});

describe('pointsOf and resolveLevel', () => {
  it('puts the band at ± z·se', () => {
    const [p] = pointsOf([100], [10], 0.95);
    expect(p!.lower).toBeCloseTo(100 - 19.59963984540054, 9);
    expect(p!.upper).toBeCloseTo(100 + 19.59963984540054, 9);
  });

  it('reads 95 as 95 % and falls back to 0.95 on nonsense', () => {
    expect(resolveLevel(undefined)).toBe(0.95);
    expect(resolveLevel(0.8)).toBe(0.8);
    expect(resolveLevel(95)).toBe(0.95);
    expect(resolveLevel(NaN)).toBe(0.95);
    expect(resolveLevel(-1)).toBe(0.95);
    expect(resolveLevel(1)).toBe(0.95);
  });

  it('never returns a non-finite number', () => {
    const [p] = pointsOf([Infinity], [NaN], 0.95);
    expect([p!.forecast, p!.lower, p!.upper].every(Number.isFinite)).toBe(true);
  });
});
