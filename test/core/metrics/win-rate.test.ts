import { winRate } from '../../../src/core/metrics/win-rate';
import { period, tableOf } from './make-deal';

describe('winRate', () => {
  it('is won ÷ (won + lost) of the deals closed in the period', () => {
    const t = tableOf([
      { closed: '2026-03-01' },
      { closed: '2026-03-31' },
      { status: 'lost', closed: '2026-03-15' },
      { closed: '2026-02-28' }, // closed before the period
      { status: 'lost', closed: '2026-04-01' }, // after it
      { status: 'open', stage: 3 },
      { status: 'lost', closed: null }, // no close date: in neither count
    ]);
    expect(winRate(t, period('2026-03'))).toEqual({ winRate: 2 / 3, wonDeals: 2, lostDeals: 1 });
  });

  it('is null when no deal closed in the period, and 0 when every one was lost', () => {
    expect(winRate(tableOf([{ closed: '2026-01-05' }]), period('2026-03'))).toEqual({ winRate: null, wonDeals: 0, lostDeals: 0 });
    expect(winRate(tableOf([{ status: 'lost' }]), period('2026-03')).winRate).toBe(0);
  });
});
