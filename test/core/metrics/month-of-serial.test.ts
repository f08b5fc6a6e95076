import { monthOfSerial } from '../../../src/core/metrics/month-of-serial';
import { monthIndexOfSerial, serialFromYmd } from '../../../src/core/util/dates';

describe('monthOfSerial', () => {
  it('agrees with monthIndexOfSerial on every day from 1900-03-01 to 2200-12-31', () => {
    const first = serialFromYmd(1900, 3, 1);
    const last = serialFromYmd(2200, 12, 31);
    let disagreements = 0;
    for (let s = first; s <= last; s++) if (monthOfSerial(s) !== monthIndexOfSerial(s)) disagreements++;
    expect(disagreements).toBe(0);
  });

  it.each([
    [2024, 2, 29, 2024 * 12 + 1],
    [2024, 3, 1, 2024 * 12 + 2],
    [2000, 2, 29, 2000 * 12 + 1],
    [2026, 12, 31, 2026 * 12 + 11],
    [2027, 1, 1, 2027 * 12],
  ])('%i-%i-%i is month %i', (y, m, d, expected) => {
    expect(monthOfSerial(serialFromYmd(y, m, d))).toBe(expected);
  });

  it('ignores the time of day in a fractional serial', () => {
    expect(monthOfSerial(serialFromYmd(2026, 1, 31) + 0.99)).toBe(2026 * 12);
  });
});
