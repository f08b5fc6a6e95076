import { readSnapshotRows, SNAPSHOT_HEADERS, SNAPSHOT_SHEET, snapshotSheetRows, type SnapshotRow } from '../core/dynamics/snapshot';
import type { SheetModel } from '../core/report/model';
import { ownsSheet, type WorkbookSettings } from '../core/settings';
import type { MonthIndex } from '../core/util/dates';
import type { WorkbookPort } from '../workbook/port';

/** Excel table name of the snapshot rows. */
const SNAPSHOT_TABLE = 'FunnelSnapshots';

/**
 * The snapshot rows earlier runs stored in `Funnel Snapshots` (SPEC §8),
 * read through the port, so the CLI, the browser and the pane read the
 * same rows. A sheet of that name the add-in did not create (not recorded,
 * and without our header) is the user's: nothing is read from it (and the
 * ownership check refuses to replace it).
 */
export async function storedSnapshots(port: WorkbookPort, settings: WorkbookSettings): Promise<SnapshotRow[]> {
  const sheet = (await port.listSheets()).find((s) => s.name.toLowerCase() === SNAPSHOT_SHEET.toLowerCase());
  if (!sheet) return [];
  const values = await port.readSheet(sheet.name);
  if (!ownsSheet(settings, sheet.name) && !hasSnapshotHeader(values[0] ?? [])) return [];
  return readSnapshotRows(values);
}

/** Whether a first row is the snapshot sheet's header (how a sheet of ours is recognised without the record). */
export function hasSnapshotHeader(row: readonly unknown[]): boolean {
  return SNAPSHOT_HEADERS.every((h, i) => row[i] === h);
}

/** The snapshot rows after this run: the stored ones with each month written now replaced by its new rows. */
export function withMonthSnapshots(stored: readonly SnapshotRow[], written: ReadonlyMap<MonthIndex, readonly SnapshotRow[]>): SnapshotRow[] {
  let rows: SnapshotRow[] = [...stored];
  for (const [month, current] of written) rows = [...rows.filter((r) => r.month !== month), ...current];
  return rows;
}

/** The hidden `Funnel Snapshots` sheet holding every month's rows, months in order. */
export function buildSnapshotSheet(rows: readonly SnapshotRow[]): SheetModel {
  return {
    name: SNAPSHOT_SHEET,
    role: 'snapshots',
    hidden: true,
    columnWidths: { 0: 10, 1: 16, 2: 14, 3: 14, 4: 12 },
    blocks: [
      {
        kind: 'table',
        name: SNAPSHOT_TABLE,
        row: 0,
        col: 0,
        style: 'TableStyleLight9',
        columns: SNAPSHOT_HEADERS.map((header, i) => ({ header, format: i === 3 ? 'currency' : 'text' })),
        rows: snapshotSheetRows(rows),
      },
    ],
  };
}
