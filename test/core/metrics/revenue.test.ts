import { revenue, revenueByMonth } from '../../../src/core/metrics/revenue';
import { month, period, tableOf } from './make-deal';

describe('revenue', () => {
  const t = tableOf([
    { amount: 200 },
    { amount: 50.5 },
    { amount: null }, // a negative or text amount reaches the metrics as null
    { status: 'lost', amount: 1000 },
    { status: 'open', stage: 1, amount: 1000 },
    { closed: '2026-02-10', amount: 70 },
  ]);

  it('sums the amounts of the won deals closed in the period', () => {
    expect(revenue(t, period('2026-03'))).toBe(250.5);
    expect(revenue(t, period('2026-04'))).toBe(0);
  });

  it('gives each month its revenue in one pass', () => {
    expect([...revenueByMonth(t, month('2026-01'), month('2026-04'))]).toEqual([0, 70, 250.5, 0]);
  });
});
