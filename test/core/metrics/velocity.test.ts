import { openDealsAtPeriodEnd, pipelineVelocity } from '../../../src/core/metrics/velocity';
import { period, tableOf } from './make-deal';

describe('pipelineVelocity', () => {
  it('is open deals × win rate × average deal size ÷ mean cycle days', () => {
    // 10 open deals × 50 % × 1,000 ÷ 20 days = 250 per day.
    expect(pipelineVelocity({ openDeals: 10, winRate: 0.5, averageDealSize: 1000, cycleDaysMean: 20 })).toBe(250);
  });

  it('is null when a factor is empty or the mean cycle is 0 days', () => {
    expect(pipelineVelocity({ openDeals: 10, winRate: null, averageDealSize: 1000, cycleDaysMean: 20 })).toBeNull();
    expect(pipelineVelocity({ openDeals: 10, winRate: 0.5, averageDealSize: null, cycleDaysMean: 20 })).toBeNull();
    expect(pipelineVelocity({ openDeals: 10, winRate: 0.5, averageDealSize: 1000, cycleDaysMean: null })).toBeNull();
    expect(pipelineVelocity({ openDeals: 10, winRate: 0.5, averageDealSize: 1000, cycleDaysMean: 0 })).toBeNull();
  });
});

describe('openDealsAtPeriodEnd', () => {
  it('counts deals created before the end of the period and not closed before it', () => {
    const t = tableOf([
      { status: 'open', stage: 2, created: '2026-03-31' }, // open, created on the last day: counts
      { status: 'open', stage: 2, created: '2026-04-01' }, // created after the period
      { status: 'open', stage: 0, created: null }, // cannot be placed
      { created: '2026-03-01', closed: '2026-04-01' }, // won after the period: was open at its end
      { created: '2026-03-01', closed: '2026-03-31' }, // won within it
      { status: 'lost', created: '2026-01-01', closed: '2026-05-01' }, // lost later: was open
      { status: 'lost', created: '2026-01-01', closed: null }, // closed, date unknown
    ]);
    expect(openDealsAtPeriodEnd(t, period('2026-03'))).toBe(3);
  });
});

describe('openDealsAtPeriodEnd leaves overdue deals out (SPEC §8)', () => {
  it('does not count an open deal whose expected close passed by the end of the period', () => {
    const t = tableOf([
      { status: 'open', stage: 2, created: '2026-01-10', closed: '2026-03-20', amount: 10 }, // expected in March: overdue at its end
      { status: 'open', stage: 2, created: '2026-01-10', closed: '2026-04-02', amount: 10 }, // expected next month
      { status: 'open', stage: 2, created: '2026-03-01', amount: 10 }, // no close date: created + 20-day median cycle = March 21, overdue
      { status: 'open', stage: 2, created: '2026-03-25', amount: 10 }, // created + 20 = April 14
    ]);
    expect(openDealsAtPeriodEnd(t, period('2026-03'), 20)).toBe(2);
  });
});
