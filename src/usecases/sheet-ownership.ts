import { type Locale, t, translator } from '../core/i18n';
import { readSalesPlan } from '../core/planning/read-plan';
import { buildDataSheet } from '../core/report/data-sheet';
import { isTiersTab, reportTabMonth, singletonNames } from '../core/report/sheet-names';
import { PLAN_SHEET } from '../core/report/plan-sheet';
import { RISK_SHEET } from '../core/report/risk-register-sheet';
import type { SheetModel, SheetRole } from '../core/report/model';
import { NOTES_HEADINGS } from '../core/report/notes';
import { readRiskRegister } from '../core/risk/read-register';
import { ownsSheet, withOwnedSheets, type WorkbookSettings } from '../core/settings';
import { type CellValue, isBlank, type SheetValues } from '../core/util/cell';
import { canStreamRows, type WorkbookPort } from '../workbook/port';
import type { UseCaseError } from './use-case-error';
import { SNAPSHOT_SHEET } from '../core/dynamics/snapshot';
import { hasSnapshotHeader } from './snapshots';

/*
 * The add-in owns only the sheets it created (SPEC §6). Before a use case
 * writes its sheets, each one whose name an existing sheet already has (in
 * any case) must be ours: recorded in the settings' `ownedSheets`, or, for
 * a workbook the previous version wrote (which kept no record), one that
 * has our structure. A user's sheet is never replaced: the run refuses and
 * names it. Every entry point (task pane, CLI, browser) goes through the
 * use cases, so this is the one place it is enforced.
 */

/** The sheets a use case is about to write, checked against the workbook; null when all may be written. */
export async function ownershipRefusal(
  port: WorkbookPort,
  settings: WorkbookSettings,
  sheets: readonly SheetModel[],
  options: { pipelineSheet: string | null; locale: Locale },
): Promise<UseCaseError | null> {
  const { locale, pipelineSheet } = options;
  const existing = new Map((await port.listSheets()).map((s) => [s.name.toLowerCase(), s.name]));
  for (const model of sheets) {
    const key = model.name.toLowerCase();
    // Whoever created it, the pipeline is never replaced by a sheet of ours (e.g. --sheet "Funnel Data").
    if (pipelineSheet !== null && pipelineSheet.toLowerCase() === key)
      return { code: 'userSheet', message: t(locale, 'error.pipelineReplaced', { sheet: pipelineSheet }) };
    const name = existing.get(key);
    if (name === undefined || ownsSheet(settings, name)) continue;
    if (!(await looksLikeOurs(port, name, model.role))) return { code: 'userSheet', message: t(locale, 'error.userSheet', { sheet: name }) };
  }
  return null;
}

/**
 * The settings after a write: the sheets just written recorded as ours,
 * and names no longer in the workbook forgotten (a sheet the user later
 * makes under such a name is theirs). The first time (no record yet: a new
 * workbook, or one the previous version wrote), the other sheets with our
 * names and our structure are recorded too, so the record is complete from
 * then on.
 */
export async function settingsWithOwnership(port: WorkbookPort, settings: WorkbookSettings, written: readonly SheetModel[]): Promise<WorkbookSettings> {
  const sheets = (await port.listSheets()).map((s) => s.name);
  const present = new Set(sheets.map((n) => n.toLowerCase()));
  const kept = (settings.ownedSheets ?? []).filter((n) => present.has(n.toLowerCase()));
  const adopted = settings.ownedSheets === undefined ? await sheetsOfPreviousVersion(port, sheets, written) : [];
  const base = settings.ownedSheets !== undefined && kept.length === settings.ownedSheets.length ? settings : { ...settings, ownedSheets: kept };
  return withOwnedSheets(base, [...adopted, ...written.map((s) => s.name)]);
}

/** Sheets with one of our names and our structure, not written in this run. */
async function sheetsOfPreviousVersion(port: WorkbookPort, sheets: readonly string[], written: readonly SheetModel[]): Promise<string[]> {
  const writtenNames = new Set(written.map((s) => s.name.toLowerCase()));
  const found: string[] = [];
  for (const name of sheets) {
    const role = roleOfName(name);
    if (role !== null && !writtenNames.has(name.toLowerCase()) && (await looksLikeOurs(port, name, role))) found.push(name);
  }
  return found;
}

/** The kind of sheet the add-in writes under this name, if any. */
function roleOfName(name: string): SheetRole | null {
  // In either language (SPEC §7 "One language per report").
  if (reportTabMonth(name) !== null) return 'report';
  if (isTiersTab(name)) return 'list';
  return ROLE_OF_NAME.get(name) ?? null;
}

const ROLE_OF_NAME = new Map<string, SheetRole>([
  ...singletonNames('data').map((n) => [n, 'data'] as const),
  ...singletonNames('index').map((n) => [n, 'index'] as const),
  ...singletonNames('issues').map((n) => [n, 'list'] as const),
  [PLAN_SHEET, 'plan'],
  [RISK_SHEET, 'risks'],
  [SNAPSHOT_SHEET, 'snapshots'],
]);

/** Records the sheets just written as the add-in's, writing the settings only when that changes them. */
export async function recordOwnership(port: WorkbookPort, settings: WorkbookSettings, written: readonly SheetModel[]): Promise<WorkbookSettings> {
  const next = await settingsWithOwnership(port, settings, written);
  if (next !== settings) await port.writeSettings(next);
  return next;
}

/**
 * Whether an unrecorded sheet is one the previous version of the add-in
 * wrote, by its structure: a report tab with our Notes heading, the data
 * sheet with our header row, the index with our title, the plan with our
 * sections, the register with our header (in either language). A workbook
 * the previous version wrote kept no record, and its plan and register
 * runs no settings at all, so the structure is the evidence.
 */
async function looksLikeOurs(port: WorkbookPort, name: string, role: SheetRole): Promise<boolean> {
  switch (role) {
    case 'report':
      return (await port.readSheet(name)).some((row) => typeof row[0] === 'string' && NOTES_HEADINGS.includes(row[0]));
    case 'data': {
      const [header = []] = await topRows(port, name, 1);
      return DATA_HEADERS.some((ours) => ours.every((h, i) => header[i] === h));
    }
    case 'index': {
      const [title = [], header = []] = await topRows(port, name, 2);
      return BOTH.some((l) => title[0] === t(l, 'index.title') && header[0] === t(l, 'index.month') && header[1] === t(l, 'index.tab'));
    }
    case 'plan': {
      const values = await port.readSheet(name);
      return titled(values, 'plan.sheetTitle') && readSalesPlan(values) !== null;
    }
    case 'risks': {
      const values = await port.readSheet(name);
      return titled(values, 'risk.sheetTitle') && readRiskRegister(values) !== null;
    }
    case 'snapshots': {
      const [header = []] = await topRows(port, name, 1);
      return hasSnapshotHeader(header);
    }
    case 'list': {
      // Lists came with #16: the record is what makes one ours; an unrecorded one needs our title in A1.
      const [title = []] = await topRows(port, name, 1);
      return typeof title[0] === 'string' && LIST_TITLES.some((pattern) => pattern.test(title[0] as string));
    }
    case 'settings':
      return true;
  }
}

const BOTH = ['en-US', 'zh-CN'] as const;

/** A1 of a list sheet of ours, in either language, whatever its count or month. */
const LIST_TITLES: readonly RegExp[] = BOTH.flatMap((l) =>
  (['issues.sheetTitle', 'tiers.sheetTitle'] as const).map((key) => titlePattern(t(l, key, { count: '{n}', month: '{m}' }))),
);

function titlePattern(text: string): RegExp {
  const escaped = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace('{n}', '\\d+').replace('{m}', '\\d{4}-\\d{2}')}$`);
}

/** A1 holds our title for the sheet, in either language. */
function titled(values: SheetValues, key: 'plan.sheetTitle' | 'risk.sheetTitle'): boolean {
  const a1 = values[0]?.[0];
  return BOTH.some((l) => a1 === t(l, key));
}

/** The first columns of the data sheet's header in each language (a few: later versions may add columns at the end). */
const DATA_HEADERS: readonly (readonly string[])[] = BOTH.map((locale) => {
  const table = buildDataSheet([], translator(locale)).blocks[0];
  return table?.kind === 'table' ? table.columns.slice(0, 3).map((c) => c.header) : [];
});

/** The first rows of a sheet, streamed when the adapter can (the data sheet may have a million rows). */
async function topRows(port: WorkbookPort, name: string, count: number): Promise<CellValue[][]> {
  if (!canStreamRows(port)) return (await port.readSheet(name)).filter((row) => !row.every(isBlank)).slice(0, count);
  const rows: SheetValues = [];
  // Streamed rows leave blank rows out already.
  await port.readSheetRows(name, (row) => {
    rows.push(row);
    return rows.length < count;
  });
  return rows;
}
