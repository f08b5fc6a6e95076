import { learnStageProbabilities, MIN_CLOSED_FOR_LEARNING, weightedPipeline } from '../../../src/core/forecast/weighted-pipeline';
import { monthEndSerial } from '../../../src/core/util/dates';
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
      { status: 'open', stage: 3, amount: 200, closed: '2026-02-01' }, // overdue → April
      { status: 'open', stage: 3, amount: 999, closed: '2027-01-01' }, // after the horizon
    ]);
    const result = weightedPipeline(deals, STAGES, MARCH, 3, END);
    expect(result.months.map((m) => [m.month, m.amount, m.deals])).toEqual([
      [month('2026-04'), 1000 * 0.8 + 200 * 0.6, 2],
      [month('2026-05'), 50, 1],
      [month('2026-06'), 0, 0],
    ]);
    expect(result.overdueDeals).toBe(1);
    expect(result.laterDeals).toBe(1);
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

  it('leaves out open deals without an amount or a known stage', () => {
    const deals = makeDeals([
      { status: 'open', stage: 1, amount: null, closed: '2026-04-01' },
      { status: 'open', stage: null, amount: 10, closed: '2026-04-01' },
    ]);
    deals[1]!.stageIndex = null;
    expect(weightedPipeline(deals, STAGES, MARCH, 1, END).months[0]).toMatchObject({ amount: 0, deals: 0 });
  });
});
