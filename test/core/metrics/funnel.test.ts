import { cohortFunnel } from '../../../src/core/metrics/funnel';
import { makeDeals, period, STAGES } from './make-deal';

const reached = (f: ReturnType<typeof cohortFunnel>) => f.steps.map((s) => s.reached);

describe('cohortFunnel', () => {
  const deals = makeDeals([
    { status: 'open', stage: 0 },
    { status: 'open', stage: 2 }, // skipped Qualified: counted there (last reached stage)
    { status: 'lost', stage: 3 },
    { status: 'lost', stage: 0 }, // a lost deal with no stage information is read as stage 1
    {},
    { status: 'open', stage: 4, created: '2026-02-01' }, // another cohort
  ]);

  it('counts deals created in the period at every stage up to their furthest, Won last', () => {
    const f = cohortFunnel(deals, STAGES, period('2026-01'));
    expect(f.steps.map((s) => s.stage)).toEqual(['Lead', 'Qualified', 'Opportunity', 'Proposal', 'Negotiation', 'Won']);
    expect(reached(f)).toEqual([5, 3, 3, 2, 1, 1]);
    expect(f.steps.map((s) => s.stepConversion)).toEqual([null, 3 / 5, 1, 2 / 3, 1 / 2, 1]);
    expect(f.steps.map((s) => s.cumulativeConversion)).toEqual([1, 3 / 5, 3 / 5, 2 / 5, 1 / 5, 1 / 5]);
  });

  it('has every ratio null for a month with no deals', () => {
    const f = cohortFunnel(deals, STAGES, period('2025-06'));
    expect(reached(f)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(f.steps.every((s) => s.stepConversion === null && s.cumulativeConversion === null)).toBe(true);
  });

  describe('strict mode', () => {
    const dated = makeDeals([
      { status: 'open', stage: 2, stageDates: ['2026-01-10', null, '2026-01-20', null, null] }, // skipped Qualified
      { stageDates: ['2026-01-10', '2026-01-11', '2026-01-12', '2026-01-13', '2026-01-14'] },
      { status: 'lost', stage: 1, stageDates: [null, '2026-01-15', null, null, null] },
    ]);

    it('counts a deal at a stage only when its stage date is filled', () => {
      expect(reached(cohortFunnel(dated, STAGES, period('2026-01'), { strict: true }))).toEqual([2, 2, 2, 1, 1, 1]);
      expect(reached(cohortFunnel(dated, STAGES, period('2026-01')))).toEqual([3, 3, 2, 1, 1, 1]);
    });

    it('keeps the last-reached rule for stages without a date column', () => {
      // Only Lead and Opportunity have date columns.
      const datedStages = [true, false, true, false, false];
      expect(reached(cohortFunnel(dated, STAGES, period('2026-01'), { strict: true, datedStages }))).toEqual([2, 3, 2, 1, 1, 1]);
    });

    it('falls back to the last-reached rule for deals without any stage date column', () => {
      expect(reached(cohortFunnel(makeDeals([{ status: 'open', stage: 1 }]), STAGES, period('2026-01'), { strict: true }))).toEqual([1, 1, 0, 0, 0, 0]);
    });
  });
});
