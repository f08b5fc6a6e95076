import type { Period } from '../metrics/period';
import { dataColumn, type DataColumnKey, STATUS_WORDS } from './data-sheet';
import { dateLiteral, textLiteral } from './formulas';

/** A (range, criterion) pair of COUNTIFS/SUMIFS. */
export type Criterion = readonly [string, string];

/** Serial dates in [start, end) on a data-sheet column. */
export function inPeriodCriteria(column: DataColumnKey, period: Period): Criterion[] {
  return [
    [dataColumn(column), `">="&${dateLiteral(period.start)}`],
    [dataColumn(column), `"<"&${dateLiteral(period.end)}`],
  ];
}

export function statusCriterion(status: keyof typeof STATUS_WORDS): Criterion {
  return [dataColumn('status'), textLiteral(STATUS_WORDS[status])];
}

/** Rows where the column is not blank. */
export function filledCriterion(column: DataColumnKey): Criterion {
  return [dataColumn(column), '"<>"'];
}

/**
 * Exact match on a text key. `=` in front makes Excel compare, not parse, a
 * key such as `>5`; `~` escapes the wildcards `*` and `?`. A null key
 * matches blank cells.
 */
export function equalsCriterion(column: DataColumnKey, key: string | null): Criterion {
  if (key === null) return [dataColumn(column), '""'];
  return [dataColumn(column), textLiteral(`=${key.replace(/[~*?]/g, (c) => `~${c}`)}`)];
}

/** Won deals closed in the period: the base of revenue, win rate, deal size, cycle and cost rate. */
export function wonClosedIn(period: Period): Criterion[] {
  return [statusCriterion('won'), ...inPeriodCriteria('closed', period)];
}
