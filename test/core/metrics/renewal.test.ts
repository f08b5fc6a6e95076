import { renewal } from '../../../src/core/metrics/renewal';
import { period, tableOf } from './make-deal';

describe('renewal', () => {
  // Contracts ending in June 2026; the renewal window of a 2026-06-15 end is 2026-03-17 … 2026-07-15.
  const t = tableOf([
    { account: 'A', closed: '2025-06-15', contractEnd: '2026-06-15' },
    { account: 'A', closed: '2026-03-17' }, // exactly 90 days before: renewed
    { account: 'B', closed: '2025-06-15', contractEnd: '2026-06-15' },
    { account: 'B', closed: '2026-07-16' }, // 31 days after: too late
    { account: 'C', closed: '2025-06-30', contractEnd: '2026-06-30' },
    { account: 'c', closed: '2026-07-30' }, // exactly 30 days after, other spelling: renewed
    { account: 'D', closed: '2026-06-01', contractEnd: '2026-06-01' }, // only its own deal in the window
    { account: 'E', closed: '2025-06-10', contractEnd: '2026-06-10' },
    { account: 'E', status: 'lost', closed: '2026-06-10' }, // a lost deal is no renewal
    { account: 'F', closed: '2025-05-31', contractEnd: '2026-05-31' }, // ends before the period
    { account: 'F', closed: '2026-06-01' },
  ]);

  it('is renewed contracts ÷ contracts ending in the period; churn = 1 − renewal', () => {
    expect(renewal(t, period('2026-06'))).toEqual({ renewalRate: 2 / 5, churnRate: 1 - 2 / 5, contracts: 5, renewed: 2 });
  });

  it('is null (renewal and churn) when no contract ends in the period', () => {
    expect(renewal(t, period('2026-07'))).toEqual({ renewalRate: null, churnRate: null, contracts: 0, renewed: 0 });
  });

  it('counts one renewal deal for every contract of the account it covers', () => {
    const two = tableOf([
      { account: 'A', closed: '2025-06-01', contractEnd: '2026-06-01' },
      { account: 'A', closed: '2025-06-20', contractEnd: '2026-06-20' },
      { account: 'A', closed: '2026-06-10' },
    ]);
    expect(renewal(two, period('2026-06'))).toMatchObject({ contracts: 2, renewed: 2, renewalRate: 1, churnRate: 0 });
  });
});
