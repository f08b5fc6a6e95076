import fc from 'fast-check';
import { computeMetrics, type MonthlyMetrics } from '../../../src/core/metrics/compute-metrics';
import { cohortFunnel } from '../../../src/core/metrics/funnel';
import type { Deal } from '../../../src/core/pipeline/deal';
import type { Pipeline } from '../../../src/core/pipeline/read-pipeline';
import { type DealInput, makeDeal, month, period, serial, STAGES } from './make-deal';

const FIRST_DAY = serial('2025-10-01');
const LAST_DAY = serial('2026-06-30');
const REPORT_MONTHS = ['2025-12', '2026-01', '2026-03', '2026-06'];

/** Accounts under a few spellings of spacing and case, so "one account" is exercised too. */
const account = fc.constantFrom('Acme', 'acme', ' ACME ', 'Globex', 'Initech Ltd', 'initech  ltd', 'Hooli', null);
const segment = fc.constantFrom('North', 'South', 'East', null);

const dealInput: fc.Arbitrary<DealInput> = fc
  .record({
    status: fc.constantFrom('open', 'won', 'lost' as const),
    stage: fc.integer({ min: 0, max: STAGES.stages.length - 1 }),
    account,
    created: fc.option(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), { nil: null, freq: 10 }),
    cycle: fc.integer({ min: 0, max: 120 }),
    amount: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null, freq: 8 }),
    costShare: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 3 }),
    contractEnd: fc.option(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), { nil: null, freq: 3 }),
    owner: segment,
    channel: segment,
  })
  .map((r) => ({
    status: r.status,
    stage: r.status === 'won' ? null : r.stage,
    account: r.account,
    created: r.created,
    closed: r.status === 'open' || r.created === null ? null : r.created + r.cycle,
    amount: r.amount,
    // Cost no higher than the amount, so the cost rate is a share too.
    cost: r.costShare === null || r.amount === null ? null : Math.floor((r.amount * r.costShare) / 100),
    contractEnd: r.contractEnd,
    owner: r.owner,
    channel: r.channel,
  }));

const deals = fc.array(dealInput, { maxLength: 60 }).map((inputs) => inputs.map((d, i) => makeDeal(d, i + 2)));

function pipelineOf(list: Deal[]): Pipeline {
  return {
    deals: list,
    issues: [],
    header: { headerRow: 0, headers: [], mapping: { owner: 7, channel: 8 }, stageDateColumns: STAGES.stages.map(() => null), missing: [] },
    rowsRead: list.length,
    rowsClean: list.length,
    unknownStages: [],
    hasCost: true,
  };
}

function metrics(list: Deal[], key: string): MonthlyMetrics {
  return computeMetrics(pipelineOf(list), { month: month(key), stages: STAGES, targets: [{ month: key, target: 5000 }] });
}

function shares(m: MonthlyMetrics): (number | null)[] {
  return [
    m.winRate,
    m.costRate,
    m.repurchaseRate,
    m.renewalRate,
    m.churnRate,
    ...m.funnel.steps.flatMap((s) => [s.stepConversion, s.cumulativeConversion]),
    ...m.cohortRetention.flatMap((r) => r.rates),
    ...Object.values(m.segments).flatMap((rows) => rows.flatMap((r) => [r.closed.winRate, r.closed.costRate])),
  ];
}

describe('metric invariants (fast-check)', () => {
  const reportMonth = fc.constantFrom(...REPORT_MONTHS);

  it('keeps every rate within [0, 1]', () => {
    fc.assert(
      fc.property(deals, reportMonth, (list, key) => {
        return shares(metrics(list, key)).every((x) => x === null || (x >= 0 && x <= 1));
      }),
    );
  });

  it('never increases reached counts or cumulative conversion down the funnel', () => {
    fc.assert(
      fc.property(deals, reportMonth, (list, key) => {
        const steps = cohortFunnel(list, STAGES, period(key)).steps;
        return steps.every(
          (s, k) => k === 0 || (s.reached <= steps[k - 1]!.reached && (s.cumulativeConversion ?? 0) <= (steps[k - 1]!.cumulativeConversion ?? 0)),
        );
      }),
    );
  });

  it('adds the segment rows up to the totals', () => {
    fc.assert(
      fc.property(deals, reportMonth, (list, key) => {
        const m = metrics(list, key);
        const p = period(key);
        const created = list.filter((d) => d.created !== null && d.created >= p.start && d.created < p.end).length;
        for (const rows of Object.values(m.segments)) {
          const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
          expect(sum((r) => r.cohort.created)).toBe(created);
          expect(sum((r) => r.closed.won)).toBe(m.wonDeals);
          expect(sum((r) => r.closed.lost)).toBe(m.lostDeals);
          expect(sum((r) => r.closed.revenue)).toBe(m.revenue);
          expect(sum((r) => r.closed.cost ?? 0)).toBe(m.cost ?? 0);
          // The segments' own funnels add up to the pipeline's cohort funnel, step by step.
          m.funnel.steps.forEach((step, k) => expect(sum((r) => r.cohort.reached[k]!)).toBe(step.reached));
        }
      }),
    );
  });

  it('gives the same metrics whatever the order of the rows', () => {
    fc.assert(
      fc.property(
        deals.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        reportMonth,
        ([list, shuffled], key) => {
          expect(metrics(shuffled, key)).toEqual(metrics(list, key));
        },
      ),
    );
  });

  it('gives the same tiers for one account however its name is spaced or cased', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('Acme Corp', 'acme corp', '  ACME   Corp '), { minLength: 1, maxLength: 8 }), (spellings) => {
        const list = spellings.map((a, i) => makeDeal({ account: a, amount: 10 }, i + 2));
        const tiers = metrics(list, '2026-03').tiers;
        expect(tiers).toHaveLength(1);
        expect(tiers[0]!.revenue12m).toBe(10 * spellings.length);
      }),
    );
  });
});
