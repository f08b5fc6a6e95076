import { repurchaseRate } from '../../../src/core/metrics/repurchase';
import { month, tableOf } from './make-deal';

describe('repurchaseRate', () => {
  const t = tableOf([
    { account: 'A', closed: '2026-01-05' },
    { account: 'a ', closed: '2026-03-05' }, // A twice in Jan–Mar (one spelled differently)
    { account: 'B', closed: '2026-03-01' },
    { account: 'B', closed: '2025-12-31' }, // before the 3-month window
    { account: 'C', closed: '2026-02-01' },
    { account: 'C', closed: '2026-02-02' },
    { account: 'C', closed: '2026-02-03' }, // three deals still count once
    { account: 'D', status: 'lost', closed: '2026-03-01' },
    { account: 'D', closed: '2026-03-02' },
    { account: null, closed: '2026-03-02' },
    { account: 'E', closed: '2026-04-01' },
  ]);

  it('is accounts with ≥ 2 won deals in the window ÷ accounts with ≥ 1 (default 3 months)', () => {
    expect(repurchaseRate(t, month('2026-03'))).toEqual({ repurchaseRate: 2 / 4, repeatAccounts: 2, accounts: 4 });
  });

  it('takes the window length given', () => {
    expect(repurchaseRate(t, month('2026-03'), 1)).toEqual({ repurchaseRate: 0, repeatAccounts: 0, accounts: 3 });
    expect(repurchaseRate(t, month('2026-03'), 4).repeatAccounts).toBe(3);
  });

  it('is null when no account bought in the window', () => {
    expect(repurchaseRate(t, month('2027-01')).repurchaseRate).toBeNull();
  });
});
