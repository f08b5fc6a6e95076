import { customerAcquisition } from '../../../src/core/metrics/cac';
import { period, tableOf } from './make-deal';

describe('customerAcquisition', () => {
  const t = tableOf([
    { account: 'Old Co', closed: '2026-01-15', cost: 999 }, // first won deal before March: not new
    { account: 'Old Co', closed: '2026-03-02', cost: 999 },
    { account: 'New Co', closed: '2026-03-05', cost: 40 },
    { account: 'new  co', closed: '2026-03-20', cost: 20 }, // same account, second deal in the period: counts
    { account: 'Fresh', closed: '2026-03-31', cost: 60 },
    { account: 'Fresh', closed: '2026-04-10', cost: 500 }, // after the period
    { account: 'Later', status: 'lost', closed: '2026-03-10', cost: 7 }, // a lost deal makes no customer
    { account: 'Later', closed: '2026-05-01', cost: 7 },
  ]);

  it('counts accounts whose first won deal ever closes in the period', () => {
    expect(customerAcquisition(t, period('2026-03')).newCustomers).toBe(2);
    expect(customerAcquisition(t, period('2026-01')).newCustomers).toBe(1);
    expect(customerAcquisition(t, period('2026-04')).newCustomers).toBe(0);
  });

  it('is Σ cost of the new customers’ won deals in the period ÷ new customers', () => {
    expect(customerAcquisition(t, period('2026-03'))).toEqual({ newCustomers: 2, cost: 120, cac: 60 });
  });

  it('is null with no new customer, or when no cost is known', () => {
    expect(customerAcquisition(t, period('2026-04')).cac).toBeNull();
    expect(customerAcquisition(tableOf([{ cost: null }]), period('2026-03'))).toEqual({ newCustomers: 1, cost: 0, cac: null });
  });
});
