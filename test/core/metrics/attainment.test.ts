import { attainment } from '../../../src/core/metrics/attainment';
import { month, tableOf } from './make-deal';

describe('attainment', () => {
  // Revenue: Jan 100, Feb 200, Mar 300, Apr 400, May 500.
  const t = tableOf(['01', '02', '03', '04', '05'].map((m, i) => ({ closed: `2026-${m}-15`, created: '2025-12-01', amount: 100 * (i + 1) })));
  const targets = [
    { month: '2026-01', target: 200 },
    { month: '2026-02', target: 200 },
    { month: '2026-03', target: 200 },
    { month: '2026-04', target: 1000 },
    { month: '2026-05', target: 500 },
  ];

  it('gives the month, quarter-to-date and year-to-date as ratios of sums', () => {
    expect(attainment(t, month('2026-02'), targets)).toEqual({ target: 200, attainment: 1, attainmentQtd: 300 / 400, attainmentYtd: 300 / 400 });
    expect(attainment(t, month('2026-05'), targets)).toEqual({
      target: 500,
      attainment: 1,
      attainmentQtd: (400 + 500) / (1000 + 500), // Q2: April and May
      attainmentYtd: 1500 / 2100,
    });
  });

  it('is null when the month, or a month of the range, has no target', () => {
    expect(attainment(t, month('2026-06'), targets)).toEqual({ target: null, attainment: null, attainmentQtd: null, attainmentYtd: null });
    const noFeb = targets.filter((x) => x.month !== '2026-02');
    expect(attainment(t, month('2026-03'), noFeb)).toEqual({ target: 200, attainment: 1.5, attainmentQtd: null, attainmentYtd: null });
    expect(attainment(t, month('2026-04'), noFeb)).toEqual({ target: 1000, attainment: 0.4, attainmentQtd: 0.4, attainmentYtd: null });
  });

  it('is null on a zero target, and a month listed twice keeps its last target', () => {
    expect(attainment(t, month('2026-01'), [{ month: '2026-01', target: 0 }]).attainment).toBeNull();
    expect(
      attainment(t, month('2026-01'), [
        { month: '2026-01', target: 50 },
        { month: '2026-01', target: 400 },
      ]).attainment,
    ).toBe(0.25);
  });

  it('gives 0, not null, for a month with a target and no revenue', () => {
    expect(attainment(tableOf([]), month('2026-01'), targets).attainment).toBe(0);
  });
});
