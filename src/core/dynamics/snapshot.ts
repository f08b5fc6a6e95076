import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { normalizeHeader } from '../pipeline/fields';
import { parseNumber } from '../pipeline/parse-value';
import type { CellValue, SheetValues } from '../util/cell';
import { type MonthIndex, monthEndSerial, monthIndexOfSerial, monthKey, parseMonthKey } from '../util/dates';
import { monthOfSerial } from '../metrics/month-of-serial';
import { type DynamicsIndex, eachOpenOrClosedSince, indexFor, NO_EXPECTED_MONTH } from './deal-index';
import { openAt } from './expected-close';

/** One open deal as it stood at the end of a month (SPEC §8 snapshots). */
export interface SnapshotRow {
  month: MonthIndex;
  id: string;
  stage: string;
  amount: number | null;
  /** The month the deal was expected to close in; null when there was no date to go by. */
  expectedMonth: MonthIndex | null;
}

/** The hidden sheet the snapshots live in. Its header row is fixed (English), like the data sheet's formulas. */
export const SNAPSHOT_SHEET = 'Funnel Snapshots';
export const SNAPSHOT_HEADERS = ['Month', 'Deal ID', 'Stage', 'Amount', 'Expected Close Month'] as const;

/**
 * The snapshot of the deals open at the end of `month` (SPEC §8): every
 * deal with an ID that was open then (`openAt`), with its stage (for a deal
 * closed since: the last open stage it reached), amount and expected close
 * month. Sheet order.
 */
export function snapshotOf(
  deals: readonly Deal[],
  stages: StageConfig,
  month: MonthIndex,
  medianCycleDays: number | null,
  index?: DynamicsIndex,
): SnapshotRow[] {
  const end = monthEndSerial(month);
  const last = stages.stages.length - 1;
  const rows: SnapshotRow[] = [];
  // Open at the month's end: open now, or closed since the month began (on or after its end); both lists merged in sheet order.
  const found = indexFor(index, deals, month, medianCycleDays);
  eachOpenOrClosedSince(found, (i, k) => {
    const d = deals[i]!;
    if (d.id === null || !openAt(d, end)) return;
    const stage = d.stageIndex ?? Math.min(d.furthest ?? 0, last);
    // A closed deal's expected close is its close date (`expectedCloseSerial`).
    const expected = k >= 0 ? found.expectedMonth[k]! : monthOfSerial(d.closed!);
    rows.push({
      month,
      id: d.id,
      stage: stages.stages[stage]?.name ?? '',
      amount: d.amount !== null && Number.isFinite(d.amount) ? d.amount : null,
      expectedMonth: expected === NO_EXPECTED_MONTH ? null : expected,
    });
  });
  return rows;
}

/** The sheet's body rows, months in order (each month's rows in the order stored). */
export function snapshotSheetRows(rows: readonly SnapshotRow[]): CellValue[][] {
  const all = [...rows].sort((a, b) => a.month - b.month);
  return all.map((r) => [monthKey(r.month), r.id, r.stage, r.amount, r.expectedMonth === null ? null : monthKey(r.expectedMonth)]);
}

/**
 * The rows stored in `Funnel Snapshots`, read back (both adapters return
 * the sheet's values; months may come back as text or, after a user's edit,
 * as dates). Rows that cannot be read are skipped: a snapshot is a record
 * of our own, and a damaged row must not stop a report.
 */
export function readSnapshotRows(values: SheetValues): SnapshotRow[] {
  const header = (values[0] ?? []).map((h) => (typeof h === 'string' ? normalizeHeader(h) : ''));
  const col = (name: string, fallback: number) => {
    const i = header.indexOf(normalizeHeader(name));
    return i >= 0 ? i : fallback;
  };
  const [monthCol, idCol, stageCol, amountCol, expectedCol] = SNAPSHOT_HEADERS.map((h, i) => col(h, i)) as [number, number, number, number, number];
  const rows: SnapshotRow[] = [];
  for (let r = 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const month = monthOf(line[monthCol] ?? null);
    const idCell = line[idCol] ?? null;
    const id = typeof idCell === 'string' ? idCell : typeof idCell === 'number' ? String(idCell) : null;
    if (month === null || id === null || id === '') continue;
    const amount = parseNumber(line[amountCol] ?? null);
    const stage = line[stageCol];
    rows.push({
      month,
      id,
      stage: typeof stage === 'string' ? stage : '',
      amount: amount.ok ? amount.value : null,
      expectedMonth: monthOf(line[expectedCol] ?? null),
    });
  }
  return rows;
}

function monthOf(value: CellValue): MonthIndex | null {
  if (typeof value === 'number' && Number.isFinite(value)) return monthIndexOfSerial(value);
  if (typeof value === 'string') return parseMonthKey(value.trim());
  return null;
}

/** The rows of one month. */
export function snapshotForMonth(rows: readonly SnapshotRow[], month: MonthIndex): SnapshotRow[] {
  return rows.filter((r) => r.month === month);
}
