import fc from 'fast-check';
import { percentileInc } from '../../../src/core/dynamics/percentile';
import { stuckDeals } from '../../../src/core/dynamics/stuck-deals';
import { timeInStage } from '../../../src/core/dynamics/time-in-stage';
import type { Deal } from '../../../src/core/pipeline/deal';
import { makeDeal, period, serial, STAGES } from '../metrics/make-deal';

describe('percentileInc', () => {
  it('interpolates as Excel PERCENTILE.INC', () => {
    expect(percentileInc([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(percentileInc([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(percentileInc([7], 0.75)).toBe(7);
    expect(percentileInc([], 0.5)).toBeNull();
  });
});

describe('timeInStage', () => {
  const may = period('2026-05');
  it('measures days to the next dated stage or the close, over deals that left the stage in the period', () => {
    const deals = [
      // Lead 04-01 → Qualified 05-03 (32 days, left in May) → Opportunity 05-13 (10 days, left in May), open there.
      makeDeal({ status: 'open', stage: 2, created: '2026-04-01', stageDates: ['2026-04-01', '2026-05-03', '2026-05-13', null, null] }),
      // Lead 04-20 → skipped Qualified → Opportunity 05-10 (20 days in Lead) → lost 05-30 (20 days in Opportunity).
      makeDeal({ status: 'lost', stage: 2, created: '2026-04-20', closed: '2026-05-30', stageDates: ['2026-04-20', null, '2026-05-10', null, null] }),
      // Left Lead in April: not measured for May.
      makeDeal({ status: 'open', stage: 1, created: '2026-03-01', stageDates: ['2026-03-01', '2026-04-10', null, null, null] }),
    ];
    const t = timeInStage(deals, STAGES, may);
    expect(t.stages[0]).toMatchObject({ stage: 'Lead', deals: 2, medianDays: 26, p75Days: 29 });
    expect(t.stages[1]).toMatchObject({ deals: 1, medianDays: 10 });
    expect(t.stages[2]).toMatchObject({ deals: 1, medianDays: 20, openDeals: 1 });
    // Days so far to the end of May 31 (the first instant of June).
    expect(t.daysInStage[0]).toBe(serial('2026-06-01') - serial('2026-05-13'));
    expect(t.daysInStage[2]).toBe(serial('2026-06-01') - serial('2026-04-10'));
    expect(Number.isNaN(t.daysInStage[1]!)).toBe(true);
  });
});

describe('stuckDeals', () => {
  const may = period('2026-05');
  it('flags overdue open deals and stuck ones by twice the stage median (≥ 10 measured)', () => {
    const left = Array.from({ length: 10 }, (_, i) =>
      makeDeal(
        { status: 'open', stage: 1, created: '2026-04-01', closed: '2026-09-01', stageDates: ['2026-04-01', '2026-05-11', null, null, null], amount: 1 },
        10 + i,
      ),
    );
    const slow = makeDeal(
      { status: 'open', stage: 0, created: '2026-02-01', closed: '2026-09-01', amount: 500, stageDates: ['2026-02-01', null, null, null, null] },
      3,
    );
    const late = makeDeal({ status: 'open', stage: 1, created: '2026-05-01', closed: '2026-05-15', amount: 300 }, 4);
    const s = stuckDeals([slow, late, ...left], STAGES, may, timeInStage([slow, late, ...left], STAGES, may), 30);
    expect(s.overdue).toEqual({ deals: 1, amount: 300 });
    expect(s.list.map((d) => [d.row, d.reason])).toEqual([
      [3, 'stuck'],
      [4, 'overdue'],
    ]);
    expect(s.list[0]!.days).toBe(serial('2026-06-01') - serial('2026-02-01'));
  });

  it('without stage dates: age over twice the median won cycle and at least 90 days', () => {
    const deals = [
      makeDeal({ status: 'open', stage: 0, created: '2026-03-01', closed: '2026-08-01', amount: 5 }, 2),
      makeDeal({ status: 'open', stage: 0, created: '2026-01-15', closed: '2026-08-01', amount: 5 }, 3),
    ];
    const s = stuckDeals(deals, STAGES, may, timeInStage(deals, STAGES, may), 50);
    expect(s.list.filter((d) => d.reason === 'stuck').map((d) => d.row)).toEqual([3]);
  });

  it('every stuck or overdue deal is open (property)', () => {
    const deal = fc.record({
      status: fc.constantFrom('open', 'won', 'lost'),
      stage: fc.integer({ min: 0, max: 4 }),
      created: fc.integer({ min: serial('2025-06-01'), max: serial('2026-05-31') }),
      closeIn: fc.option(fc.integer({ min: -200, max: 200 })),
      amount: fc.option(fc.integer({ min: 0, max: 100_000 })),
      dated: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 60 }), fc.option(fc.integer({ min: 1, max: 120 })), (inputs, cycle) => {
        const deals: Deal[] = inputs.map((x, i) =>
          makeDeal(
            {
              status: x.status,
              stage: x.stage,
              created: x.created,
              closed: x.closeIn === null ? null : x.created + Math.abs(x.closeIn),
              amount: x.amount,
              stageDates: x.dated ? [x.created, null, null, null, null] : null,
            },
            i + 2,
          ),
        );
        const s = stuckDeals(deals, STAGES, may, timeInStage(deals, STAGES, may), cycle);
        for (const d of s.list) expect(deals.find((x) => x.row === d.row)!.status).toBe('open');
        deals.forEach((d, i) => {
          if (s.flags[i] !== 0) expect(d.status).toBe('open');
        });
      }),
      { numRuns: 200, seed: 17 },
    );
  });
});
