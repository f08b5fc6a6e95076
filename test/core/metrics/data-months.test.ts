import { lastCompleteMonth, monthsWithData } from '../../../src/core/metrics/data-months';
import { serialFromYmd } from '../../../src/core/util/dates';
import { makeDeals, month } from './make-deal';

describe('monthsWithData', () => {
  it('lists the months with a created or close date, ascending, once each', () => {
    const deals = makeDeals([
      { created: '2026-03-01', closed: '2026-05-02' },
      { status: 'open', stage: 0, created: '2025-12-31' },
      { created: '2026-03-09', closed: null, status: 'lost' },
    ]);
    expect(monthsWithData(deals)).toEqual([month('2025-12'), month('2026-03'), month('2026-05')]);
  });
});

describe('lastCompleteMonth', () => {
  it('given today, ignores dates more than a year after it (a close date typed far ahead is not where the data ends)', () => {
    const today = serialFromYmd(2026, 12, 1);
    const deals = makeDeals([
      { created: '2026-01-01', closed: '2026-11-15' },
      { status: 'open', stage: 0, created: '2026-02-01', closed: '2099-12-31' },
    ]);
    expect(lastCompleteMonth(deals, today)).toBe(month('2026-10'));
    expect(lastCompleteMonth(makeDeals([{ created: '2026-01-01', closed: '2027-12-01' }]), today)).toBe(month('2027-11'));
    expect(lastCompleteMonth(makeDeals([{ created: '2026-01-01', closed: '2027-12-02' }]), today)).toBe(month('2025-12'));
    expect(lastCompleteMonth(makeDeals([{ created: '2028-01-01', closed: '2028-02-01' }]), today)).toBeNull();
  });

  it('is the month before the latest date, unless that date is its month’s last day', () => {
    expect(lastCompleteMonth(makeDeals([{ created: '2026-01-01', closed: '2026-06-29' }]))).toBe(month('2026-05'));
    expect(lastCompleteMonth(makeDeals([{ created: '2026-01-01', closed: '2026-06-30' }]))).toBe(month('2026-06'));
    expect(lastCompleteMonth(makeDeals([{ status: 'open', stage: 0, created: '2024-02-29' }]))).toBe(month('2024-02'));
    expect(lastCompleteMonth(makeDeals([{ status: 'open', stage: 0, created: '2026-07-01' }, { closed: '2026-06-30' }]))).toBe(month('2026-06'));
  });

  it('is null without any date', () => {
    expect(lastCompleteMonth(makeDeals([{ status: 'open', stage: 0, created: null }]))).toBeNull();
    expect(lastCompleteMonth([])).toBeNull();
  });
});
