import { bottleneck } from '../../../src/core/metrics/bottleneck';
import { type Funnel, funnelSteps } from '../../../src/core/metrics/funnel';

const names = ['Lead', 'Qualified', 'Proposal', 'Won'];
const funnel = (reached: number[]): Funnel => ({ mode: 'cohort', strict: false, steps: funnelSteps(reached, names) });

describe('bottleneck', () => {
  it('is the step whose conversion fell most against its trailing level', () => {
    // Now: 50 %, 80 %, 50 %. Trailing: 60 % (−10 pts), 90 % (−10 pts), 80 % (−30 pts).
    const now = funnel([100, 50, 40, 20]);
    const trailing = funnel([300, 180, 162, 129.6]);
    expect(bottleneck(now, trailing)).toEqual({ from: 'Proposal', to: 'Won', conversion: 0.5 });
  });

  it('takes the earlier step on a tie, and the least-improved step when nothing fell', () => {
    expect(bottleneck(funnel([100, 50, 25, 25]), funnel([100, 60, 36, 36]))).toEqual({ from: 'Lead', to: 'Qualified', conversion: 0.5 });
    expect(bottleneck(funnel([100, 90, 81, 81]), funnel([100, 50, 45, 40]))).toEqual({ from: 'Qualified', to: 'Proposal', conversion: 0.9 });
  });

  it('is the lowest step when there is no history', () => {
    expect(bottleneck(funnel([100, 50, 10, 8]), funnel([0, 0, 0, 0]))).toEqual({ from: 'Qualified', to: 'Proposal', conversion: 0.2 });
    expect(bottleneck(funnel([100, 50, 10, 8]), null)).toEqual({ from: 'Qualified', to: 'Proposal', conversion: 0.2 });
  });

  it('skips steps with no conversion this month, and is null when none has one', () => {
    expect(bottleneck(funnel([10, 0, 0, 0]), funnel([10, 5, 5, 5]))).toEqual({ from: 'Lead', to: 'Qualified', conversion: 0 });
    expect(bottleneck(funnel([0, 0, 0, 0]), funnel([10, 5, 5, 5]))).toBeNull();
  });
});
