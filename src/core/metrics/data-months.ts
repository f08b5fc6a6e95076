import type { Deal } from '../pipeline/deal';
import { type MonthIndex, serialFromYmd, ymdFromSerial } from '../util/dates';
import { monthOfSerial } from './month-of-serial';

/**
 * The months in which at least one deal was created or closed, ascending.
 */
export function monthsWithData(deals: readonly Deal[]): MonthIndex[] {
  const months = new Set<MonthIndex>();
  for (const d of deals) {
    if (d.created !== null) months.add(monthOfSerial(d.created));
    if (d.closed !== null) months.add(monthOfSerial(d.closed));
  }
  return [...months].sort((a, b) => a - b);
}

/**
 * The last complete month of the data, the default report month. The data
 * is taken to run up to its latest created or close date; that date's month
 * is complete only when the date is the month's last day (an export taken
 * on the 31st), otherwise the export stopped part-way through it and the
 * month before is the last complete one. Null when no deal has a date.
 *
 * With `today` (a serial: the core never reads the clock), dates more than
 * a year after it are left out (SPEC §6): an expected close date typed
 * years ahead, or a placeholder, is not where the data ends.
 */
export function lastCompleteMonth(deals: readonly Deal[], today?: number): MonthIndex | null {
  const limit = today === undefined ? Infinity : oneYearAfter(today);
  let latest = -Infinity;
  for (const d of deals) {
    if (d.created !== null && d.created > latest && d.created <= limit) latest = d.created;
    if (d.closed !== null && d.closed > latest && d.closed <= limit) latest = d.closed;
  }
  if (latest === -Infinity) return null;
  const month = monthOfSerial(latest);
  return monthOfSerial(latest + 1) === month ? month - 1 : month;
}

/** The same calendar day a year later (from 29 February: 1 March, as Date.UTC rolls it over). */
function oneYearAfter(serial: number): number {
  const { year, month, day } = ymdFromSerial(serial);
  return serialFromYmd(year + 1, month, day);
}
