import fc from 'fast-check';
import { movementFromDates, movementFromSnapshot } from '../../../src/core/dynamics/movement';
import { snapshotOf, type SnapshotRow } from '../../../src/core/dynamics/snapshot';
import type { Deal } from '../../../src/core/pipeline/deal';
import { monthStartSerial } from '../../../src/core/util/dates';
import { makeDeal, month, STAGES } from '../metrics/make-deal';

const M = month('2026-05');
const withId = (d: Deal, id: string): Deal => ({ ...d, id });

describe('movementFromSnapshot', () => {
  const previous: SnapshotRow[] = [
    { month: M - 1, id: 'grown', stage: 'Lead', amount: 100, expectedMonth: M },
    { month: M - 1, id: 'shrunk', stage: 'Lead', amount: 100, expectedMonth: M },
    { month: M - 1, id: 'won', stage: 'Proposal', amount: 100, expectedMonth: M },
    { month: M - 1, id: 'lost', stage: 'Proposal', amount: 50, expectedMonth: M },
    { month: M - 1, id: 'gone', stage: 'Lead', amount: 30, expectedMonth: M },
    { month: M - 1, id: 'pushed', stage: 'Lead', amount: 10, expectedMonth: M },
  ];
  const deals = [
    withId(makeDeal({ status: 'open', amount: 150, created: '2026-01-05', closed: '2026-06-10' }), 'grown'),
    withId(makeDeal({ status: 'open', amount: 80, created: '2026-01-05', closed: '2026-05-20' }), 'shrunk'),
    withId(makeDeal({ status: 'won', amount: 120, created: '2026-01-05', closed: '2026-05-12' }), 'won'),
    withId(makeDeal({ status: 'lost', amount: 50, created: '2026-01-05', closed: '2026-05-12' }), 'lost'),
    withId(makeDeal({ status: 'open', amount: 10, created: '2026-01-05', closed: '2026-08-01' }), 'pushed'),
    withId(makeDeal({ status: 'open', amount: 70, created: '2026-05-03', closed: '2026-07-01' }), 'fresh'),
  ];

  it('classifies each deal of the SPEC §8 example and balances', () => {
    const m = movementFromSnapshot(deals, M, previous, snapshotOf(deals, STAGES, M, null));
    expect(m).toEqual({ basis: 'snapshot', start: 390, new: 70, increased: 50 + 20, decreased: 20, won: 120, lost: 50, removed: 30, end: 150 + 80 + 10 + 70, slipped: { deals: 2, amount: 160 } });
    expect(m.start + m.new + m.increased! - m.decreased! - m.won - m.lost - m.removed!).toBe(m.end);
  });

  it('balances exactly for random snapshot pairs (property)', () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100), fc.constant(null));
    const before = fc.array(fc.record({ id: fc.integer({ min: 0, max: 30 }), amount }), { maxLength: 40 });
    const after = fc.array(fc.record({ id: fc.integer({ min: 0, max: 40 }), amount, status: fc.constantFrom('open', 'won', 'lost'), closedDay: fc.integer({ min: -40, max: 60 }) }), { maxLength: 50 });
    fc.assert(
      fc.property(before, after, (a, b) => {
        const rows: SnapshotRow[] = a.map((r) => ({ month: M - 1, id: `D${r.id}`, stage: 'Lead', amount: r.amount, expectedMonth: M }));
        const data = b.map((r, i) => withId(makeDeal({ status: r.status as Deal['status'], amount: r.amount, created: '2026-01-02', closed: r.status === 'open' ? null : monthStartSerial(M) + r.closedDay }, i + 2), `D${r.id}`));
        const m = movementFromSnapshot(data, M, rows, snapshotOf(data, STAGES, M, 20));
        const cents = (x: number | null) => Math.round((x ?? 0) * 100);
        expect(cents(m.start) + cents(m.new) + cents(m.increased) - cents(m.decreased) - cents(m.won) - cents(m.lost) - cents(m.removed)).toBe(cents(m.end));
        expect(m.increased).toBeGreaterThanOrEqual(0);
        expect(m.decreased).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});

describe('movementFromDates', () => {
  it('rebuilds start, new, won and lost from dates, with the amount changes unknown', () => {
    const deals = [
      makeDeal({ status: 'open', amount: 100, created: '2026-03-01' }),
      makeDeal({ status: 'won', amount: 40, created: '2026-03-01', closed: '2026-05-04' }),
      makeDeal({ status: 'lost', amount: 25, created: '2026-05-02', closed: '2026-05-20' }),
      makeDeal({ status: 'open', amount: 60, created: '2026-05-10' }),
      makeDeal({ status: 'won', amount: 999, created: '2026-01-01', closed: '2026-04-01' }),
    ];
    const m = movementFromDates(deals, M);
    expect(m).toEqual({ basis: 'dates', start: 140, new: 85, increased: null, decreased: null, won: 40, lost: 25, removed: null, end: 160, slipped: null });
  });
});
