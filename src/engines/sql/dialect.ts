/*
 * The few places where DuckDB, Spark SQL and Trino spell the same thing
 * differently. Everything else the metric definitions use is the SQL the
 * three share (CASE, COALESCE, FLOOR, %, window functions, VALUES, CTEs):
 * dates are Excel serial day numbers computed by integer arithmetic
 * (SPEC §1 dates, core/metrics/month-of-serial.ts), not by each engine's
 * date functions, so the three give the same days and months.
 */

export type Dialect = 'duckdb' | 'spark' | 'trino';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'spark', 'trino'];

/** A SQL string literal (plain text: no backslash in it). */
export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A string literal holding a regular expression: Spark reads backslashes in literals as escapes, the others do not. */
export function regexLit(d: Dialect, text: string): string {
  return d === 'spark' ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : lit(text);
}

/** The text type. */
export function textType(d: Dialect): string {
  return d === 'spark' ? 'STRING' : 'VARCHAR';
}

/** A quoted identifier (a header such as `Close Date`). */
export function ident(d: Dialect, name: string): string {
  return d === 'spark' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

/** True when `x` matches the regular expression (RE2 / Java syntax, the subset the three share). */
export function matches(d: Dialect, x: string, re: string): string {
  if (d === 'duckdb') return `regexp_matches(${x}, ${regexLit(d, re)})`;
  if (d === 'spark') return `(${x} RLIKE ${regexLit(d, re)})`;
  return `regexp_like(${x}, ${regexLit(d, re)})`;
}

/** Group `g` of the first match, NULL without one (DuckDB and Spark give '' there, Trino NULL). */
export function extract(d: Dialect, x: string, re: string, g: number): string {
  return `NULLIF(regexp_extract(${x}, ${regexLit(d, re)}, ${g}), '')`;
}

/** Every match replaced. */
export function replaceAll(d: Dialect, x: string, re: string, by: string): string {
  return d === 'duckdb' ? `regexp_replace(${x}, ${regexLit(d, re)}, ${lit(by)}, 'g')` : `regexp_replace(${x}, ${regexLit(d, re)}, ${lit(by)})`;
}

/**
 * A number from plain digits (an optional minus, a decimal point), NULL for
 * any other text. Spark gets a CAST guarded by the pattern: it never fails,
 * with ANSI mode on or off, and is Hive SQL too (node-sql-parser's grammar
 * for Spark's family has no try_cast).
 */
export function toDouble(d: Dialect, x: string): string {
  if (d === 'spark') return `CAST(CASE WHEN ${matches(d, x, DECIMAL)} THEN ${x} END AS DOUBLE)`;
  return `TRY_CAST(${x} AS DOUBLE)`;
}

const DECIMAL = '^-?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)$';

/** The characters JavaScript's trim() removes that real exports hold: space, tab, line breaks, no-break space, BOM, ideographic space. */
const TRIMMED = ' \t\n\r\u000b\u000c\u00a0\ufeff\u3000';

/** A text with those characters cut from both ends (each dialect's own trim with a set: no regular expression per cell). */
export function trimSql(d: Dialect, x: string): string {
  // Spark's trim(BOTH … FROM x) is not in the Hive grammar the tests parse with: a pattern there.
  return d === 'spark' ? replaceAll(d, x, '^[\\s\\x{00A0}\\x{FEFF}\\x{3000}]+|[\\s\\x{00A0}\\x{FEFF}\\x{3000}]+$', '') : `trim(${x}, ${lit(TRIMMED)})`;
}

/** Characters of a text. */
export function length(d: Dialect, x: string): string {
  return d === 'spark' ? `char_length(${x})` : `length(${x})`;
}

/** Text from a position (1-based) to its end. */
export function substrFrom(_d: Dialect, x: string, from: number): string {
  return `substr(${x}, ${from})`;
}

/** Whole-number floor as a double (the three agree on FLOOR of a double). */
export function floorDiv(a: string, b: number): string {
  return `FLOOR((${a}) / ${b}.0)`;
}

/** Days from civil (Hinnant) as an Excel serial, from integer year, month, day expressions. */
export function serialOfYmd(y: string, m: string, day: string): string {
  const yy = `((${y}) - CASE WHEN (${m}) <= 2 THEN 1 ELSE 0 END)`;
  const era = floorDiv(yy, 400);
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(${floorDiv(`153 * ((${m}) + CASE WHEN (${m}) > 2 THEN -3 ELSE 9 END) + 2`, 5)} + (${day}) - 1)`;
  const doe = `(${yoe} * 365 + ${floorDiv(yoe, 4)} - ${floorDiv(yoe, 100)} + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468 + 25569)`;
}

/** Month index (year × 12 + month − 1) of a serial day: core/metrics/month-of-serial.ts in SQL. */
export function monthOfSerialSql(serial: string): string {
  const z = `(FLOOR(${serial}) - 25569 + 719468)`;
  const era = floorDiv(z, 146097);
  const doe = `(${z} - ${era} * 146097)`;
  const yoe = floorDiv(`${doe} - ${floorDiv(doe, 1460)} + ${floorDiv(doe, 36524)} - ${floorDiv(doe, 146096)}`, 365);
  const doy = `(${doe} - (365 * ${yoe} + ${floorDiv(yoe, 4)} - ${floorDiv(yoe, 100)}))`;
  const mp = floorDiv(`5 * ${doy} + 2`, 153);
  return `((${yoe} + ${era} * 400 + CASE WHEN ${mp} >= 10 THEN 1 ELSE 0 END) * 12 + CASE WHEN ${mp} < 10 THEN ${mp} + 2 ELSE ${mp} - 10 END)`;
}
