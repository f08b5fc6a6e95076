import { samplePipeline } from '../../src/core/sample/sample-pipeline';
import type { CellValue, SheetValues } from '../../src/core/util/cell';
import type { StubCustomFunctionError } from './custom-functions-stub';

/** A sample pipeline sheet (header row, then one row per deal), the same for every test file. */
export const SAMPLE: SheetValues = samplePipeline({ deals: 2_000, seed: 7 });

/**
 * One column of a sheet as Excel passes a range to a custom function: a
 * column of 1-cell rows, blanks as "" (Excel desktop) or null (some hosts),
 * numbers as numbers. `header: false` leaves the header row out.
 */
export function column(
  sheet: SheetValues,
  header: string,
  options: { header?: boolean; rows?: (row: CellValue[]) => boolean; blank?: '' | null } = {},
): CellValue[][] {
  const c = sheet[0]!.indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  const body = sheet.slice(1).filter(options.rows ?? (() => true));
  const blank = options.blank === undefined ? '' : options.blank;
  const cells = body.map((row) => [row[c] ?? blank] as CellValue[]).map(([v]) => [v === null ? blank : v!]);
  return options.header === false ? cells : [[header], ...cells];
}

/** The columns a predicate keeps, as a new sheet with the same header. */
export function sheetWhere(sheet: SheetValues, keep: (row: CellValue[]) => boolean, drop: string[] = []): SheetValues {
  const cols = sheet[0]!.map((_, i) => i).filter((i) => !drop.includes(String(sheet[0]![i])));
  return [sheet[0]!, ...sheet.slice(1).filter(keep)].map((row) => cols.map((i) => row[i] ?? null));
}

export function cellOf(sheet: SheetValues, header: string): (row: CellValue[]) => CellValue {
  const c = sheet[0]!.indexOf(header);
  return (row) => row[c] ?? null;
}

/** The function's answer as the stub error, for expectations on code and message. */
export function asError(value: unknown): StubCustomFunctionError {
  return value as StubCustomFunctionError;
}
