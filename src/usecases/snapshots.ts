import { readSnapshotRows, SNAPSHOT_HEADERS, SNAPSHOT_SHEET, snapshotSheetRows, type SnapshotRow } from '../core/dynamics/snapshot';
import { readTrackForecastRows, TRACK_FORECAST_HEADERS, trackForecastSheetRows, type StoredTrackForecast } from '../core/dynamics/stored-forecasts';
import type { SheetModel } from '../core/report/model';
import { ownsSheet, type WorkbookSettings } from '../core/settings';
import type { MonthIndex } from '../core/util/dates';
import type { WorkbookPort } from '../workbook/port';

/** Excel table name of the snapshot rows. */
const SNAPSHOT_TABLE = 'FunnelSnapshots';
/** Excel table name of the track record's stored forecasts, right of the snapshot rows. */
const TRACK_FORECAST_TABLE = 'FunnelTrackForecasts';
/** Its first column: one empty column after the snapshot table. */
const TRACK_FORECAST_COLUMN = SNAPSHOT_HEADERS.length + 1;

/** What earlier runs stored in `Funnel Snapshots`: the snapshot rows and the track record's forecasts. */
export interface StoredSnapshotSheet {
  rows: SnapshotRow[];
  forecasts: StoredTrackForecast[];
}

/**
 * The snapshot rows earlier runs stored in `Funnel Snapshots` (SPEC §8),
 * read through the port, so the CLI, the browser and the pane read the
 * same rows. A sheet of that name the add-in did not create (not recorded,
 * and without our header) is the user's: nothing is read from it (and the
 * ownership check refuses to replace it).
 */
export async function storedSnapshots(port: WorkbookPort, settings: WorkbookSettings): Promise<StoredSnapshotSheet> {
  const none: StoredSnapshotSheet = { rows: [], forecasts: [] };
  const sheet = (await port.listSheets()).find((s) => s.name.toLowerCase() === SNAPSHOT_SHEET.toLowerCase());
  if (!sheet) return none;
  const values = await port.readSheet(sheet.name);
  if (!ownsSheet(settings, sheet.name) && !hasSnapshotHeader(values[0] ?? [])) return none;
  return { rows: readSnapshotRows(values), forecasts: readTrackForecastRows(values) };
}

/** Whether a first row is the snapshot sheet's header (how a sheet of ours is recognised without the record). */
export function hasSnapshotHeader(row: readonly unknown[]): boolean {
  return SNAPSHOT_HEADERS.every((h, i) => row[i] === h);
}

/** Snapshot rows by month (a run replaces whole months, and each month reads only the months before it). */
export function snapshotsByMonth(rows: readonly SnapshotRow[]): Map<MonthIndex, SnapshotRow[]> {
  const out = new Map<MonthIndex, SnapshotRow[]>();
  for (const r of rows) {
    let month = out.get(r.month);
    if (!month) out.set(r.month, (month = []));
    month.push(r);
  }
  return out;
}

/** The rows of the months `first`…`last`, in month order. */
export function snapshotRowsOf(byMonth: ReadonlyMap<MonthIndex, readonly SnapshotRow[]>, first: MonthIndex, last: MonthIndex): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (let m = first; m <= last; m++) rows.push(...(byMonth.get(m) ?? []));
  return rows;
}

/**
 * The hidden `Funnel Snapshots` sheet holding every month's rows, months in
 * order, and to their right the track record's forecasts of this run
 * (`forecasts`), which the next run reads instead of refitting them.
 */
export function buildSnapshotSheet(byMonth: ReadonlyMap<MonthIndex, readonly SnapshotRow[]>, forecasts: readonly StoredTrackForecast[] = []): SheetModel {
  const rows = [...byMonth.keys()].sort((a, b) => a - b).flatMap((m) => byMonth.get(m)!);
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
      ...(forecasts.length === 0
        ? []
        : [
            {
              kind: 'table' as const,
              name: TRACK_FORECAST_TABLE,
              row: 0,
              col: TRACK_FORECAST_COLUMN,
              style: 'TableStyleLight9',
              columns: TRACK_FORECAST_HEADERS.map((header, i) => ({ header, format: i === 1 || i === 2 ? ('integer' as const) : ('text' as const) })),
              rows: trackForecastSheetRows(forecasts),
            },
          ]),
    ],
  };
}
