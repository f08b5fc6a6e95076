import { mase, maseScale, smape } from '../../../src/core/forecast/index';

describe('smape (M4: mean of 200|y − ŷ| / (|y| + |ŷ|))', () => {
  it('gives the hand-computed value', () => {
    // 200·10/210 = 9.5238…, 200·10/190 = 10.5263…, 0 → mean 6.6833…
    expect(smape([100, 100, 50], [110, 90, 50])).toBeCloseTo((2000 / 210 + 2000 / 190 + 0) / 3, 12);
  });

  it('counts a term with y = ŷ = 0 as 0 and one with exactly one zero as 200', () => {
    expect(smape([0, 0], [0, 0])).toBe(0);
    expect(smape([0, 10], [5, 10])).toBe(100);
  });

  it('is null on empty, mismatched or non-finite input', () => {
    expect(smape([], [])).toBeNull();
    expect(smape([1, 2], [1])).toBeNull();
    expect(smape([1, NaN], [1, 2])).toBeNull();
    expect(smape([1, 2], [1, Infinity])).toBeNull();
  });
});

describe('mase (M4: MAE scaled by the in-sample seasonal-naive MAE)', () => {
  it('scales by the lag-m in-sample MAE', () => {
    // lag 2 differences of 1,2,4,3,6: |4−1|, |3−2|, |6−4| → mean 2; errors 1 and 3 → MAE 2 → MASE 1.
    expect(maseScale([1, 2, 4, 3, 6], 2)).toBe(2);
    expect(mase([1, 2, 4, 3, 6], [7, 8], [8, 5], 2)).toBe(1);
  });

  it('falls back to lag 1 when the series is no longer than m', () => {
    // lag 1 differences of 10, 12, 11: 2, 1 → 1.5; error 3 → 2.
    expect(maseScale([10, 12, 11], 12)).toBe(1.5);
    expect(mase([10, 12, 11], [14], [11])).toBe(2);
  });

  it('is null when the scale is 0 or the input is unusable', () => {
    expect(mase([5, 5, 5], [5], [6], 1)).toBeNull();
    expect(mase([1], [2], [2], 1)).toBeNull();
    expect(mase([1, 2, 3], [], [], 1)).toBeNull();
    expect(mase([1, 2, 3], [1, 2], [1], 1)).toBeNull();
  });
});
