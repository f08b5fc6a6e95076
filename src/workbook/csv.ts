import { parse } from 'csv-parse/sync';
import type { CellValue, SheetValues } from '../core/util/cell';

const PLAIN_NUMBER = /^-?(?:\d+|\d*\.\d+)$/;

/**
 * A CSV export as sheet values: blanks become null, plain numbers become
 * numbers (as Excel would show them), everything else stays text for the
 * pipeline parser (dates, amounts with symbols) to read.
 */
export function csvToValues(text: string): SheetValues {
  const records: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false });
  return records.map((row) => row.map(csvCell));
}

function csvCell(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Leading zeros are identifiers (e.g. "00012"), not numbers.
  if (PLAIN_NUMBER.test(trimmed) && !/^-?0\d/.test(trimmed)) return Number(trimmed);
  return text;
}
