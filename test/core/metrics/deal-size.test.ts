import { averageDealSize } from '../../../src/core/metrics/deal-size';
import { period, tableOf } from './make-deal';

describe('averageDealSize', () => {
  it('is Σ amount ÷ count of the won deals closed in the period with an amount', () => {
    const t = tableOf([{ amount: 100 }, { amount: 300 }, { amount: null }, { status: 'lost', amount: 5000 }, { closed: '2026-04-01', amount: 9 }]);
    expect(averageDealSize(t, period('2026-03'))).toEqual({ averageDealSize: 200, deals: 2 });
  });

  it('is null without a won deal', () => {
    expect(averageDealSize(tableOf([{ status: 'lost' }]), period('2026-03'))).toEqual({ averageDealSize: null, deals: 0 });
  });
});
