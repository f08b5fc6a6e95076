/**
 * What Excel passes a custom function for a range: a 2-D array, blanks as
 * "" (or null in some hosts), numbers as numbers, text as text.
 */
export type ExcelScalar = number | string | boolean | null;
export type ExcelRange = ExcelScalar[][];

/** A range as one column of values, row by row. */
export function flatten(range: ExcelRange): ExcelScalar[] {
  return range.flat();
}

/** The `#VALUE!` error with a message Excel shows on hover. */
export function valueError(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}

/** `#N/A` with a message: the answer is not defined for this input (e.g. a zero denominator). */
export function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}
