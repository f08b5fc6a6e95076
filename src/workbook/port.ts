import { type Locale, type MessageKey, t } from '../core/i18n';
import type { DealColumnsWrite } from '../core/report/deal-columns';
import type { ReportModel } from '../core/report/model';
import type { WorkbookSettings } from '../core/settings';
import type { CellValue, SheetValues } from '../core/util/cell';

export interface SheetInfo {
  name: string;
  visible: boolean;
}

/**
 * The narrow port every entry point reaches a workbook through
 * (ARCHITECTURE.md). The Office.js adapter and the .xlsx adapter implement
 * it and pass the same contract tests (test/workbook/contract.ts).
 */
export interface WorkbookPort {
  listSheets(): Promise<SheetInfo[]>;
  /** The sheet the user is looking at, when the host has such a notion. */
  activeSheet(): Promise<string | null>;
  /**
   * The used range of a sheet from A1 as values: dates as Excel serials,
   * blanks as null, formulas as their values. Throws `WorkbookError` with
   * code `sheetNotFound` for an unknown sheet.
   */
  readSheet(name: string): Promise<SheetValues>;
  /**
   * Writes the model: each sheet it names is replaced whole; nothing else
   * changes. All or nothing: on failure the workbook is as it was.
   */
  applyReport(model: ReportModel): Promise<void>;
  /**
   * Writes the per-deal forecast columns into the user's pipeline sheet
   * (issue #17): empties `clear`'s columns, then writes `block`; no other
   * cell of the sheet changes (SPEC §1). All or nothing where the host
   * allows it (the package adapter; Office.js: see office-port.ts).
   */
  writeDealColumns(write: DealColumnsWrite): Promise<void>;
  readSettings(): Promise<WorkbookSettings>;
  writeSettings(settings: WorkbookSettings): Promise<void>;
  /** Selects a cell for the user (data issues); a no-op where nothing is shown. */
  selectCell(sheet: string, address: string): Promise<void>;
}

/**
 * What an adapter may offer beside the port: a sheet's rows handed over one
 * at a time as they are read, none kept, so a 1,048,576-row pipeline is
 * read in the memory of its deals (the .xlsx package adapter does; the
 * Office adapter reads in row blocks through `readSheet`). Rows come in
 * sheet order with their zero-based index; blank rows are left out;
 * `onRow` returning `false` stops the read. Throws `WorkbookError`
 * `sheetNotFound` like `readSheet`.
 */
export interface RowStreamingPort {
  readSheetRows(name: string, onRow: (row: CellValue[], index: number) => boolean | void): Promise<void>;
}

export function canStreamRows(port: WorkbookPort): port is WorkbookPort & RowStreamingPort {
  return typeof (port as Partial<RowStreamingPort>).readSheetRows === 'function';
}

export type WorkbookErrorCode = 'sheetNotFound' | 'notAWorkbook' | 'passwordProtected' | 'protected' | 'writeFailed' | 'tooLarge' | 'busy';

/**
 * A failure the user can act on; `code` is stable, the message is for logs
 * (English). `localized`, when given, names the catalogue message the user
 * reads in their language (`workbookErrorMessage`). `cause` keeps what
 * went wrong underneath (an Office error with its `debugInfo`, a failed
 * recovery) for the logs.
 */
export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    message: string,
    readonly localized?: { key: MessageKey; params: Record<string, string | number> },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WorkbookError';
  }
}

/**
 * The error's message in the user's language: its own catalogue message when
 * it names one; else, in English, the adapter's (specific) message, and in
 * another language the catalogue's message for its code.
 */
export function workbookErrorMessage(e: WorkbookError, locale: Locale): string {
  if (e.localized) return t(locale, e.localized.key, e.localized.params);
  return locale === 'en-US' ? e.message : t(locale, `workbookError.${e.code}`);
}

/** Name of the very hidden sheet holding the settings JSON. */
export const SETTINGS_SHEET = '_FunnelReporterSettings';
