import fc from 'fast-check';
import { coverage } from '../../../src/core/dynamics/coverage';
import { ownerLeaderboard } from '../../../src/core/dynamics/owner-leaderboard';
import { readSnapshotRows, snapshotOf, snapshotSheetRows, SNAPSHOT_HEADERS } from '../../../src/core/dynamics/snapshot';
import { snapshotRowsOf, snapshotsByMonth } from '../../../src/usecases/snapshots';
import { winLoss } from '../../../src/core/dynamics/win-loss';
import type { StageProbability } from '../../../src/core/forecast/weighted-pipeline';
import { buildDealTable } from '../../../src/core/metrics/deal-table';
import { ownerTargetsByMonth, readTargets, teamTargetsByMonth } from '../../../src/core/targets';
import { makeDeal, month, period, STAGES } from '../metrics/make-deal';

const M = month('2026-05');
const probabilities: StageProbability[] = STAGES.stages.map((s) => ({
  stage: s.name,
  probability: 0.5,
  defaultProbability: s.probability,
  closedDeals: 0,
  wonDeals: 0,
  learned: false,
}));

describe('coverage', () => {
  const deals = [
    makeDeal({ status: 'open', stage: 1, created: '2026-04-01', closed: '2026-06-10', amount: 1000 }),
    makeDeal({ status: 'open', stage: 1, created: '2026-04-01', closed: '2026-08-10', amount: 400 }),
    makeDeal({ status: 'open', stage: 1, created: '2026-04-01', closed: '2026-05-10', amount: 9999 }), // overdue
    makeDeal({ status: 'won', created: '2026-04-01', closed: '2026-06-03', amount: 200 }),
  ];
  const table = buildDealTable(deals);

  it('divides the open, not overdue amount by the target left in the next month and quarter', () => {
    const targets = new Map([
      [M + 1, 1200],
      [M + 2, 1000],
      [M + 3, 1000],
      [M + 4, 1000],
    ]);
    const c = coverage(deals, table, M, probabilities, null, targets);
    expect(c.nextMonth).toMatchObject({ open: 1000, weighted: 500, remainingTarget: 1000, coverage: 1, weightedCoverage: 0.5 });
    // May's next quarter is July–September.
    expect(c.nextQuarter).toMatchObject({ first: M + 2, last: M + 4, open: 400, weighted: 200, remainingTarget: 3000, coverage: 400 / 3000 });
  });

  it('is empty without a target for every month of the period', () => {
    const c = coverage(deals, table, M, probabilities, null, new Map([[M + 1, 500]]));
    expect(c.nextQuarter.remainingTarget).toBeNull();
    expect(c.nextQuarter.coverage).toBeNull();
  });

  it('is null when the remaining target is 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 10 }),
        (open, won) => {
          const ds = [
            ...open.map((a, i) => makeDeal({ status: 'open', stage: 2, created: '2026-04-01', closed: '2026-06-15', amount: a }, i + 2)),
            ...won.map((a, i) => makeDeal({ status: 'won', created: '2026-04-01', closed: '2026-06-02', amount: a }, 100 + i)),
          ];
          const revenue = won.reduce((s, a) => s + a, 0);
          const c = coverage(ds, buildDealTable(ds), M, probabilities, null, new Map([[M + 1, revenue]]));
          expect(c.nextMonth.remainingTarget).toBe(0);
          expect(c.nextMonth.coverage).toBeNull();
          expect(c.nextMonth.weightedCoverage).toBeNull();
        },
      ),
      { numRuns: 100, seed: 17 },
    );
  });
});

describe('winLoss', () => {
  it('counts the deals closed in the period by reason and the lost ones by stage reached', () => {
    const reasons = ['Price', 'Price', 'Timing', null];
    const deals = reasons.map((r, i) => ({ ...makeDeal({ status: 'lost', stage: i % 2, closed: '2026-05-05', amount: 10 * (i + 1) }, i + 2), lostReason: r }));
    deals.push({ ...makeDeal({ status: 'won', closed: '2026-05-06', amount: 5 }, 9), lostReason: 'Price' });
    deals.push({ ...makeDeal({ status: 'lost', stage: 3, closed: '2026-04-06', amount: 5 }, 10), lostReason: 'Old' });
    const w = winLoss(deals, STAGES, period('2026-05'), true);
    expect(w.reasons).toEqual([
      { reason: 'Price', other: false, won: 1, lost: 2, lostAmount: 30 },
      { reason: null, other: false, won: 0, lost: 1, lostAmount: 40 },
      { reason: 'Timing', other: false, won: 0, lost: 1, lostAmount: 30 },
    ]);
    expect(w.lostByStage.slice(0, 2)).toEqual([
      { stage: 'Lead', lost: 2, amount: 40 },
      { stage: 'Qualified', lost: 2, amount: 60 },
    ]);
    expect(winLoss(deals, STAGES, period('2026-05'), false).reasons).toEqual([]);
  });
});

describe('ownerLeaderboard', () => {
  it('gives each owner revenue against their own target, win rate, pipeline and coverage', () => {
    const deals = [
      makeDeal({ owner: 'Ann', created: '2026-05-01', closed: '2026-05-11', amount: 300 }),
      makeDeal({ owner: 'ann ', created: '2026-05-01', closed: '2026-05-21', amount: 100 }),
      makeDeal({ owner: 'Ann', status: 'lost', stage: 1, closed: '2026-05-21', amount: 100 }),
      makeDeal({ owner: 'Ann', status: 'open', stage: 1, created: '2026-05-01', closed: '2026-06-21', amount: 500 }),
      makeDeal({ owner: 'Bo', status: 'open', stage: 1, created: '2026-05-01', closed: '2026-07-21', amount: 50 }),
    ];
    const targets = readTargets([
      ['Month', 'Owner', 'Target'],
      ['2026-05', 'Ann', 800],
      ['2026-06', 'Ann', 1000],
      ['2026-05', 'Bo', 200],
    ]).targets;
    expect(teamTargetsByMonth(targets).get(M)).toBe(1000);
    const lines = ownerLeaderboard(deals, M, ownerTargetsByMonth(targets), null);
    expect(lines[0]).toEqual({
      owner: 'Ann',
      revenue: 400,
      target: 800,
      attainment: 0.5,
      wonDeals: 2,
      winRate: 2 / 3,
      averageDealSize: 200,
      cycleDaysMedian: 15,
      openPipeline: 500,
      coverage: 0.5,
    });
    expect(lines[1]).toMatchObject({ owner: 'Bo', revenue: 0, target: 200, attainment: 0, winRate: null, openPipeline: 50, coverage: null });
  });
});

describe('snapshots', () => {
  it('stores the deals open at the month end and reads them back, replacing that month', () => {
    const deals = [
      makeDeal({ status: 'open', stage: 2, created: '2026-04-01', closed: '2026-07-10', amount: 70 }, 2),
      makeDeal({ status: 'won', created: '2026-04-01', closed: '2026-06-10', amount: 30 }, 3), // open at May's end
      makeDeal({ status: 'won', created: '2026-04-01', closed: '2026-05-10', amount: 30 }, 4),
    ];
    const rows = snapshotOf(deals, STAGES, M, null);
    expect(rows).toEqual(
      [
        { month: M, id: 'D2', stage: 'Opportunity', amount: 70, expectedMonth: M + 2 },
        { month: M, id: 'D2', stage: 'Negotiation', amount: 30, expectedMonth: M + 1 },
      ].map((r, i) => ({ ...r, id: `D${i + 2}` })),
    );
    const old = [
      { month: M, id: 'X', stage: 'Lead', amount: 1, expectedMonth: null },
      { month: M - 1, id: 'Y', stage: 'Lead', amount: 2, expectedMonth: M },
    ];
    const byMonth = snapshotsByMonth(old);
    byMonth.set(M, rows);
    const sheet = [[...SNAPSHOT_HEADERS], ...snapshotSheetRows(snapshotRowsOf(byMonth, M - 1, M))];
    expect(readSnapshotRows(sheet)).toEqual([old[1], ...rows]);
  });
});
