/**
 * A cell value as the workbook adapters hand it to the core: dates are Excel
 * serial numbers (days since 1899-12-30), blanks are `null`, text is text.
 */
export type CellValue = string | number | boolean | null;

/** A sheet's used range as a 2-D array, row-major, starting at A1. */
export type SheetValues = CellValue[][];

/** Zero-based column index → Excel column letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Zero-based row and column → an A1 address such as `C7`. */
export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row + 1}` : `${columnLetter(col)}${row + 1}`;
}

/** Quotes a sheet name for use in a formula (`'Funnel Data'!A1`). */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Two cells hold the same thing: both blank, equal numbers or booleans, or
 * texts equal in `canonical` form (trimmed unless the caller maps labels of
 * either language to one key). How the wizard's edits recognise a cell the
 * user has not changed since it was read.
 */
export function sameCell(a: CellValue, b: CellValue, canonical: (text: string) => string = (text) => text.trim()): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (typeof a === 'string' && typeof b === 'string') return canonical(a) === canonical(b);
  return a === b;
}

/** A rectangular range, zero-based and inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `A5:A10`, `$B$2:$B$9`, `'Sheet'!C3` → a range (the sheet part is dropped); null when it is no A1 address. */
export function parseA1Range(text: string): CellRange | null {
  const bare = text.slice(text.lastIndexOf('!') + 1).replace(/\$/g, '');
  const m = /^([A-Za-z]{1,3})(\d+)(?::([A-Za-z]{1,3})(\d+))?$/.exec(bare.trim());
  if (!m) return null;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const a = { row: Number(m[2]) - 1, col: col(m[1]!) };
  const b = m[3] ? { row: Number(m[4]) - 1, col: col(m[3]) } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}
