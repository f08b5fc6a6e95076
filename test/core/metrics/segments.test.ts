import { segments } from '../../../src/core/metrics/segments';
import { flatSegment, period, tableOf } from './make-deal';

describe('segments', () => {
  const t = tableOf([
    { owner: 'Ann', channel: 'Web', created: '2026-03-01', amount: 200, cost: 100 },
    { owner: 'Ann', channel: 'Web', created: '2026-03-02', status: 'lost', closed: '2026-03-09' },
    { owner: 'Bob', channel: 'WEB', created: '2026-01-01', amount: 300, cost: null }, // one channel with "Web", as COUNTIFS sees it
    { owner: 'Bob', channel: null, created: '2026-03-05', status: 'open', stage: 1 },
    { owner: null, channel: 'Partner', created: '2026-02-01', amount: 500, cost: 100 },
    { owner: 'Cy', channel: 'Partner', created: '2025-01-01', closed: '2025-06-01' }, // outside the period
  ]);

  it('breaks the figures down by each field given, blank under "(blank)", by revenue then key', () => {
    const s = segments(t, period('2026-03'), ['owner', 'channel']);
    expect(Object.keys(s)).toEqual(['owner', 'channel']);
    expect(s.owner!.map(flatSegment)).toEqual([
      { key: '(blank)', created: 0, won: 1, lost: 0, winRate: 1, revenue: 500, cost: 100, costRate: 0.2 },
      { key: 'Bob', created: 1, won: 1, lost: 0, winRate: 1, revenue: 300, cost: null, costRate: null },
      { key: 'Ann', created: 2, won: 1, lost: 1, winRate: 0.5, revenue: 200, cost: 100, costRate: 0.5 },
    ]);
    expect(s.channel!.map(flatSegment)).toEqual([
      // Partner and Web tie on revenue: by key.
      { key: 'Partner', created: 0, won: 1, lost: 0, winRate: 1, revenue: 500, cost: 100, costRate: 0.2 },
      { key: 'Web', created: 2, won: 2, lost: 1, winRate: 2 / 3, revenue: 500, cost: 100, costRate: 0.5 },
      { key: '(blank)', created: 1, won: 0, lost: 0, winRate: null, revenue: 0, cost: null, costRate: null },
    ]);
  });

  it('groups spellings that differ only in case, as COUNTIFS matches them, under the first one seen; spaces count, as they do for COUNTIFS', () => {
    const mixed = tableOf([
      { owner: 'ACME Sales', created: '2026-03-01', amount: 100 },
      { owner: 'acme sales', created: '2026-03-02', amount: 50 },
      { owner: 'Acme Sales', created: '2026-03-03', status: 'lost', closed: '2026-03-09' },
      { owner: 'Acme Sales ', created: '2026-03-04', status: 'open', stage: 0 },
      { owner: '', created: '2026-03-05', status: 'open', stage: 0 },
    ]);
    expect(
      segments(mixed, period('2026-03'), ['owner'])
        .owner!.map(flatSegment)
        .map((r) => [r.key, r.created, r.won, r.lost]),
    ).toEqual([
      ['ACME Sales', 3, 2, 1],
      ['(blank)', 1, 0, 0],
      ['Acme Sales ', 1, 0, 0],
    ]);
  });

  it('is empty for a month with no deals, and without fields', () => {
    expect(segments(t, period('2027-01'), ['owner'])).toEqual({ owner: [] });
    expect(segments(t, period('2026-03'), [])).toEqual({});
  });
});
