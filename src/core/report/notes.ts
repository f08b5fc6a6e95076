import type { CellValue, SheetValues } from '../util/cell';
import { isBlank } from '../util/cell';
import { t } from '../i18n';
import type { Cell, NotesCarry } from './model';

/** The Notes heading in every language, so a tab generated in one language keeps its notes in the other. */
export const NOTES_HEADINGS: readonly string[] = [t('en-US', 'report.notes'), t('zh-CN', 'report.notes')];

/**
 * The user's rows below the Notes heading of a previous version of a report
 * tab (SPEC §3 rule 4), trailing blank rows dropped. Empty when the tab has
 * no Notes heading.
 */
export function extractNotes(values: SheetValues): Cell[][] {
  return previousNotes(values).lines;
}

/**
 * The Notes of a previous version of a tab: their values (`lines`), and
 * where they were (`carry`) so the adapter can carry the rows over whole,
 * formulas and formats included (SPEC §6 "Notes are kept cell for cell").
 * No `carry` when the tab has no Notes heading.
 */
export function previousNotes(values: SheetValues): { lines: Cell[][]; carry?: NotesCarry } {
  const headingRow = values.findIndex((row) => typeof row[0] === 'string' && NOTES_HEADINGS.includes(row[0]));
  if (headingRow < 0) return { lines: [] };
  const below = values.slice(headingRow + 1);
  const lines = below.map((row) => trimRow(row));
  while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
  const cols = below.reduce((w, row) => Math.max(w, row.length), 0);
  return { lines, carry: { headingRow, rows: below.length, cols } };
}

function trimRow(row: CellValue[]): Cell[] {
  let end = row.length;
  while (end > 0 && isBlank(row[end - 1])) end--;
  return row.slice(0, end).map((v) => (v === undefined ? null : v));
}
