import { customerTiers } from '../../../src/core/metrics/tiers';
import { month, tableOf } from './make-deal';

describe('customerTiers', () => {
  it('ranks accounts by trailing-12-month revenue and cuts at 80 % and 95 % of it held above', () => {
    // Total 1,000. Above each: Big 0 % → A; Mid 50 % → A; Small 80 % → B (not < 80 %); Tiny 90 % → B; Zed 95 % → C; Zero 100 % → C.
    const t = tableOf([
      { account: 'Big', amount: 500 },
      { account: 'Mid', amount: 200 },
      { account: 'mid', amount: 100 },
      { account: 'Small', amount: 100 },
      { account: 'Tiny', amount: 50 },
      { account: 'Zed', amount: 50 },
      { account: 'Zero', amount: 0 },
      { account: 'Gone', closed: '2025-03-31', amount: 10_000 }, // before the 12 months (2025-04 … 2026-03)
      { account: 'Future', closed: '2026-04-01', amount: 10_000 },
      { account: 'Lost', status: 'lost', amount: 10_000 },
    ]);
    expect(customerTiers(t, month('2026-03'))).toEqual([
      { account: 'Big', revenue12m: 500, tier: 'A' },
      { account: 'Mid', revenue12m: 300, tier: 'A' },
      { account: 'Small', revenue12m: 100, tier: 'B' },
      // Tiny and Zed tie on revenue: by name.
      { account: 'Tiny', revenue12m: 50, tier: 'B' },
      { account: 'Zed', revenue12m: 50, tier: 'C' },
      { account: 'Zero', revenue12m: 0, tier: 'C' },
    ]);
  });

  it('ranks only accounts with usable revenue, gives no tiers without revenue, and shows the most frequent spelling trimmed (issue #16)', () => {
    const bad = tableOf([
      { account: 'Acme', amount: 100 },
      { account: 'Pending', amount: null },
    ]);
    expect(customerTiers(bad, month('2026-03'))).toEqual([{ account: 'Acme', revenue12m: 100, tier: 'A' }]);
    expect(
      customerTiers(
        tableOf([
          { account: 'A1', amount: 0 },
          { account: 'B1', amount: 0 },
        ]),
        month('2026-03'),
      ),
    ).toEqual([]);
    const spelled = tableOf([
      { account: '  客户016 ', amount: 10 },
      { account: '客户016', amount: 20 },
      { account: '客户016', amount: 30 },
    ]);
    expect(customerTiers(spelled, month('2026-03'))).toEqual([{ account: '客户016', revenue12m: 60, tier: 'A' }]);
    expect(customerTiers(tableOf([{ account: '  Solo  ', amount: 5 }]), month('2026-03'))[0]!.account).toBe('Solo');
  });

  it('breaks ties by account name, whatever the row order', () => {
    const t = tableOf([
      { account: 'beta', amount: 10 },
      { account: 'Alpha', amount: 10 },
    ]);
    expect(customerTiers(t, month('2026-03')).map((x) => x.account)).toEqual(['Alpha', 'beta']);
  });

  it('includes the first of the 12 months and is empty without won deals', () => {
    expect(customerTiers(tableOf([{ closed: '2025-04-01', amount: 5 }]), month('2026-03'))).toEqual([{ account: 'Acme', revenue12m: 5, tier: 'A' }]);
    expect(customerTiers(tableOf([{ status: 'lost' }]), month('2026-03'))).toEqual([]);
  });
});
