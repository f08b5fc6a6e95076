import type { Locale } from '../../../core/i18n';
import {
  editableColumns,
  type PlanRowEdit,
  type SalesPlanEdits,
  samePlanCell,
  WIZARD_SECTIONS,
  type WizardSectionKey,
} from '../../../core/planning/plan-edits';
import { PLAN_SECTION_DEFS } from '../../../core/planning/plan-sections';
import { localizeLabel } from '../../../core/report/plan-sheet';
import type { RiskRow } from '../../../core/risk/register';
import { EDITABLE_RISK_COLUMNS, type RiskCells, type RiskEdit, sameRiskCell } from '../../../core/risk/risk-edits';
import type { RiskInputColumn } from '../../../core/risk/register-columns';
import { STARTER_RISK_KEYS, starterRiskOfTitle, starterRiskRow } from '../../../core/risk/starter-risks';
import type { CellValue } from '../../../core/util/cell';
import { isoFromSerial, monthIndexOfSerial, monthKey, parseMonthKey, serialFromYmd } from '../../../core/util/dates';
import type { PlanWizardChanges, PlanWizardState } from '../../../usecases/plan-wizard';
import type { RiskDraft } from '../../../usecases/risks';

export type Cells = Record<string, CellValue>;

/**
 * What the wizard holds while the user works: each section's rows as read
 * (`base`) and as edited (`rows`: the first `base.length` are the read rows,
 * any after them were added in the wizard), the register's risks as read
 * (`riskBase`) and as edited (`risks`), and the new risks.
 */
export interface WizardForm {
  base: Record<WizardSectionKey, Cells[]>;
  rows: Record<WizardSectionKey, Cells[]>;
  riskBase: RiskCells[];
  risks: RiskCells[];
  newRisks: RiskDraft[];
}

export function formOf(state: PlanWizardState): WizardForm {
  const read = (k: WizardSectionKey) => state.plan.sections[k].rows.map((r) => ({ ...r.cells }));
  const base = Object.fromEntries(WIZARD_SECTIONS.map((k) => [k, read(k)])) as WizardForm['base'];
  const rows = Object.fromEntries(WIZARD_SECTIONS.map((k) => [k, read(k)])) as WizardForm['rows'];
  const risks = () => state.register.rows.map((r) => ({ ...r.cells }));
  return { base, rows, riskBase: risks(), risks: risks(), newRisks: [] };
}

/** The form with one cell of one of the register's risks changed. */
export function withRiskCell(form: WizardForm, index: number, column: RiskInputColumn, value: CellValue): WizardForm {
  return { ...form, risks: form.risks.map((cells, i) => (i === index ? { ...cells, [column]: value } : cells)) };
}

/** The columns of a register risk the user changed in the wizard. */
export function changedRiskColumns(form: WizardForm, index: number): RiskInputColumn[] {
  const base = form.riskBase[index] ?? {};
  const cells = form.risks[index] ?? {};
  return EDITABLE_RISK_COLUMNS.filter((c) => !sameRiskCell(c, cells[c] ?? null, base[c] ?? null));
}

/** Only the register risks the user changed, each with only the cells changed. */
export function riskEditsOf(form: WizardForm): RiskEdit[] {
  return form.riskBase.flatMap((base, i) => {
    const changed = changedRiskColumns(form, i);
    if (changed.length === 0) return [];
    return [{ id: String(base.id ?? ''), base, cells: Object.fromEntries(changed.map((c) => [c, form.risks[i]![c] ?? null])) }];
  });
}

/** The form with one cell of one row changed. */
export function withCell(form: WizardForm, section: WizardSectionKey, row: number, column: string, value: CellValue): WizardForm {
  const rows = form.rows[section].map((cells, i) => (i === row ? { ...cells, [column]: value } : cells));
  return { ...form, rows: { ...form.rows, [section]: rows } };
}

/** Only what the user changed: per row, the cells that differ from what was read; rows added in the wizard whole. */
export function planEditsOf(form: WizardForm): SalesPlanEdits {
  const edits: SalesPlanEdits = {};
  for (const key of WIZARD_SECTIONS) {
    const columns = editableColumns(key);
    const list: PlanRowEdit[] = [];
    form.rows[key].forEach((cells, i) => {
      const base = form.base[key][i];
      if (base === undefined) {
        list.push({ index: null, base: {}, cells: { ...cells } });
        return;
      }
      const changed = columns.filter((c) => !samePlanCell(key, cells[c] ?? null, base[c] ?? null));
      if (changed.length > 0) list.push({ index: i, base, cells: Object.fromEntries(changed.map((c) => [c, cells[c] ?? null])) });
    });
    if (list.length > 0) edits[key] = list;
  }
  return edits;
}

export function changesOf(form: WizardForm, locale: Locale): PlanWizardChanges {
  return { locale, plan: planEditsOf(form), addRisks: form.newRisks, editRisks: riskEditsOf(form) };
}

/** A label the add-in wrote in a section (a horizon, a metric, an area), shown in the pane's language. */
export function sectionLabel(section: WizardSectionKey, value: CellValue, locale: Locale): string {
  const shown = localizeLabel(value, PLAN_SECTION_DEFS[section].labels, locale);
  return shown === null ? '' : String(shown);
}

/** A cell as the text of an input: numbers and text as they are, blanks empty. */
export function inputText(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * What a number input gives the sheet: blank → empty cell, a number (with
 * thousands separators allowed) → that number, anything else → the text as
 * typed, so nothing the user writes is thrown away.
 */
export function numberCell(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed.replace(/,/g, ''));
  return Number.isFinite(n) ? n : trimmed;
}

export function textCell(text: string): CellValue {
  return text.trim() === '' ? null : text;
}

/** A date cell (serial) as `YYYY-MM-DD` for a date input; empty for anything else. */
export function dateText(value: CellValue | undefined): string {
  return typeof value === 'number' ? isoFromSerial(value) : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : '';
}

/** A date input's `YYYY-MM-DD` → an Excel serial; empty → blank. */
export function dateCell(text: string): CellValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? serialFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A Targets month cell as `YYYY-MM` (Excel may have made a date of it). */
export function monthText(value: CellValue | undefined): string {
  return typeof value === 'number' ? monthKey(monthIndexOfSerial(value)) : inputText(value);
}

/** The month after the last readable month of the Targets rows, else `fallback`. */
export function nextTargetMonth(rows: readonly Cells[], fallback: string): string {
  const months = rows.map((r) => parseMonthKey(monthText(r.month ?? null))).filter((m): m is number => m !== null);
  return months.length > 0 ? monthKey(Math.max(...months) + 1) : fallback;
}

/** The starter risks neither in the register nor among the new risks, as new risks in `locale` (IDs are given when saved). */
export function missingStarterRisks(register: readonly RiskRow[], newRisks: readonly RiskDraft[], locale: Locale): RiskDraft[] {
  const present = new Set([...register.map((r) => r.cells.title ?? null), ...newRisks.map((r) => r.title ?? null)].map(starterRiskOfTitle));
  return STARTER_RISK_KEYS.filter((k) => !present.has(k)).map((k) => {
    const cells: RiskDraft = { ...starterRiskRow(k, '', locale).cells };
    delete cells.id;
    return cells;
  });
}
