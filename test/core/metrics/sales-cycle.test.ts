import { salesCycle } from '../../../src/core/metrics/sales-cycle';
import { period, tableOf } from './make-deal';

describe('salesCycle', () => {
  it('gives mean and median days closed − created of the won deals closed in the period', () => {
    const t = tableOf([
      { created: '2026-03-01', closed: '2026-03-11' }, // 10 days
      { created: '2026-02-01', closed: '2026-03-03' }, // 30 days
      { created: '2026-03-20', closed: '2026-03-20' }, // 0 days
      { created: '2025-12-01', closed: '2026-03-01' }, // 90 days
      { created: null, closed: '2026-03-05' }, // no created date: left out
      { status: 'lost', created: '2025-01-01', closed: '2026-03-05' },
    ]);
    expect(salesCycle(t, period('2026-03'))).toEqual({ cycleDaysMean: 130 / 4, cycleDaysMedian: 20, deals: 4 });
  });

  it('takes the middle value of an odd count', () => {
    const t = tableOf([
      { created: '2026-03-01', closed: '2026-03-04' },
      { created: '2026-03-01', closed: '2026-03-02' },
      { created: '2026-03-01', closed: '2026-03-31' },
    ]);
    expect(salesCycle(t, period('2026-03'))).toEqual({ cycleDaysMean: (3 + 1 + 30) / 3, cycleDaysMedian: 3, deals: 3 });
  });

  it('is null without a won deal', () => {
    expect(salesCycle(tableOf([]), period('2026-03'))).toEqual({ cycleDaysMean: null, cycleDaysMedian: null, deals: 0 });
  });
});
