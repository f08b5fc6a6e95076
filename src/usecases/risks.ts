import { type Locale, t } from '../core/i18n';
import { fitExcelLimits } from '../core/report/excel-limits';
import { buildRiskRegisterSheet, RISK_SHEET } from '../core/report/risk-register-sheet';
import { type ImportIssue, importRisks } from '../core/risk/import-risks';
import { readRiskRegister } from '../core/risk/read-register';
import { applyRiskEdits, type RiskEdit } from '../core/risk/risk-edits';
import { defaultBands, emptyRegister, nextRiskId, riskIdKey, type RiskRegister, withIds } from '../core/risk/register';
import type { RiskInputColumn } from '../core/risk/register-columns';
import { starterRiskOfTitle, withStarterRisks } from '../core/risk/starter-risks';
import type { CellValue, SheetValues } from '../core/util/cell';
import type { WorkbookPort } from '../workbook/port';
import { ownershipRefusal, recordOwnership } from './sheet-ownership';
import { failureOf, type UseCaseError } from './use-case-error';

export interface RiskRegisterOptions {
  /** Insert the six starter sales risks that are not there yet. */
  starterRisks?: boolean;
  /** Rows of a `risks.csv` (header row first) to append or update by ID. */
  importRows?: SheetValues;
  /**
   * New risks (the task pane wizard's), appended after the starter risks;
   * each gets the next free ID unless it has one. A starter risk (by its
   * title, either language) already in the register is skipped.
   */
  addRisks?: RiskDraft[];
  /**
   * Changes to existing risks (the wizard's), applied first to the rows
   * read at save time, by ID and only in the cells changed; when one of
   * those cells was changed in the sheet too, nothing is written
   * (`sheetChanged`).
   */
  editRisks?: RiskEdit[];
  locale?: Locale;
}

/** A risk as the wizard's form gives it: the cells the user filled, by column. */
export type RiskDraft = Partial<Record<RiskInputColumn, CellValue>>;

export type RiskRegisterStateResult =
  | {
      ok: true;
      /** The register as a save would start from it: the sheet's rows (each with an ID) and bands, else an empty register. */
      register: RiskRegister;
      /** False when the workbook has no `Risk Register` sheet yet. */
      exists: boolean;
    }
  | { ok: false; error: UseCaseError };

/** The register as the sheet holds it, for the task pane's wizard; nothing is written. */
export async function readRiskRegisterState(port: WorkbookPort, options: { locale?: Locale } = {}): Promise<RiskRegisterStateResult> {
  try {
    const { register, exists } = await currentRegister(port, options.locale ?? 'en-US');
    return { ok: true, register, exists };
  } catch (e) {
    return failureOf(e, options.locale ?? 'en-US');
  }
}

/** The register read back from its sheet (rows added by hand, the user's columns, edited bands), or an empty one; every row with an ID. */
async function currentRegister(port: WorkbookPort, locale: Locale): Promise<{ register: RiskRegister; exists: boolean; unsavedIds: Set<number> }> {
  const exists = (await port.listSheets()).some((s) => s.name === RISK_SHEET);
  const read = exists ? readRiskRegister(await port.readSheet(RISK_SHEET)) : null;
  let register: RiskRegister = read ?? emptyRegister(locale);
  if (register.bands.length === 0) register = { ...register, bands: defaultBands(locale) };
  // Every risk gets an ID, so an import can find it again.
  const unsavedIds = new Set(register.rows.flatMap((r, i) => (riskIdKey(r.cells.id ?? null) === null ? [i] : [])));
  return { register: { ...register, rows: withIds(register.rows) }, exists, unsavedIds };
}

/** Whether the wizard's risk edits still apply to the register as the sheet holds it now; nothing is written. */
export async function checkRiskEdits(port: WorkbookPort, options: { locale?: Locale; editRisks: RiskEdit[] }): Promise<UseCaseError | null> {
  if (options.editRisks.length === 0) return null;
  const locale = options.locale ?? 'en-US';
  try {
    const { register, unsavedIds } = await currentRegister(port, locale);
    const applied = applyRiskEdits(register.rows, options.editRisks, unsavedIds);
    return applied.ok ? null : riskChanged(locale, applied.id);
  } catch (e) {
    return failureOf(e, locale).error;
  }
}

function riskChanged(locale: Locale, id: string): UseCaseError {
  return { code: 'sheetChanged', message: t(locale, 'error.riskChanged', { sheet: RISK_SHEET, id }) };
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
 * formats. The wizard's edits to existing risks are applied first, and its
 * new risks come after the starter risks. The task
 * pane, the CLI and the browser mode share this code.
 */
export async function createOrUpdateRiskRegister(port: WorkbookPort, options: RiskRegisterOptions = {}): Promise<RiskRegisterResult> {
  const locale = options.locale ?? 'en-US';
  try {
    const current = await currentRegister(port, locale);
    let { register } = current;
    let rows = register.rows;
    if (options.editRisks && options.editRisks.length > 0) {
      const applied = applyRiskEdits(rows, options.editRisks, current.unsavedIds);
      if (!applied.ok) return { ok: false, error: riskChanged(locale, applied.id) };
      rows = applied.rows;
    }
    if (options.starterRisks) rows = withStarterRisks(rows, locale, register.extraHeaders.length);
    for (const draft of options.addRisks ?? []) {
      // A starter risk already in the register is not added twice (as `starterRisks` does).
      const starter = starterRiskOfTitle(draft.title ?? null);
      if (starter !== null && rows.some((r) => starterRiskOfTitle(r.cells.title ?? null) === starter)) continue;
      const id = riskIdKey(draft.id ?? null) === null ? nextRiskId(rows) : draft.id;
      rows = [...rows, { cells: { ...draft, id }, extras: new Array<CellValue>(register.extraHeaders.length).fill(null) }];
    }
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
    const sheets = [buildRiskRegisterSheet(register, locale)];
    const settings = await port.readSettings();
    const refusal = await ownershipRefusal(port, settings, sheets, { pipelineSheet: null, locale });
    if (refusal) return { ok: false, error: refusal };
    // Excel's limits (SPEC §6): an imported text over 32,767 characters is cut before either adapter writes.
    await port.applyReport(fitExcelLimits({ sheets, activate: RISK_SHEET }).model);
    await recordOwnership(port, settings, sheets);
    return { ok: true, sheet: RISK_SHEET, risks: rows.length, added, updated, importIssues, importRecognised };
  } catch (e) {
    return failureOf(e, locale);
  }
}
