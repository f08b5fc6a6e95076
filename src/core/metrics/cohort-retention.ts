import { type MonthIndex, monthKey } from '../util/dates';
import { type DealTable, WON } from './deal-table';

/** SPEC §2: 12 cohorts, 12 columns (months since 0…11). */
export const COHORT_MONTHS = 12;

export interface CohortRow {
  /** `YYYY-MM` of the cohort. */
  cohort: string;
  /** Accounts whose first won deal closes in the cohort month. */
  accounts: number;
  /** Months since 0…11: share of the cohort with a won deal closing that month; null after the report month or for an empty cohort. */
  rates: (number | null)[];
}

/**
 * Cohort retention table (SPEC §2 "Retention"): rows = the 12 cohorts ending
 * with the report month, a cohort being the accounts whose first won deal
 * closes in that month; columns = months since (0…11); cell = share of the
 * cohort's accounts with a won deal closing in that month. Month 0 is 1 for
 * a non-empty cohort; cells after the report month, and every cell of an
 * empty cohort, are null (a ratio with a zero denominator is empty).
 *
 * Two passes and a 12-bit mask per account (bit k = bought in month first + k).
 */
export function cohortRetention(table: DealTable, month: MonthIndex): CohortRow[] {
  const { status, closedMonth, account } = table;
  const first = new Int32Array(table.accounts.count).fill(0x7fffffff);
  for (let i = 0; i < table.size; i++) {
    const a = account[i]!;
    const m = closedMonth[i]!;
    if (status[i] === WON && a >= 0 && m >= 0 && m < first[a]!) first[a] = m;
  }
  const active = new Uint16Array(table.accounts.count);
  for (let i = 0; i < table.size; i++) {
    const a = account[i]!;
    if (status[i] !== WON || a < 0 || closedMonth[i]! < 0) continue;
    const since = closedMonth[i]! - first[a]!;
    if (since < COHORT_MONTHS) active[a]! |= 1 << since;
  }
  const firstCohort = month - COHORT_MONTHS + 1;
  const sizes = new Int32Array(COHORT_MONTHS);
  const counts = new Int32Array(COHORT_MONTHS * COHORT_MONTHS);
  for (let a = 0; a < first.length; a++) {
    const row = first[a]! - firstCohort;
    if (row < 0 || row >= COHORT_MONTHS) continue;
    sizes[row]!++;
    for (let k = 0; k < COHORT_MONTHS; k++) if ((active[a]! >> k) & 1) counts[row * COHORT_MONTHS + k]!++;
  }
  const rows: CohortRow[] = [];
  for (let row = 0; row < COHORT_MONTHS; row++) {
    const cohort = firstCohort + row;
    const size = sizes[row]!;
    const rates = Array.from({ length: COHORT_MONTHS }, (_, k) => (size === 0 || cohort + k > month ? null : counts[row * COHORT_MONTHS + k]! / size));
    rows.push({ cohort: monthKey(cohort), accounts: size, rates });
  }
  return rows;
}
