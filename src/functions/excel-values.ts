import { parseDate } from '../core/pipeline/parse-value';

/**
 * What Excel passes a custom function for a range: a 2-D array, blanks as
 * "" (or null in some hosts), numbers as numbers, text as text.
 */
export type ExcelScalar = number | string | boolean | null;
export type ExcelRange = ExcelScalar[][];

/** A range as one column of values, row by row. (A plain loop: `Array.prototype.flat` is ten times slower on 100k rows.) */
export function flatten(range: ExcelRange): ExcelScalar[] {
  const out = new Array<ExcelScalar>(cellCount(range));
  let i = 0;
  for (let r = 0; r < range.length; r++) {
    const row = range[r]!;
    for (let c = 0; c < row.length; c++) out[i++] = row[c]!;
  }
  return out;
}

/** The `#VALUE!` error with a message Excel shows on hover. */
export function valueError(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** `#N/A` with a message: the answer is not defined for this input (e.g. a zero denominator). */
export function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

/** What a wrapper returns: its answer, or an error value Excel shows in the cell. */
export type Result<T> = T | CustomFunctions.Error;

export function isError(value: unknown): value is CustomFunctions.Error {
  return value instanceof CustomFunctions.Error;
}

/** A blank cell as hosts pass it: null, undefined (an omitted argument), "" or spaces. */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * A range argument as a 2-D array. Excel always passes a matrix parameter
 * as one; a lone value (a JavaScript caller, a test) becomes a 1×1 range and
 * an omitted argument an empty one.
 */
export function asRange(value: unknown): ExcelRange {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) return [[value as ExcelScalar]];
  for (let r = 0; r < value.length; r++) {
    if (!Array.isArray(value[r])) return value.map((row: unknown) => (Array.isArray(row) ? (row as ExcelScalar[]) : [row as ExcelScalar]));
  }
  return value as ExcelRange; // already a 2-D array, as Excel passes it: no copy
}

/** An optional range left out: omitted (null), or every cell blank. */
export function isOmittedRange(value: unknown): boolean {
  return asRange(value).every((row) => row.every(isBlankCell));
}

/** A value as a message quotes it: text in quotes, a blank as "a blank cell". */
export function describeValue(value: unknown): string {
  if (isBlankCell(value)) return 'a blank cell';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** `#VALUE!` unless the named ranges have the same number of cells (they are read as parallel columns). */
export function sameSize(ranges: readonly { name: string; range: ExcelRange }[]): CustomFunctions.Error | null {
  const sizes = ranges.map((r) => cellCount(r.range));
  const other = sizes.findIndex((n) => n !== sizes[0]);
  if (other < 0) return null;
  return valueError(`${ranges[0]!.name} has ${sizes[0]} cells and ${ranges[other]!.name} ${sizes[other]}: give ranges of the same size, one row per deal.`);
}

/** The number of cells of a range, without copying them. */
function cellCount(range: ExcelRange): number {
  let size = 0;
  for (let r = 0; r < range.length; r++) size += range[r]!.length;
  return size;
}

/** A scalar argument given as a range (a JavaScript caller): its single cell, else `#VALUE!`. */
export function scalarArgument(name: string, value: unknown): Result<unknown> {
  if (!Array.isArray(value)) return value;
  const cells = asRange(value).flat();
  return cells.length === 1 ? cells[0] : valueError(`${name} must be one value, not a range of ${cells.length} cells.`);
}

/**
 * A whole-number argument; blank or omitted gives `fallback`. Numbers in
 * text ("6") are accepted, as Excel's own functions accept them.
 */
export function wholeNumberArgument(name: string, value: unknown, range: { min: number; max: number; fallback: number }): Result<number> {
  const v = scalarArgument(name, value);
  if (isError(v)) return v;
  if (isBlankCell(v)) return range.fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    return valueError(`${name} must be a whole number from ${range.min} to ${range.max}, not ${describeValue(v)}.`);
  }
  return n;
}

/** A date argument: an Excel serial (what Excel passes for a date cell) or date text such as 2026-03-31. */
export function dateArgument(name: string, value: unknown): Result<number> {
  const v = scalarArgument(name, value);
  if (isError(v)) return v;
  const parsed = typeof v === 'number' || typeof v === 'string' ? parseDate(v) : null;
  if (parsed?.ok && parsed.value !== null) return parsed.value;
  return valueError(`${name} must be a date (a date cell, a serial number or text such as 2026-03-31), not ${describeValue(v)}.`);
}
