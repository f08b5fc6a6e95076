import { parse } from 'csv-parse/sync';
import { type Locale, t } from '../core/i18n';
import type { CellValue, SheetValues } from '../core/util/cell';

/*
 * CSV exports as sheet values (SPEC §6), from bytes: no file system, so the
 * CLI and the browser read them alike. The encoding is UTF-8 (with or
 * without BOM), UTF-16 LE/BE (by BOM), else GB18030 (which covers GBK and
 * GB2312: what Excel and WPS on Chinese Windows save "CSV" as) when the
 * bytes are not UTF-8. The delimiter is the one of `,` `;` tab that splits
 * the first records into the same number of columns (quotes respected).
 */

export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';
export const CSV_ENCODINGS: readonly CsvEncoding[] = ['UTF-8', 'UTF-16LE', 'UTF-16BE', 'GB18030'];
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export type CsvRead =
  | { ok: true; values: SheetValues; encoding: CsvEncoding; delimiter: CsvDelimiter }
  /** `notText`: no encoding decodes the bytes; `noDelimiter`: no delimiter gives consistent columns. */
  | { ok: false; reason: 'notText' | 'noDelimiter'; encoding: CsvEncoding | null };

/** How the delimiters are named in messages. */
export const DELIMITER_NAMES: Readonly<Record<CsvDelimiter, string>> = { ',': '","', ';': '";"', '\t': 'tab' };

/** Reads a CSV file's bytes: the encoding and the delimiter detected, or why none fits. */
export function readCsv(bytes: Uint8Array): CsvRead {
  const decoded = decodeCsv(bytes);
  if (decoded === null) return { ok: false, reason: 'notText', encoding: null };
  const delimiter = detectDelimiter(decoded.text);
  if (delimiter === null) return { ok: false, reason: 'noDelimiter', encoding: decoded.encoding };
  return { ok: true, values: parseWith(decoded.text, delimiter), encoding: decoded.encoding, delimiter };
}

/** Why a CSV could not be read, naming the encodings and delimiters tried. */
export function csvFailureMessage(file: string, read: Extract<CsvRead, { ok: false }>, locale: Locale): string {
  const encodings = CSV_ENCODINGS.join(', ');
  if (read.reason === 'notText' || read.encoding === null) return t(locale, 'csv.notText', { file, encodings });
  return t(locale, 'csv.unreadable', { file, encoding: read.encoding, encodings, delimiters: CSV_DELIMITERS.map((d) => DELIMITER_NAMES[d]).join(', ') });
}

/**
 * A CSV export as sheet values: blanks become null, plain numbers become
 * numbers (as Excel would show them), everything else stays text for the
 * pipeline parser (dates, amounts with symbols) to read. The delimiter is
 * detected; a comma when none fits.
 */
export function csvToValues(text: string): SheetValues {
  const body = text.replace(/^\uFEFF/, '');
  return parseWith(body, detectDelimiter(body) ?? ',');
}

function parseWith(text: string, delimiter: CsvDelimiter): SheetValues {
  const records: string[][] = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false });
  return records.map((row) => row.map(csvCell));
}

/** The text of the bytes and its encoding; null when no encoding we know decodes them. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } | null {
  const bom = byBom(bytes);
  if (bom) return decodeAs(bytes.subarray(bom.length), bom.encoding);
  for (const encoding of ['UTF-8', utf16WithoutBom(bytes), 'GB18030'] as const) {
    if (encoding === null) continue;
    const decoded = decodeAs(bytes, encoding);
    if (decoded) return decoded;
  }
  return null;
}

function byBom(b: Uint8Array): { encoding: CsvEncoding; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'UTF-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'UTF-16LE', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'UTF-16BE', length: 2 };
  return null;
}

/**
 * UTF-16 saved without a BOM, recognised by its zero bytes: ASCII text
 * (headers, digits, delimiters) has a zero high byte in every other byte.
 * Valid UTF-8 text never holds NUL bytes, so this cannot mistake one for it.
 */
function utf16WithoutBom(b: Uint8Array): CsvEncoding | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.3 && evenZeros === 0) return 'UTF-16LE';
  if (evenZeros > half * 0.3 && oddZeros === 0) return 'UTF-16BE';
  return null;
}

/** Strict decoding: bytes invalid in the encoding fail it, rather than turning into U+FFFD in the report. */
function decodeAs(bytes: Uint8Array, encoding: CsvEncoding): { text: string; encoding: CsvEncoding } | null {
  try {
    const text = new TextDecoder(encoding.toLowerCase(), { fatal: true, ignoreBOM: true }).decode(bytes);
    // A NUL in "text" means a binary file (or a wrong guess), not CSV.
    return text.includes('\0') ? null : { text, encoding };
  } catch {
    // Invalid bytes, or a runtime without this decoder (Node built with small ICU).
    return null;
  }
}

/** Records looked at to choose the delimiter. */
const SAMPLE_RECORDS = 50;
const SAMPLE_CHARS = 256 * 1024;

/**
 * The delimiter that splits the first records into one number of columns
 * (two or more), quotes respected: the one with the most records at its
 * most common width, then the widest. Null when none gives two columns.
 */
export function detectDelimiter(text: string): CsvDelimiter | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const cut = sample.length < text.length;
  let best: { delimiter: CsvDelimiter; consistent: number; width: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    // Quotes that do not fit this delimiter (`a;"b"c`) rule it out; a sample cut inside a quoted field is read again whole.
    let records = firstRecords(sample, delimiter) ?? (cut ? firstRecords(text, delimiter) : null);
    if (records === null) continue;
    // Parsing stops after one record more than the sample: the last one read from a cut sample may itself be cut.
    if (cut || records.length > SAMPLE_RECORDS) records = records.slice(0, Math.max(1, records.length - 1));
    const { width, count } = commonWidth(records);
    if (width < 2) continue;
    if (!best || count > best.consistent || (count === best.consistent && width > best.width)) best = { delimiter, consistent: count, width };
  }
  return best?.delimiter ?? null;
}

function firstRecords(text: string, delimiter: CsvDelimiter): string[][] | null {
  try {
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, to: SAMPLE_RECORDS + 1 });
  } catch {
    return null;
  }
}

/** The most common number of columns among records, and how many records have it. */
function commonWidth(records: readonly string[][]): { width: number; count: number } {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 0;
  let count = 0;
  for (const [w, c] of counts) if (c > count || (c === count && w > width)) [width, count] = [w, c];
  return { width, count };
}

const PLAIN_NUMBER = /^-?(?:\d+|\d*\.\d+)$/;

function csvCell(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  // Leading zeros are identifiers (e.g. "00012"), not numbers.
  if (PLAIN_NUMBER.test(trimmed) && !/^-?0\d/.test(trimmed)) return Number(trimmed);
  return text;
}
