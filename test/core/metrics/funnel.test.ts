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

    it('counts a deal up to its furthest dated stage (the stages before it as reached), so the funnel never grows', () => {
      // Deal 1 is dated through Opportunity (Qualified skipped), deal 2 won, deal 3 dated at Qualified.
      expect(reached(cohortFunnel(dated, STAGES, period('2026-01'), { strict: true }))).toEqual([3, 3, 2, 1, 1, 1]);
      expect(reached(cohortFunnel(dated, STAGES, period('2026-01')))).toEqual([3, 3, 2, 1, 1, 1]);
      // At Proposal without its date, dated at Qualified only: strict stops at Qualified; an undated deal is left out.
      const partly = makeDeals([
        { status: 'open', stage: 3, stageDates: [null, '2026-01-05', null, null, null] },
        { status: 'open', stage: 2, stageDates: [null, null, null, null, null] },
      ]);
      const strict = reached(cohortFunnel(partly, STAGES, period('2026-01'), { strict: true }));
      expect(strict).toEqual([1, 1, 0, 0, 0, 0]);
      for (let k = 1; k < strict.length; k++) expect(strict[k]!).toBeLessThanOrEqual(strict[k - 1]!);
    });

    it('falls back to the last-reached rule for deals without any stage date column', () => {
      expect(reached(cohortFunnel(makeDeals([{ status: 'open', stage: 1 }]), STAGES, period('2026-01'), { strict: true }))).toEqual([1, 1, 0, 0, 0, 0]);
    });
  });
});
