import type { Rect } from './address';
import { cellFor, type FakeSheet, getCell, hasContent } from './state';

/**
 * Excel's calculated columns, with the AutoCorrect option "Fill formulas in
 * tables to create calculated columns" on (the default), as documented and
 * as add-in authors report it through the API:
 *
 * - "Use calculated columns in an Excel table" (support.microsoft.com): a
 *   formula entered into a cell of an empty table column "is automatically
 *   filled into all cells of the column"; "if you type or move a formula in
 *   a table column that already contains data, a calculated column is not
 *   automatically created"; and to change a calculated column you "edit just
 *   one copy of the formula. The change propagates to all rows."
 * - OfficeDev/office-js#2093 "Excel duplicates and replaces formulas within
 *   a column." (closed, Resolution: by design): `range.formulas` written into
 *   a table copies one row's formula over the others, and replaces formulas
 *   with different ones, unless the user turns the option off.
 * - OfficeDev/office-js#5909 "Setting different formula in a table creates
 *   calculated column" and #6745 "Adding multiple rows to a table triggers
 *   auto correct …": even when every cell of the column is set at once to a
 *   different formula, the column becomes calculated with one row's formula
 *   ("the bottom most formula" in #6745).
 *
 * Modelled: a write of typed input (`values`, `formulas`) that puts a
 * formula into the body of a table column that was empty, or is already a
 * calculated column, fills every body cell of that column with the
 * bottom-most formula written, its relative row references adjusted to each
 * row (as a fill does). Values written into a calculated column stay, as
 * exceptions. A table created over cells that already hold formulas keeps
 * them as they are (no typing happens).
 */
export interface ColumnState {
  table: { rect: Rect; calculated: Set<number> };
  col: number;
  wasEmpty: boolean;
}

/** Before a write over `rect`: which table columns it touches, and whether each body was empty. */
export function columnsBefore(sheet: FakeSheet, rect: Rect): ColumnState[] {
  const out: ColumnState[] = [];
  for (const table of sheet.tables) {
    const body = { ...table.rect, r0: table.rect.r0 + 1 };
    if (rect.r1 < body.r0 || rect.r0 > body.r1) continue;
    for (let col = Math.max(rect.c0, body.c0); col <= Math.min(rect.c1, body.c1); col++) {
      let wasEmpty = true;
      for (let r = body.r0; r <= body.r1 && wasEmpty; r++) if (hasContent(getCell(sheet, r, col))) wasEmpty = false;
      out.push({ table, col, wasEmpty });
    }
  }
  return out;
}

/** After the write: fills the columns Excel would turn into calculated columns. */
export function autofillCalculatedColumns(sheet: FakeSheet, rect: Rect, before: readonly ColumnState[]): void {
  for (const { table, col, wasEmpty } of before) {
    if (!wasEmpty && !table.calculated.has(col)) continue;
    const body = { r0: table.rect.r0 + 1, r1: table.rect.r1 };
    let source: { row: number; formula: string } | undefined;
    for (let r = Math.max(rect.r0, body.r0); r <= Math.min(rect.r1, body.r1); r++) {
      const formula = getCell(sheet, r, col)?.formula;
      if (formula !== undefined) source = { row: r, formula };
    }
    if (!source) continue;
    for (let r = body.r0; r <= body.r1; r++) {
      const cell = cellFor(sheet, r, col);
      cell.formula = shiftRows(source.formula, r - source.row);
      cell.value = '';
      cell.quotePrefix = undefined;
    }
    table.calculated.add(col);
  }
}

/**
 * The formula filled `dr` rows down: relative row numbers of A1 references
 * move, `$`-anchored ones and whole-column references (`$H:$H`) do not;
 * text in quotes and function names such as `LOG10(` are left alone.
 */
export function shiftRows(formula: string, dr: number): string {
  if (dr === 0) return formula;
  let out = '';
  for (let i = 0; i < formula.length;) {
    // A string literal ("…") or a quoted sheet name ('…'): copied as it is, doubled quotes included.
    const quote = formula[i];
    if (quote === '"' || quote === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === quote && formula[j + 1] !== quote)) j += formula[j] === quote ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const ref = /^(\$?[A-Za-z]{1,3})(\$?)(\d+)/.exec(formula.slice(i));
    const prev = i > 0 ? formula[i - 1]! : '';
    if (ref && !/[A-Za-z0-9_.]/.test(prev)) {
      const next = formula[i + ref[0].length] ?? '';
      if (!/[A-Za-z0-9_.(]/.test(next)) {
        out += ref[2] === '$' ? ref[0] : `${ref[1]}${Number(ref[3]) + dr}`;
        i += ref[0].length;
        continue;
      }
    }
    const word = /^[A-Za-z0-9_.]+/.exec(formula.slice(i));
    const step = word ? word[0].length : 1;
    out += formula.slice(i, i + step);
    i += step;
  }
  return out;
}
