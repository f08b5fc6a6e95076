import { unknownLostRowsOf } from '../../../src/core/forecast/monthly-forecast';
import { learnStageProbabilities, learnStageProbabilitiesAt, MIN_CLOSED_FOR_LEARNING, weightedPipeline } from '../../../src/core/forecast/weighted-pipeline';
import { lastCompleteMonth } from '../../../src/core/metrics/data-months';
import { readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';
import { monthEndSerial, monthKey as monthKeyOf } from '../../../src/core/util/dates';
import { type DealInput, makeDeals, month, STAGES } from '../metrics/make-deal';

const MARCH = month('2026-03');
const END = monthEndSerial(MARCH);

function repeat(n: number, input: DealInput): DealInput[] {
  return Array.from({ length: n }, () => input);
}

describe('learnStageProbabilities', () => {
  it('uses the defaults while fewer than 30 closed deals reached a stage', () => {
    const deals = makeDeals([...repeat(10, { status: 'won' }), ...repeat(10, { status: 'lost', stage: 2 })]);
    const table = learnStageProbabilities(deals, STAGES, END);
    expect(table.map((s) => s.learned)).toEqual([false, false, false, false, false]);
    expect(table.map((s) => s.probability)).toEqual(STAGES.stages.map((s) => s.probability));
    expect(table[0]).toMatchObject({ closedDeals: 20, wonDeals: 10 });
    expect(table[3]).toMatchObject({ closedDeals: 10, wonDeals: 10 });
  });

  it('learns won ÷ closed among the deals that reached the stage once 30 did', () => {
    // 12 won (reach every stage), 20 lost at Opportunity (index 2), 8 lost at Lead.
    const deals = makeDeals([...repeat(12, { status: 'won' }), ...repeat(20, { status: 'lost', stage: 2 }), ...repeat(8, { status: 'lost', stage: 0 })]);
    const table = learnStageProbabilities(deals, STAGES, END);
    expect(table[0]).toMatchObject({ closedDeals: 40, wonDeals: 12, learned: true, probability: 12 / 40 });
    expect(table[2]).toMatchObject({ closedDeals: 32, wonDeals: 12, learned: true, probability: 12 / 32 });
    // Proposal: only the 12 won deals reached it, under the threshold.
    expect(table[3]).toMatchObject({ closedDeals: 12, learned: false, probability: 0.6 });
    expect(MIN_CLOSED_FOR_LEARNING).toBe(30);
  });

  it('learns as SPEC §1 counts (lost deals without a stage at the first stage only), and flags the later stages when most lost deals have no stage', () => {
    // 20 won; 40 lost, 30 of them without stage information (counted at the first stage only).
    const deals = makeDeals([...repeat(20, { status: 'won' }), ...repeat(30, { status: 'lost', stage: 0 }), ...repeat(10, { status: 'lost', stage: 2 })]);
    const unknown = new Set(deals.slice(20, 50).map((d) => d.row));
    const table = learnStageProbabilities(deals, STAGES, END, unknown);
    expect(table[0]).toMatchObject({ closedDeals: 60, wonDeals: 20, learned: true, probability: 20 / 60 });
    expect(table[1]).toMatchObject({ closedDeals: 30, learned: true, probability: 20 / 30, caveat: 'lostStagesUnknown' });
    expect(table[0]!.caveat).toBeUndefined();
    // Up to 10 % of lost deals without a stage gets no caveat.
    const few = new Set(deals.slice(20, 24).map((d) => d.row));
    expect(learnStageProbabilities(deals, STAGES, END, few)[1]).toEqual(expect.not.objectContaining({ caveat: expect.anything() }));
    expect(learnStageProbabilities(deals, STAGES, END, few)[1]).toMatchObject({ learned: true, probability: 20 / 30 });
  });

  it('ignores open deals and deals closed after the report month', () => {
    const deals = makeDeals([...repeat(40, { status: 'won', closed: '2026-04-02' }), { status: 'open', stage: 1 }]);
    expect(learnStageProbabilities(deals, STAGES, END)[0]!.closedDeals).toBe(0);
  });
});

describe('weightedPipeline', () => {
  it('sums open amount × stage probability by expected close month', () => {
    const deals = makeDeals([
      { status: 'open', stage: 4, amount: 1000, closed: '2026-04-20' }, // Negotiation 0.8 → April
      { status: 'open', stage: 0, amount: 500, closed: '2026-05-01' }, // Lead 0.1 → May
      { status: 'open', stage: 3, amount: 200, closed: '2026-02-01' }, // Proposal 0.6, overdue: on its own line
      { status: 'open', stage: 2, amount: 300, closed: '2026-03-31' }, // Opportunity 0.4, expected in the report month itself: overdue
      { status: 'open', stage: 3, amount: 999, closed: '2027-01-01' }, // after the horizon
    ]);
    const result = weightedPipeline(deals, STAGES, MARCH, 3, END);
    expect(result.months.map((m) => [m.month, m.amount, m.openAmount, m.deals])).toEqual([
      [month('2026-04'), 1000 * 0.8, 1000, 1],
      [month('2026-05'), 50, 500, 1],
      [month('2026-06'), 0, 0, 0],
    ]);
    expect(result.overdue).toEqual({ deals: 2, amount: 500, weightedAmount: 200 * 0.6 + 300 * 0.4 });
    expect(result.laterDeals).toBe(1);
  });

  it('matches an independent recomputation from the raw deals: overdue open deals only on their own line, never in a month', () => {
    const inputs = generatedDeals(400, 21);
    const deals = makeDeals(inputs);
    const horizon = 6;
    const result = weightedPipeline(deals, STAGES, MARCH, horizon, END);
    const expected = recompute(inputs, '2026-03', horizon);
    expect(result.overdue.deals).toBe(expected.overdue.deals);
    expect(result.overdue.deals).toBeGreaterThan(20); // the generated data has overdue deals of both kinds
    expect(result.overdue.amount).toBeCloseTo(expected.overdue.amount, 6);
    expect(result.overdue.weightedAmount).toBeCloseTo(expected.overdue.weightedAmount, 6);
    expect(result.laterDeals).toBe(expected.later);
    expect(result.months.map((m) => monthKeyOf(m.month))).toEqual(expected.months.map((m) => m.key));
    result.months.forEach((m, i) => {
      expect(m.deals).toBe(expected.months[i]!.deals);
      expect(m.amount).toBeCloseTo(expected.months[i]!.weighted, 6);
      expect(m.openAmount).toBeCloseTo(expected.months[i]!.amount, 6);
    });
    // Every open deal with a stage and an amount is in exactly one place.
    const placed = result.overdue.deals + result.laterDeals + result.months.reduce((n, m) => n + m.deals, 0);
    expect(placed).toBe(inputs.filter((d) => d.status === 'open' && d.amount !== null).length);
  });

  it("prefers a deal's own probability cell, and dates deals without a close date by the median won cycle", () => {
    const deals = makeDeals([
      { status: 'won', created: '2026-01-01', closed: '2026-01-31' }, // 30 days
      { status: 'open', stage: 0, amount: 100, created: '2026-04-10', closed: null }, // → May
    ]);
    deals[1]!.probability = 0.5;
    const result = weightedPipeline(deals, STAGES, MARCH, 2, END);
    expect(result.assumedCycleDays).toBe(30);
    expect(result.months.map((m) => m.amount)).toEqual([0, 50]);
  });

  it('counts a deal without a close date as overdue when its created date plus the median won cycle has passed', () => {
    const deals = makeDeals([
      { status: 'won', created: '2026-01-01', closed: '2026-01-31' }, // 30 days
      { status: 'open', stage: 0, amount: 100, created: '2026-02-15', closed: null }, // assumed 2026-03-17: overdue
      { status: 'open', stage: 0, amount: 100, created: '2026-03-15', closed: null }, // assumed 2026-04-14: April
    ]);
    const result = weightedPipeline(deals, STAGES, MARCH, 2, END);
    expect(result.overdue).toEqual({ deals: 1, amount: 100, weightedAmount: 10 });
    expect(result.months.map((m) => m.deals)).toEqual([1, 0]);
  });

  it('leaves out open deals without an amount or a known stage', () => {
    const deals = makeDeals([
      { status: 'open', stage: 1, amount: null, closed: '2026-04-01' },
      { status: 'open', stage: null, amount: 10, closed: '2026-04-01' },
    ]);
    deals[1]!.stageIndex = null;
    expect(weightedPipeline(deals, STAGES, MARCH, 1, END).months[0]).toMatchObject({ amount: 0, deals: 0 });
  });
});

/** A small deterministic generator (LCG), so the generated deals are the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));
}

/**
 * 25 won deals (under the 30 that would make stage probabilities learned) with cycles of 10–120 days, then open deals with and without an expected close
 * date, some long past.
 */
function generatedDeals(n: number, seed: number): DealInput[] {
  const random = generator(seed);
  const day = (from: string, span: number) => addDays(from, Math.floor(random() * span));
  const out: DealInput[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 16 === 0) {
      const created = day('2025-01-01', 420);
      out.push({ status: 'won', created, closed: addDays(created, 10 + Math.floor(random() * 110)), amount: 1000 });
      continue;
    }
    const created = day('2025-06-01', 300);
    const hasClose = random() < 0.6;
    out.push({
      status: 'open',
      stage: Math.floor(random() * STAGES.stages.length),
      amount: random() < 0.05 ? null : Math.round(random() * 100_000) / 10,
      created,
      closed: hasClose ? day('2025-09-01', 600) : null,
    });
  }
  return out;
}

/**
 * The weighted pipeline written again from SPEC §2 and §8 with ISO date
 * strings: expected close = the close date, else created + the median won
 * cycle (in days) of the deals won by the report month's end; overdue = expected before the day after the report
 * month; probability = the stage default (fewer than 30 closed deals).
 */
function recompute(inputs: readonly DealInput[], reportMonth: string, horizon: number) {
  const [y, m] = reportMonth.split('-').map(Number);
  const monthAfter = (k: number) => isoDay(new Date(Date.UTC(y!, m! - 1 + k, 1))).slice(0, 7);
  const firstDayAfter = `${monthAfter(1)}-01`;
  const cycles = inputs
    .filter((d) => d.status === 'won' && (d.closed as string) < firstDayAfter) // the history known at the report month's end
    .map((d) => (Date.parse(`${d.closed as string}T00:00:00Z`) - Date.parse(`${d.created as string}T00:00:00Z`)) / 86_400_000)
    .sort((a, b) => a - b);
  const mid = cycles.length / 2;
  const median = cycles.length % 2 === 1 ? cycles[Math.floor(mid)]! : (cycles[mid - 1]! + cycles[mid]!) / 2;
  const months = Array.from({ length: horizon }, (_, k) => ({ key: monthAfter(k + 1), deals: 0, amount: 0, weighted: 0 }));
  const overdue = { deals: 0, amount: 0, weightedAmount: 0 };
  let later = 0;
  for (const d of inputs) {
    if (d.status !== 'open' || d.amount === null || d.amount === undefined) continue;
    const probability = STAGES.stages[d.stage!]!.probability;
    // A fractional median lands inside a day: the day it falls on is the expected date.
    const expected = typeof d.closed === 'string' ? d.closed : isoDay(new Date(Date.parse(`${d.created as string}T00:00:00Z`) + median * 86_400_000));
    if (expected < firstDayAfter) {
      overdue.deals++;
      overdue.amount += d.amount;
      overdue.weightedAmount += d.amount * probability;
      continue;
    }
    const bucket = months.find((b) => b.key === expected.slice(0, 7));
    if (!bucket) {
      later++;
      continue;
    }
    bucket.deals++;
    bucket.amount += d.amount;
    bucket.weighted += d.amount * probability;
  }
  return { overdue, later, months };
}

describe('learnStageProbabilitiesAt', () => {
  it('gives, for each end, what learnStageProbabilities gives as of that end alone, counting each deal as a plain pass would', () => {
    const read = readPipeline(samplePipeline({ deals: 3000, seed: 4 }), { stages: DEFAULT_STAGES });
    if (!read.ok) throw new Error('sample did not read');
    const deals = read.pipeline.deals;
    const unknown = unknownLostRowsOf(read.pipeline.issues);
    const last = lastCompleteMonth(deals)!;
    const ends = [5, 0, 11, 3, 1, 2, 4, 6, 7, 8, 9, 10, 3].map((k) => monthEndSerial(last - k));
    const all = learnStageProbabilitiesAt(deals, DEFAULT_STAGES, ends, unknown);
    ends.forEach((end, k) => {
      expect(all[k]).toEqual(learnStageProbabilities(deals, DEFAULT_STAGES, end, unknown));
      // A plain count of the closed deals that reached each stage by then.
      const closed = deals.filter((d) => d.status !== 'open' && d.furthest !== null && !(d.closed !== null && d.closed >= end));
      all[k]!.forEach((line, stage) => {
        expect(line.closedDeals).toBe(closed.filter((d) => d.furthest! >= stage).length);
        expect(line.wonDeals).toBe(closed.filter((d) => d.furthest! >= stage && d.status === 'won').length);
      });
    });
  });
});
