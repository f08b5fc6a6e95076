import { buildDealTable, LOST, NO_ACCOUNT, NO_MONTH, OPEN, WON } from '../../../src/core/metrics/deal-table';
import { makeDeal, makeDeals, month, serial } from './make-deal';

describe('buildDealTable', () => {
  it('turns deals into typed columns, NaN and NO_MONTH where a value is missing', () => {
    const t = buildDealTable(
      makeDeals([{ status: 'open', stage: 2, created: '2026-02-28', amount: null }, { status: 'lost', closed: '2026-03-01' }, {}, { closed: null }]),
    );
    expect([...t.status]).toEqual([OPEN, LOST, WON, WON]);
    expect(t.created[0]).toBe(serial('2026-02-28'));
    expect(t.closed[1]).toBe(serial('2026-03-01'));
    expect(t.closed[2]).toBe(serial('2026-03-10'));
    expect(Number.isNaN(t.closed[3]!)).toBe(true);
    expect(Number.isNaN(t.amount[0]!)).toBe(true);
    expect(Number.isNaN(t.cost[2]!)).toBe(true);
  });

  it('fills close month, contract end and account for won deals only: the per-account measures use nothing else', () => {
    const t = buildDealTable(
      makeDeals([{ status: 'lost', account: 'Globex', contractEnd: '2026-12-31' }, { account: 'Acme', contractEnd: '2026-12-31' }, { closed: null }]),
    );
    expect([...t.closedMonth]).toEqual([NO_MONTH, month('2026-03'), NO_MONTH]);
    expect([...t.account]).toEqual([NO_ACCOUNT, 0, 0]);
    expect(Number.isNaN(t.contractEnd[0]!)).toBe(true);
    expect(t.contractEnd[1]).toBe(serial('2026-12-31'));
    expect(t.accounts.keys).toEqual(['acme']);
  });

  it('treats one account under several spellings of spacing and case as one', () => {
    const t = buildDealTable(
      makeDeals([{ account: 'Acme  Corp' }, { account: ' acme corp ' }, { account: 'ACME CORP' }, { account: 'Globex' }, { account: null }]),
    );
    expect(t.accounts.count).toBe(2);
    expect([...t.account]).toEqual([0, 0, 0, 1, NO_ACCOUNT]);
    expect(t.accounts.keys).toEqual(['acme corp', 'globex']);
  });

  it('shows the most frequent spelling, and on a tie the one on the lowest sheet row', () => {
    const frequent = buildDealTable(makeDeals([{ account: 'acme' }, { account: 'Acme' }, { account: 'Acme' }]));
    expect(frequent.accounts.names).toEqual(['Acme']);
    // A tie: "ACME" is on sheet row 3, "Acme" on row 7, although the array lists "Acme" first.
    const tie = buildDealTable([makeDeal({ account: 'Acme' }, 7), makeDeal({ account: 'ACME' }, 3)]);
    expect(tie.accounts.names).toEqual(['ACME']);
  });
});
