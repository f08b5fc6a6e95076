import { sheetRef } from '../util/cell';
import { ymdFromSerial } from '../util/dates';
import type { FormulaCell } from './model';

/** `DATE(2017,6,1)`: a readable date literal for criteria. */
export function dateLiteral(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `DATE(${year},${month},${day})`;
}

/** A text literal for a formula, quotes doubled. */
export function textLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * `HYPERLINK("#'Sheet'!A1","text")`: how every adapter writes a link cell
 * of the model, a link that works in any Excel, with or without the add-in.
 */
export function hyperlinkFormula(sheet: string, cell: string, text: string): string {
  return `HYPERLINK(${textLiteral(`#${sheetRef(sheet)}!${cell}`)},${textLiteral(text)})`;
}

/** `COUNTIFS(range1, crit1, range2, crit2, …)` from pairs. */
export function countifs(pairs: readonly (readonly [string, string])[]): string {
  return `COUNTIFS(${pairs.map(([r, c]) => `${r},${c}`).join(',')})`;
}

/** `SUMIFS(sum, range1, crit1, …)`. */
export function sumifs(sumRange: string, pairs: readonly (readonly [string, string])[]): string {
  return `SUMIFS(${sumRange},${pairs.map(([r, c]) => `${r},${c}`).join(',')})`;
}

/**
 * The guarded division of SPEC §2: an empty cell on a zero denominator,
 * never `#DIV/0!`.
 */
export function guardedRatio(numerator: string, denominator: string): string {
  return `IF(${denominator}=0,"",${numerator}/${denominator})`;
}

/**
 * `IF(count=0,"",value)`: a sum over no deal that has the input (no cost
 * column, no costed deal) is empty, not 0 (SPEC §7 "empty, never 0").
 */
export function blankUnless(count: string, value: string): string {
  return `IF(${count}=0,"",${value})`;
}

export function formula(text: string, value: number | string | null): FormulaCell {
  return { formula: text, value };
}
