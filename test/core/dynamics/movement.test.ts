import fc from 'fast-check';
import { byMap, matchRows, movementFromDates, movementFromSnapshot } from '../../../src/core/dynamics/movement';
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
    expect(m).toEqual({
      basis: 'snapshot',
      start: 390,
      new: 70,
      increased: 50 + 20,
      decreased: 20,
      won: 120,
      lost: 50,
      removed: 30,
      end: 150 + 80 + 10 + 70,
      slipped: { deals: 2, amount: 160 },
    });
    expect(m.start + m.new + m.increased! - m.decreased! - m.won - m.lost - m.removed!).toBe(m.end);
  });

  it('balances exactly for random snapshot pairs (property)', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100),
      fc.constant(null),
    );
    const before = fc.array(fc.record({ id: fc.integer({ min: 0, max: 30 }), amount }), { maxLength: 40 });
    const after = fc.array(
      fc.record({ id: fc.integer({ min: 0, max: 40 }), amount, status: fc.constantFrom('open', 'won', 'lost'), closedDay: fc.integer({ min: -40, max: 60 }) }),
      { maxLength: 50 },
    );
    fc.assert(
      fc.property(before, after, (a, b) => {
        const rows: SnapshotRow[] = a.map((r) => ({ month: M - 1, id: `D${r.id}`, stage: 'Lead', amount: r.amount, expectedMonth: M }));
        const data = b.map((r, i) =>
          withId(
            makeDeal(
              { status: r.status, amount: r.amount, created: '2026-01-02', closed: r.status === 'open' ? null : monthStartSerial(M) + r.closedDay },
              i + 2,
            ),
            `D${r.id}`,
          ),
        );
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

describe('matching snapshot rows by ID', () => {
  const row = (id: string, amount = 1): SnapshotRow => ({ month: M - 1, id, stage: 'Lead', amount, expectedMonth: M });
  // Numbered IDs of different widths (D9 before D10), as a sheet sorted by ID has them.
  const ids = fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 50 }).map((xs) => xs.map((x) => `D${x}`));
  const byNumber = (xs: string[]) => [...xs].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)));
  // In ID order with each ID once (the merge), in ID order with repeats, or in any order (the map).
  const lists = fc.oneof(
    ids.map((xs) => byNumber([...new Set(xs)])),
    ids.map(byNumber),
    ids.map((xs) => [...new Set(xs)].sort()),
    ids,
  );

  it("gives the map's matches, by the merge of two ID-ordered snapshots or else (property)", () => {
    fc.assert(
      fc.property(lists, lists, (a, b) => {
        const previous = a.map((id) => row(id));
        const current = b.map((id) => row(id));
        const fast = matchRows(previous, current);
        const map = byMap(previous, current);
        expect([fast.slots, Array.from(fast.slotOfPrevious), Array.from(fast.slotOfCurrent)]).toEqual([
          map.slots,
          Array.from(map.slotOfPrevious),
          Array.from(map.slotOfCurrent),
        ]);
        const seen = new Uint8Array(fast.slots).map((_, i) => (i % 3 === 0 ? 1 : 0));
        const unseen = fast.lookup(seen);
        // The deals not seen now are found by ID (the others may be, too).
        for (const [id, i] of map.lookup(seen)) if (seen[i] === 0) expect(unseen.get(id)).toBe(i);
        for (const [id, i] of unseen) expect(map.lookup(seen).get(id)).toBe(i);
        // Both in ID order, each ID once: matched by the merge, whose look-up holds only the deals not seen now.
        const ordered = (xs: string[]) => xs.every((x, k) => k === 0 || Number(xs[k - 1]!.slice(1)) < Number(x.slice(1)));
        if (ordered(a) && ordered(b)) expect(unseen.size).toBe(seen.filter((x) => x === 0).length);
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('gives the same movement whatever the order of the rows (property)', () => {
    const amount = fc.integer({ min: 0, max: 5_000_000 }).map((c) => c / 100);
    const deal = fc.record({
      id: fc.integer({ min: 0, max: 40 }),
      amount,
      status: fc.constantFrom('open', 'won', 'lost'),
      closedDay: fc.integer({ min: -40, max: 60 }),
      expected: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 30 }), amount, expected: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 }),
        fc.array(deal, { maxLength: 50 }),
        fc.boolean(),
        (a, b, sorted) => {
          // Each ID once (with repeats the first row's expected month and status count, so the order matters).
          const order = <T extends { id: number }>(xs: T[]) => {
            const once = [...new Map(xs.map((x) => [x.id, x])).values()];
            return sorted ? once.sort((x, y) => x.id - y.id) : once;
          };
          const name = (id: number) => `D${String(id).padStart(3, '0')}`;
          const rows: SnapshotRow[] = order(a).map((r) => ({ ...row(name(r.id), r.amount), expectedMonth: M + r.expected }));
          const data = order(b).map((r, i) =>
            withId(
              makeDeal(
                {
                  status: r.status,
                  amount: r.amount,
                  created: '2026-01-02',
                  closed: r.status === 'open' ? monthStartSerial(M + r.expected) + 3 : monthStartSerial(M) + r.closedDay,
                },
                i + 2,
              ),
              name(r.id),
            ),
          );
          const current = snapshotOf(data, STAGES, M, 20);
          const m = movementFromSnapshot(data, M, rows, current);
          expect(movementFromSnapshot([...data].reverse(), M, [...rows].reverse(), [...current].reverse())).toEqual(m);
        },
      ),
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
