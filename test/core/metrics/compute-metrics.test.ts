import { computeMetrics, type MonthlyMetrics } from '../../../src/core/metrics/compute-metrics';
import { readPipeline, type Pipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import type { SheetValues } from '../../../src/core/util/cell';
import { flatSegment, month, serial } from './make-deal';

const HEADER = ['Deal ID', 'Account', 'Stage', 'Created Date', 'Close Date', 'Amount', 'Cost', 'Owner', 'Channel', 'Lost At Stage', 'Contract End'];
const s = serial;

function read(values: SheetValues): Pipeline {
  // The workbook's locale reads '1,000' (SPEC §9: without one it would be an ambiguous separator).
  const result = readPipeline(values, { stages: DEFAULT_STAGES, decimal: '.' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.pipeline;
}

/** Every number in the output is finite: a zero denominator gives null, never NaN or Infinity. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(allFinite);
  return true;
}

describe('computeMetrics on a pipeline sheet read by readPipeline', () => {
  // prettier-ignore
  const sheet: SheetValues = [
    HEADER,
    ['D1', 'Acme Corp', 'Won', s('2026-03-01'), s('2026-03-11'), '1,000', 400, 'Ann', 'Web', null, null],
    ['D2', 'ACME  corp', 'Won', '2026-02-01', '2026/03/03', 3000, null, 'Bob', 'Web', null, null], // other spelling; cost missing
    ['D3', 'Globex', 'Lost', s('2026-03-05'), s('2026-03-20'), 500, null, 'Ann', 'Partner', 'Proposal', null],
    ['D4', 'Initech', 'Lost', s('2026-03-06'), s('2026-03-25'), 200, null, null, null, null, null], // no stage information
    ['D5', 'Hooli', 'Proposal', s('2026-03-07'), null, -50, null, 'Bob', null, null, null], // negative amount
    ['D6', 'Umbrella', 'Won', s('2026-01-15'), s('2026-01-20'), 'abc', 10, 'Cy', 'Web', null, s('2026-03-31')], // text amount
    ['D7', 'Stark', 'Opportunity', s('2026-03-10'), null, 800, null, 'Ann', 'Partner', null, null],
  ];
  const pipeline = read(sheet);
  const targets = [
    { month: '2026-01', target: 1000 },
    { month: '2026-02', target: 1000 },
    { month: '2026-03', target: 8000 },
  ];
  const m = computeMetrics(pipeline, { month: month('2026-03'), stages: DEFAULT_STAGES, targets });

  it('records the bad cells as data issues', () => {
    expect(pipeline.issues.map((i) => [i.row, i.code])).toEqual([
      [3, 'missingCost'],
      [5, 'lostWithoutStage'],
      [6, 'negativeAmount'],
      [7, 'notANumber'],
    ]);
  });

  it('gives the hand-computed figures', () => {
    expect(m).toMatchObject<Partial<MonthlyMetrics>>({
      winRate: 0.5, // D1, D2 won; D3, D4 lost
      wonDeals: 2,
      lostDeals: 2,
      revenue: 4000,
      averageDealSize: 2000,
      cycleDaysMean: 20, // 10 and 30 days
      cycleDaysMedian: 20,
      // D7 is overdue (created 03-10 + the 10-day median won cycle) and left out (SPEC §8); D5 has no usable amount, so the weighted pipeline does not
      // weigh it and it stays.
      velocityPerDay: 50, // 1 open (D5) × 0.5 × 2000 ÷ 20
      cost: 400,
      costRate: 0.4, // D2 has no cost: left out of both sums
      cac: 400, // Acme is new (first won 2026-03-03); its deals' known cost 400
      newCustomers: 1,
      target: 8000,
      attainment: 0.5,
      attainmentQtd: 0.4, // 4000 ÷ 10000 (D6's revenue is unusable)
      attainmentYtd: 0.4,
      repurchaseRate: 0.5, // Acme twice, Umbrella once in Jan–Mar
      renewalRate: 0, // Umbrella's contract ends 2026-03-31 with no other won deal
      churnRate: 1,
    });
  });

  it('counts the lost deal without a stage at stage 1, and skipped stages as reached', () => {
    expect(m.funnel.steps.map((x) => x.reached)).toEqual([5, 4, 4, 3, 1, 1]);
  });

  it('finds the bottleneck on mature cohorts only, against the three months before (SPEC §7)', () => {
    // Won cycles 10 (D1), 30 (D2), 5 (D6) days: median 10. The March cohort is younger than that before the end of
    // March, so the latest mature cohort is February (D2, won); Nov–Jan hold D6 (won): every step 100 % in both,
    // so nothing fell and the first step is named, with the trailing value beside it.
    expect(m.bottleneck).toEqual({
      step: { from: 'Lead', to: 'Qualified', index: 1 },
      current: 1,
      trailing: 1,
      maturityDays: 10,
      cohorts: [
        { month: '2025-11', role: 'trailing', reached: 0, converted: 0, conversion: null },
        { month: '2025-12', role: 'trailing', reached: 0, converted: 0, conversion: null },
        { month: '2026-01', role: 'trailing', reached: 1, converted: 1, conversion: 1 },
        { month: '2026-02', role: 'current', reached: 1, converted: 1, conversion: 1 },
      ],
    });
  });

  it('gives retention, tiers (one account under two spellings) and segments', () => {
    expect(m.cohortRetention[9]).toEqual({ cohort: '2026-01', accounts: 1, rates: [1, 0, 0, ...Array(9).fill(null)] });
    expect(m.cohortRetention[11]).toEqual({ cohort: '2026-03', accounts: 1, rates: [1, ...Array(11).fill(null)] });
    // Umbrella's only won deal has an unusable amount ('abc'): left out of revenue, so it ranks nowhere (issue #16).
    expect(m.tiers).toEqual([{ account: 'Acme Corp', revenue12m: 4000, tier: 'A' }]);
    expect(Object.keys(m.segments)).toEqual(['owner', 'channel']);
    expect(m.segments.owner!.map(flatSegment)).toEqual([
      { key: 'Bob', created: 1, won: 1, lost: 0, winRate: 1, revenue: 3000, cost: null, costRate: null },
      { key: 'Ann', created: 3, won: 1, lost: 1, winRate: 0.5, revenue: 1000, cost: 400, costRate: 0.4 },
      { key: '(blank)', created: 1, won: 0, lost: 1, winRate: 0, revenue: 0, cost: null, costRate: null },
    ]);
    expect(m.segments.channel!.map(flatSegment).map((r) => [r.key, r.created, r.won, r.lost, r.revenue])).toEqual([
      ['Web', 1, 2, 0, 4000],
      ['(blank)', 2, 0, 1, 0],
      ['Partner', 2, 0, 1, 0],
    ]);
  });

  it('has exactly the JSON field names of issue 3, plus the funnel', () => {
    expect(Object.keys(m).sort()).toEqual(
      [
        'funnel',
        'winRate',
        'wonDeals',
        'lostDeals',
        'revenue',
        'averageDealSize',
        'cycleDaysMean',
        'cycleDaysMedian',
        'velocityPerDay',
        'cost',
        'costRate',
        'cac',
        'newCustomers',
        'target',
        'attainment',
        'attainmentQtd',
        'attainmentYtd',
        'repurchaseRate',
        'renewalRate',
        'churnRate',
        'cohortRetention',
        'tiers',
        'bottleneck',
        'segments',
      ].sort(),
    );
    expect(allFinite(JSON.parse(JSON.stringify(m)))).toBe(true);
  });

  it('gives every ratio null for a month with no deals', () => {
    const empty = computeMetrics(pipeline, { month: month('2025-06'), stages: DEFAULT_STAGES, targets });
    expect(empty).toMatchObject({
      winRate: null,
      wonDeals: 0,
      lostDeals: 0,
      revenue: 0,
      averageDealSize: null,
      cycleDaysMean: null,
      cycleDaysMedian: null,
      velocityPerDay: null,
      cost: null,
      costRate: null,
      cac: null,
      newCustomers: 0,
      target: null,
      attainment: null,
      attainmentQtd: null,
      attainmentYtd: null,
      repurchaseRate: null,
      renewalRate: null,
      churnRate: null,
      tiers: [],
      bottleneck: null,
      segments: { owner: [], channel: [] },
    });
    expect(empty.funnel.steps.every((x) => x.reached === 0 && x.stepConversion === null && x.cumulativeConversion === null)).toBe(true);
    expect(empty.cohortRetention.every((r) => r.accounts === 0 && r.rates.every((x) => x === null))).toBe(true);
    expect(allFinite(empty)).toBe(true);
  });

  it('gives every ratio null when no deal was won, without dividing by zero', () => {
    const openOnly = read([
      HEADER,
      ['O1', 'A', 'Lead', s('2026-03-02'), null, 100, null, null, null, null, null],
      ['O2', 'B', 'Qualified', s('2026-03-03'), null, 50, 5, null, null, null, null],
    ]);
    const r = computeMetrics(openOnly, { month: month('2026-03'), stages: DEFAULT_STAGES, targets: [{ month: '2026-03', target: 0 }] });
    expect(r).toMatchObject({
      winRate: null,
      averageDealSize: null,
      cycleDaysMean: null,
      velocityPerDay: null,
      costRate: null,
      cac: null,
      attainment: null,
      repurchaseRate: null,
      renewalRate: null,
      churnRate: null,
    });
    expect(r.funnel.steps.map((x) => x.reached)).toEqual([2, 1, 0, 0, 0, 0]);
    // No won deal: no cycle to wait for, so March itself is compared; without history, the lowest step.
    expect(r.bottleneck).toMatchObject({ step: { from: 'Qualified', to: 'Opportunity', index: 2 }, current: 0, trailing: null, maturityDays: 0 });
    expect(allFinite(r)).toBe(true);
  });

  it('counts a strict funnel up to the furthest dated stage, so it never grows from one step to the next', () => {
    const dated = read([
      ['Deal ID', 'Account', 'Stage', 'Created', 'Amount', 'Lead Date', 'Opportunity Date'],
      ['S1', 'A', 'Proposal', s('2026-03-02'), 10, s('2026-03-02'), null], // Opportunity date blank: not counted there
      ['S2', 'B', 'Opportunity', s('2026-03-03'), 10, null, s('2026-03-04')],
    ]);
    expect(dated.header.stageDateColumns.map((c) => c !== null)).toEqual([true, false, true, false, false]);
    const strict = computeMetrics(dated, { month: month('2026-03'), stages: DEFAULT_STAGES, strict: true });
    expect(strict.funnel.strict).toBe(true);
    // S1's furthest dated stage is Lead (its Opportunity date is blank, Proposal has no column): Lead only.
    // S2's is Opportunity: Lead, Qualified (skipped), Opportunity.
    expect(strict.funnel.steps.map((x) => x.reached)).toEqual([2, 1, 1, 0, 0, 0]);
    expect(computeMetrics(dated, { month: month('2026-03'), stages: DEFAULT_STAGES }).funnel.steps.map((x) => x.reached)).toEqual([2, 2, 2, 1, 0, 0]);
  });
});
