import { periodFunnel } from '../../../src/core/metrics/period-funnel';
import { makeDeals, period, STAGES } from './make-deal';

const entered = (f: ReturnType<typeof periodFunnel>) => f.steps.map((s) => s.entered);

describe('periodFunnel', () => {
  const deals = makeDeals([
    // Entered Lead in January, Qualified and Opportunity in February, won in March.
    { created: '2026-01-05', closed: '2026-03-02', stageDates: ['2026-01-05', '2026-02-01', '2026-02-10', '2026-03-01', '2026-03-01'] },
    // Open at Proposal; skipped Qualified (no date): passed through it when Opportunity was entered.
    { status: 'open', stage: 3, created: '2026-01-20', stageDates: ['2026-01-20', null, '2026-02-15', '2026-03-05', null] },
    // Lost at Qualified, entered it in February.
    { status: 'lost', stage: 1, created: '2026-02-03', closed: '2026-02-25', stageDates: ['2026-02-03', '2026-02-20', null, null, null] },
    // Won in February with no stage dates at all: every stage taken at its close date.
    { created: '2025-12-01', closed: '2026-02-27', stageDates: null },
  ]);

  it('counts the deals that entered each stage in the period, Won = won deals closed in it', () => {
    expect(entered(periodFunnel(deals, STAGES, period('2026-01')))).toEqual([2, 0, 0, 0, 0, 0]);
    expect(entered(periodFunnel(deals, STAGES, period('2026-02')))).toEqual([2, 4, 3, 1, 1, 1]);
    expect(entered(periodFunnel(deals, STAGES, period('2026-03')))).toEqual([0, 0, 0, 2, 1, 1]);
  });

  it('counts only filled stage dates in strict mode', () => {
    const f = periodFunnel(deals, STAGES, period('2026-02'), { strict: true });
    expect(f).toMatchObject({ mode: 'period', strict: true });
    expect(entered(f)).toEqual([1, 2, 2, 0, 0, 1]);
  });

  it('gives step and cumulative ratios of the entered counts (which may exceed 1), null on a zero denominator', () => {
    const f = periodFunnel(deals, STAGES, period('2026-03'));
    expect(f.steps.map((s) => s.stepConversion)).toEqual([null, null, null, null, 1 / 2, 1]);
    expect(f.steps.every((s) => s.cumulativeConversion === null)).toBe(true);
    expect(periodFunnel(deals, STAGES, period('2026-02')).steps[1]!.stepConversion).toBe(2);
  });
});
