import { channelAnalysis, trailingYear } from '../../../src/core/planning/channel-analysis';
import { makeDeals, month, serial } from '../metrics/make-deal';

describe('channelAnalysis', () => {
  it('sums won deals closed in the 12 months ending with the month, per channel, by hand', () => {
    const deals = makeDeals([
      { channel: 'Partner', closed: '2025-07-01', amount: 200, cost: 100 }, // first day of the window
      { channel: 'Partner', closed: '2026-06-30', amount: 300, cost: null }, // last day; no cost: out of the cost rate
      { channel: 'PARTNER', closed: '2026-01-15', amount: 100, cost: 20 }, // the same channel: COUNTIFS ignores case, so the grouping does
      { channel: 'Web', closed: '2026-02-01', amount: 400, cost: 100 },
      { channel: 'Web', closed: '2025-06-30', amount: 999, cost: 1 }, // before the window
      { channel: 'Web', closed: '2026-07-01', amount: 999, cost: 1 }, // after it
      { channel: 'Web', status: 'lost', closed: '2026-02-01', amount: 999 },
      { channel: 'Web', status: 'open', amount: 999 },
      { channel: null, closed: '2026-03-01', amount: 50, cost: 60 },
    ]);
    expect(channelAnalysis(deals, month('2026-06'))).toEqual([
      // revenue 600; cost 120 on the 300 of amount that has a cost: 40 %; margin 600 − 120
      { channel: 'Partner', deals: 3, revenue: 600, cost: 120, costRate: 0.4, margin: 480 },
      { channel: 'Web', deals: 1, revenue: 400, cost: 100, costRate: 0.25, margin: 300 },
      { channel: '(blank)', deals: 1, revenue: 50, cost: 60, costRate: 1.2, margin: -10 },
    ]);
  });

  it('gives an empty cost rate, never 0 or NaN, when no deal has a cost', () => {
    expect(channelAnalysis(makeDeals([{ channel: 'Web', cost: null }]), month('2026-03'))[0]).toMatchObject({ cost: null, costRate: null, margin: null });
    expect(channelAnalysis([], month('2026-03'))).toEqual([]);
  });

  it('uses the calendar months of the window', () => {
    expect(trailingYear(month('2026-06'))).toEqual({ start: serial('2025-07-01'), end: serial('2026-07-01') });
  });
});
