import { type CellValue, sameCell } from '../util/cell';
import { riskIdKey, type RiskRow } from './register';
import { RISK_INPUT_COLUMNS, type RiskInputColumn } from './register-columns';
import { CATEGORY_VOCABULARY, STATUS_VOCABULARY, STRATEGY_VOCABULARY, type Vocabulary, vocabularyKey } from './vocabulary';

/** The register columns the wizard may change in an existing risk: all the user's, but the ID that identifies it. */
export const EDITABLE_RISK_COLUMNS: readonly RiskInputColumn[] = RISK_INPUT_COLUMNS.filter((c) => c !== 'id');

export type RiskCells = Partial<Record<RiskInputColumn, CellValue>>;

/** One existing risk the wizard changed. */
export interface RiskEdit {
  /** The risk's ID as the wizard read it: the edit goes to the register row with this ID. */
  id: string;
  /** The row's cells as the wizard read them. */
  base: RiskCells;
  /** Only the cells the wizard changed, by column. */
  cells: RiskCells;
}

export type RiskEditsApplied =
  | { ok: true; rows: RiskRow[] }
  /** The risk is gone, or a cell the wizard changes was changed in the sheet too. */
  | { ok: false; id: string };

const VOCABULARIES: Partial<Record<RiskInputColumn, Vocabulary<string>>> = {
  category: CATEGORY_VOCABULARY,
  strategy: STRATEGY_VOCABULARY,
  status: STATUS_VOCABULARY,
};

/**
 * Two cells of a register column hold the same thing: both blank, equal
 * numbers or booleans, text equal once trimmed, or — in the category,
 * strategy and status columns — the same choice in either language.
 */
export function sameRiskCell(column: RiskInputColumn, a: CellValue, b: CellValue): boolean {
  const vocabulary = VOCABULARIES[column];
  if (!vocabulary) return sameCell(a, b);
  // A choice compares by its key; text that is no choice compares as itself (the prefixes keep the two apart).
  return sameCell(a, b, (text) => {
    const key = vocabularyKey(vocabulary, text);
    return key === null ? `text:${text.trim()}` : `choice:${key}`;
  });
}

/**
 * Applies the wizard's edits to the register as it stands now (read from the
 * sheet at save time): each edit goes to the row with its risk ID, and only
 * the cells it changed are written — every other cell, the user's own
 * columns and the other rows stay as they are. A changed cell must still
 * hold what the wizard read (or already what it writes); otherwise the sheet
 * was changed in the same cell meanwhile and nothing is applied. Rows in
 * `unsavedIds` got their ID when read (the sheet has none for them), so the
 * ID alone does not identify them: they must still equal what the wizard read.
 */
export function applyRiskEdits(rows: readonly RiskRow[], edits: readonly RiskEdit[], unsavedIds: ReadonlySet<number> = new Set()): RiskEditsApplied {
  const out = rows.map((r) => ({ cells: { ...r.cells }, extras: [...r.extras] }));
  const taken = new Set<number>();
  for (const edit of edits) {
    const key = riskIdKey(edit.id);
    const changed = Object.keys(edit.cells).filter((c): c is RiskInputColumn => (EDITABLE_RISK_COLUMNS as readonly string[]).includes(c));
    const matches = (row: RiskRow, columns: readonly RiskInputColumn[]) => columns.every((c) => sameRiskCell(c, row.cells[c] ?? null, edit.base[c] ?? null));
    const candidates = rows.flatMap((row, i) => (key !== null && riskIdKey(row.cells.id ?? null) === key && !taken.has(i) ? [i] : []));
    // An ID typed twice in the sheet, or one given at read time: the row must also be as the wizard read it.
    const at = candidates.length === 1 && !unsavedIds.has(candidates[0]!) ? candidates[0]! : candidates.find((i) => matches(rows[i]!, EDITABLE_RISK_COLUMNS));
    if (at === undefined) return { ok: false, id: edit.id };
    const row = rows[at]!;
    if (!changed.every((c) => matches(row, [c]) || sameRiskCell(c, row.cells[c] ?? null, edit.cells[c] ?? null))) return { ok: false, id: edit.id };
    taken.add(at);
    for (const c of changed) out[at]!.cells[c] = edit.cells[c] ?? null;
  }
  return { ok: true, rows: out };
}
