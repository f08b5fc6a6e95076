import { costRate } from '../../../src/core/metrics/cost-rate';
import { period, tableOf } from './make-deal';

describe('costRate', () => {
  it('gives the SPEC example: cost 100 on revenue 200 is 50 %', () => {
    expect(costRate(tableOf([{ amount: 200, cost: 100 }]), period('2026-03')).costRate).toBe(0.5);
  });

  it('is a ratio of sums over the won deals closed in the period that have a cost, counting those without', () => {
    const t = tableOf([
      { amount: 100, cost: 10 }, // 10 %
      { amount: 300, cost: 150 }, // 50 %
      { amount: 500, cost: null }, // no cost: left out, counted
      { amount: null, cost: 20 }, // no usable amount: left out, counted
      { status: 'lost', amount: 100, cost: 100 },
      { closed: '2026-02-01', amount: 100, cost: 100 },
    ]);
    // (10 + 150) ÷ (100 + 300) = 40 %, not the mean of the two rates (30 %).
    expect(costRate(t, period('2026-03'))).toEqual({ costRate: 0.4, cost: 160, amount: 400, dealsWithCost: 2, dealsWithoutCost: 2 });
  });

  it('is null when no deal has a cost, or the amounts sum to 0', () => {
    expect(costRate(tableOf([{ amount: 100 }]), period('2026-03')).costRate).toBeNull();
    expect(costRate(tableOf([{ amount: 0, cost: 5 }]), period('2026-03')).costRate).toBeNull();
    expect(costRate(tableOf([]), period('2026-03')).costRate).toBeNull();
  });
});
