import type { Locale } from '../core/i18n';
import { buildRiskRegisterSheet, RISK_SHEET } from '../core/report/risk-register-sheet';
import { type ImportIssue, importRisks } from '../core/risk/import-risks';
import { readRiskRegister } from '../core/risk/read-register';
import { defaultBands, emptyRegister, type RiskRegister, withIds } from '../core/risk/register';
import { withStarterRisks } from '../core/risk/starter-risks';
import type { SheetValues } from '../core/util/cell';
import { WorkbookError, type WorkbookPort } from '../workbook/port';
import type { UseCaseError } from './use-case-error';

export interface RiskRegisterOptions {
  /** Insert the six starter sales risks that are not there yet. */
  starterRisks?: boolean;
  /** Rows of a `risks.csv` (header row first) to append or update by ID. */
  importRows?: SheetValues;
  locale?: Locale;
}

export type RiskRegisterResult =
  | { ok: true; sheet: string; risks: number; added: number; updated: number; importIssues: ImportIssue[]; importRecognised: boolean }
  | { ok: false; error: UseCaseError };

/**
 * Creates the `Risk Register` sheet, or rebuilds it keeping everything the
 * user typed (SPEC §5: "later edits it without losing entries"): the
 * existing sheet is read back — rows added by hand, the user's own columns
 * and edited bands included — then starter risks and the import are merged
 * in, and the sheet is written again with fresh formulas, drop-downs and
 * formats. The task pane, the CLI and the browser mode share this code.
 */
export async function createOrUpdateRiskRegister(port: WorkbookPort, options: RiskRegisterOptions = {}): Promise<RiskRegisterResult> {
  const locale = options.locale ?? 'en-US';
  try {
    const exists = (await port.listSheets()).some((s) => s.name === RISK_SHEET);
    const read = exists ? readRiskRegister(await port.readSheet(RISK_SHEET)) : null;
    let register: RiskRegister = read ?? emptyRegister(locale);
    if (register.bands.length === 0) register = { ...register, bands: defaultBands(locale) };
    // Every risk gets an ID, so an import can find it again.
    let rows = withIds(register.rows);
    if (options.starterRisks) rows = withStarterRisks(rows, locale, register.extraHeaders.length);
    let added = 0;
    let updated = 0;
    let importIssues: ImportIssue[] = [];
    let importRecognised = true;
    if (options.importRows) {
      const imported = importRisks(rows, options.importRows, register.extraHeaders.length);
      ({ rows, added, updated } = imported);
      importIssues = imported.issues;
      importRecognised = imported.recognised;
    }
    register = { ...register, rows };
    await port.applyReport({ sheets: [buildRiskRegisterSheet(register, locale)], activate: RISK_SHEET });
    return { ok: true, sheet: RISK_SHEET, risks: rows.length, added, updated, importIssues, importRecognised };
  } catch (e) {
    if (e instanceof WorkbookError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}
