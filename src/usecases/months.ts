import type { Deal } from '../core/pipeline/deal';
import { type MonthIndex, monthIndexOfSerial, ymdFromSerial } from '../core/util/dates';

/**
 * The default report month: the month of the latest created or closed date
 * in the data when that date is its month's last day, else the month
 * before it (a month still running is not complete).
 */
export function lastCompleteMonth(deals: readonly Deal[]): MonthIndex | null {
  let latest = -Infinity;
  for (const d of deals) {
    if (d.created !== null && d.created > latest) latest = d.created;
    if (d.closed !== null && d.closed > latest) latest = d.closed;
  }
  if (latest === -Infinity) return null;
  const month = monthIndexOfSerial(latest);
  const next = ymdFromSerial(latest + 1);
  return next.day === 1 ? month : month - 1;
}

/** Months in which some deal was created or closed, ascending. */
export function monthsWithData(deals: readonly Deal[]): MonthIndex[] {
  const months = new Set<MonthIndex>();
  for (const d of deals) {
    if (d.created !== null) months.add(monthIndexOfSerial(d.created));
    if (d.closed !== null) months.add(monthIndexOfSerial(d.closed));
  }
  return [...months].sort((a, b) => a - b);
}
