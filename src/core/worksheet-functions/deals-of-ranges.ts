import { accountKeyer, type Deal } from '../pipeline/deal';
import { cellRawText, cellText, parseDealDate } from '../pipeline/parse-value';
import { type DealStatus, statusParser } from '../pipeline/stages';
import type { CellValue } from '../util/cell';
import { buildDealTable, type DealTable } from '../metrics/deal-table';
import type { Period } from '../metrics/period';

/**
 * Deals from parallel columns given on their own (a worksheet function's
 * ranges) rather than read from a whole pipeline sheet, so the metrics of
 * core/metrics answer for them unchanged. Cells are parsed as the pipeline
 * reader parses them (SPEC §1): dates are serials or date text, statuses
 * are the status words in either language, accounts compare trimmed and
 * case-folded. A cell that cannot be used is blank for the metric that
 * needs it, as the reader leaves a row out of only the metrics that need
 * the bad cell; a text header row is such a row.
 */
export interface DealColumns {
  /** Status words; omitted, every row is a won deal (the caller passes the won deals only). */
  status?: readonly unknown[];
  account?: readonly unknown[];
  created?: readonly unknown[];
  closed?: readonly unknown[];
  contractEnd?: readonly unknown[];
}

/** Every serial day: a period for "all the rows given". */
export const ALL_TIME: Period = { start: -Infinity, end: Infinity };

/**
 * One deal per row of the columns (all of the same length; a shorter
 * column reads as blanks). The funnel fields are left empty: these deals
 * are for the per-deal metrics (win rate, cycle, repurchase, renewal).
 */
export function dealsOfColumns(columns: DealColumns): Deal[] {
  const rows = Math.max(0, ...Object.values(columns).map((c: readonly unknown[] | undefined) => c?.length ?? 0));
  const statusOf = statusParser();
  const keyOf = accountKeyer();
  const deals: Deal[] = new Array<Deal>(rows);
  for (let i = 0; i < rows; i++) {
    const status = columns.status === undefined ? 'won' : statusOfCell(cellAt(columns.status, i), statusOf);
    const created = dateAt(columns.created, i);
    const closedAsTyped = dateAt(columns.closed, i);
    const account = columns.account === undefined ? null : cellRawText(cellAt(columns.account, i));
    deals[i] = {
      row: i + 1,
      id: null,
      account,
      accountKey: account === null ? null : keyOf(account),
      status,
      stageIndex: null,
      furthest: null,
      created,
      // The reader drops a close date earlier than the created date (with a data issue).
      closed: closedAsTyped !== null && created !== null && closedAsTyped < created ? null : closedAsTyped,
      amount: null,
      cost: null,
      currency: null,
      owner: null,
      channel: null,
      product: null,
      region: null,
      contractEnd: dateAt(columns.contractEnd, i),
      probability: null,
      stageDates: null,
    };
  }
  return deals;
}

/** `dealsOfColumns` as the typed table every per-deal metric takes. */
export function dealTableOfColumns(columns: DealColumns): DealTable {
  return buildDealTable(dealsOfColumns(columns));
}

/** A status word → its status; blank or unknown → open, as the reader falls back to the stage. */
function statusOfCell(cell: CellValue, statusOf: (text: string) => DealStatus | null): DealStatus {
  const text = cellText(cell);
  return (text === null ? null : statusOf(text)) ?? 'open';
}

function dateAt(column: readonly unknown[] | undefined, i: number): number | null {
  if (column === undefined) return null;
  const parsed = parseDealDate(cellAt(column, i));
  return parsed.ok ? parsed.value : null;
}

/** A cell as the core's `CellValue`: anything else a host might pass (an error object) is blank. */
export function cellAt(column: readonly unknown[], i: number): CellValue {
  const v = column[i];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}
