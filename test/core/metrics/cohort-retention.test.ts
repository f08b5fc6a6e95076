import { cohortRetention } from '../../../src/core/metrics/cohort-retention';
import { month, tableOf } from './make-deal';

describe('cohortRetention', () => {
  const t = tableOf([
    // Cohort 2026-01: A, B, C.
    { account: 'A', closed: '2026-01-03' },
    { account: 'A', closed: '2026-02-03' },
    { account: 'A', closed: '2026-02-20' }, // twice in one month: counted once
    { account: 'B', closed: '2026-01-20' },
    { account: 'B', closed: '2026-03-01' },
    { account: 'C', closed: '2026-01-31' },
    { account: 'C', status: 'lost', closed: '2026-02-10' }, // lost deals are not purchases
    // Cohort 2026-03: D.
    { account: 'D', closed: '2026-03-15' },
    { account: 'd', closed: '2026-04-15' }, // after the report month
    // Before the 12 cohorts: first won deal in 2025-03.
    { account: 'E', closed: '2025-03-01' },
    { account: 'E', closed: '2026-01-05' },
  ]);
  const rows = cohortRetention(t, month('2026-03'));

  it('has the 12 cohorts ending with the report month, 12 columns each', () => {
    expect(rows.map((r) => r.cohort)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(rows.every((r) => r.rates.length === 12)).toBe(true);
  });

  it('gives the share of the cohort buying in each month since, month 0 = 1, empty after the report month', () => {
    const empty = Array(10).fill(null);
    expect(rows[9]).toEqual({ cohort: '2026-01', accounts: 3, rates: [1, 1 / 3, 1 / 3, ...empty.slice(1)] });
    expect(rows[11]).toEqual({ cohort: '2026-03', accounts: 1, rates: [1, ...Array(11).fill(null)] });
  });

  it('leaves an empty cohort’s rates null', () => {
    expect(rows[10]).toEqual({ cohort: '2026-02', accounts: 0, rates: Array(12).fill(null) });
    expect(rows[0]).toEqual({ cohort: '2025-04', accounts: 0, rates: Array(12).fill(null) });
  });

  it('fills every column of a cohort 11 months before the report month', () => {
    const late = cohortRetention(t, month('2026-12'));
    expect(late[0]).toMatchObject({ cohort: '2026-01', accounts: 3 });
    expect(late[0]!.rates).toEqual([1, 1 / 3, 1 / 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
