import { type Locale, t } from '../i18n';
import { type CellValue, sameCell } from '../util/cell';
import { PLAN_SECTION_DEFS, type PlanSectionKey } from './plan-sections';
import type { PlanRow, SalesPlan } from './sales-plan';

/** The sections the task pane's wizard edits; channel analysis, tiers and promotions stay with the sheet. */
export const WIZARD_SECTIONS = ['goals', 'keyMetrics', 'strategy', 'team', 'targets'] as const satisfies readonly PlanSectionKey[];
export type WizardSectionKey = (typeof WIZARD_SECTIONS)[number];

/**
 * Columns the wizard neither writes nor compares: goal progress is a
 * formula, and a revenue goal's current value is measured from the data
 * (it changes when the data does, which is no edit of the user's).
 */
const COMPUTED_COLUMNS: Readonly<Partial<Record<PlanSectionKey, readonly string[]>>> = { goals: ['current', 'progress'] };

/** One row the wizard changed or added. */
export interface PlanRowEdit {
  /** Position of the row in its section when the wizard read the plan; null for a row the wizard adds. */
  index: number | null;
  /** The row's cells as the wizard read them, to find the row again when the sheet changed in the meantime. */
  base: Record<string, CellValue>;
  /** Only the cells the wizard changed, by column key. */
  cells: Record<string, CellValue>;
}

export type SalesPlanEdits = Partial<Record<WizardSectionKey, PlanRowEdit[]>>;

export type PlanEditsApplied =
  | { ok: true; plan: SalesPlan }
  /** A changed row is no longer in the sheet as the wizard read it (the user edited the same cells, or deleted the row). */
  | { ok: false; section: WizardSectionKey; row: number };

/**
 * Applies the wizard's changes to the plan as it stands now (read from the
 * sheet at save time), so nothing typed in the sheet is lost: only the cells
 * the wizard changed are written, into the rows they came from; every other
 * cell, the user's own columns and the rows added by hand stay as they are.
 * A row is found where the wizard read it, or — when rows were inserted,
 * deleted or sorted since — as the one row whose cells still equal what the
 * wizard read; failing both, the row where it was is used only if its label
 * (first column) and the cells being changed are unchanged. Otherwise the
 * edit conflicts with a change made in the sheet and nothing is applied.
 * Rows the wizard adds (`index` null) are appended to their section.
 */
export function applyPlanEdits(plan: SalesPlan, edits: SalesPlanEdits): PlanEditsApplied {
  const sections = { ...plan.sections };
  for (const key of Object.keys(edits) as WizardSectionKey[]) {
    if (!(WIZARD_SECTIONS as readonly string[]).includes(key)) continue;
    const section = sections[key];
    const rows = section.rows.map((r) => ({ cells: { ...r.cells }, extras: [...r.extras] }));
    const allowed = editableColumns(key);
    const taken = new Set<number>();
    for (const edit of edits[key] ?? []) {
      const cells = Object.fromEntries(Object.entries(edit.cells).filter(([k]) => allowed.includes(k)));
      if (edit.index === null) {
        rows.push({ cells, extras: new Array<CellValue>(section.extraHeaders.length).fill(null) });
        continue;
      }
      const at = findRow(key, section.rows, edit, taken);
      if (at === null) return { ok: false, section: key, row: edit.index };
      taken.add(at);
      Object.assign(rows[at]!.cells, cells);
    }
    sections[key] = { ...section, rows };
  }
  return { ok: true, plan: { ...plan, sections } };
}

/** The columns of a section the wizard may write. */
export function editableColumns(key: PlanSectionKey): string[] {
  const computed = COMPUTED_COLUMNS[key] ?? [];
  return PLAN_SECTION_DEFS[key].columns.map((c) => c.key).filter((k) => !computed.includes(k));
}

function findRow(key: WizardSectionKey, rows: readonly PlanRow[], edit: PlanRowEdit, taken: ReadonlySet<number>): number | null {
  const index = edit.index!;
  const columns = editableColumns(key);
  const same = (row: PlanRow, only: readonly string[]) => only.every((c) => samePlanCell(key, row.cells[c] ?? null, edit.base[c] ?? null));
  const at = rows[index];
  if (at && !taken.has(index) && same(at, columns)) return index;
  const moved = rows.findIndex((r, i) => !taken.has(i) && same(r, columns));
  if (moved >= 0) return moved;
  const label = columns[0]!;
  if (at && !taken.has(index) && same(at, [label, ...Object.keys(edit.cells)])) return index;
  return null;
}

const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/**
 * Two cells of a plan section hold the same thing: both blank, equal
 * numbers or booleans, or text equal once trimmed — a label the add-in
 * writes (a horizon, a metric) counting as the same in either language.
 */
export function samePlanCell(key: PlanSectionKey, a: CellValue, b: CellValue): boolean {
  return sameCell(a, b, (text) => canonicalLabel(key, text));
}

/** A label of the section in either language → its message key; any other text → itself, trimmed. */
function canonicalLabel(key: PlanSectionKey, text: string): string {
  const trimmed = text.trim();
  return PLAN_SECTION_DEFS[key].labels.find((k) => LOCALES.some((l) => t(l, k) === trimmed)) ?? trimmed;
}
