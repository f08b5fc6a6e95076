import type { CellValue } from '../util/cell';
import { serialFromYmd } from '../util/dates';
import { type CurrencyCode, type DecimalSeparator, readAmountText } from '../currency/currency-rules';

/** Why a cell could not be used; shown to the user, so kept as catalogue keys. */
export type ParseFailure = 'notADate' | 'dateOutOfRange' | 'notANumber' | 'negativeAmount' | 'ambiguousSeparator';

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: ParseFailure };

const SERIAL_MIN = 1; // 1900-01-01
const SERIAL_MAX = 2_958_465; // 9999-12-31

/**
 * Dates: Excel serials (numbers), ISO `2026-10-05` (a time part is ignored),
 * `2026/10/05`, `2026.10.05`, `2026年10月5日`. Blank → null.
 */
export function parseDate(v: CellValue): Parsed<number> {
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === 'number') {
    if (Number.isFinite(v) && v >= SERIAL_MIN && v <= SERIAL_MAX) return { ok: true, value: Math.floor(v) };
    return { ok: false, reason: 'notADate' };
  }
  if (typeof v === 'boolean') return { ok: false, reason: 'notADate' };
  const text = v.trim();
  if (text === '') return { ok: true, value: null };
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(text) ?? /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日?$/.exec(text);
  if (!m) return { ok: false, reason: 'notADate' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'notADate' };
  return { ok: true, value: serialFromYmd(year, month, day) };
}

/**
 * The years a deal's date may fall in (SPEC §6). A pipeline date outside
 * them is a typo or a placeholder (`9999-12-31` for "no close date",
 * `0202-03-01`), and taken as a date it would move the default report month
 * decades away or fill thousands of empty month tabs: it is a data issue.
 */
export const DEAL_YEARS = { first: 1900, last: 2100 } as const;
const DEAL_SERIAL_LAST = serialFromYmd(DEAL_YEARS.last + 1, 1, 1) - 1;

/** A deal's date (created, closed, contract end, stage dates): `parseDate`, within `DEAL_YEARS`. */
export function parseDealDate(v: CellValue): Parsed<number> {
  if (typeof v === 'string') {
    const year = /^\s*(\d{4})(?:[-/.]|年)/.exec(v);
    if (year && (Number(year[1]) < DEAL_YEARS.first || Number(year[1]) > DEAL_YEARS.last)) return { ok: false, reason: 'dateOutOfRange' };
  }
  const p = parseDate(v);
  if (p.ok && p.value !== null && p.value > DEAL_SERIAL_LAST) return { ok: false, reason: 'dateOutOfRange' };
  return p;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Amounts: numbers, or text with separators, a currency symbol or code
 * (`¥1,234`, `$1,234.50`, `1 234 CNY`, `1.234,56`), a sign (`+500`) or
 * accounting parentheses for negatives, read by the separator rules of
 * SPEC §9 (core/currency/currency-rules.ts). `decimal` is the workbook's
 * decimal separator, null when it has no locale (then `1,234` is
 * `ambiguousSeparator`); the default `.` reads as every entry point did
 * before §9 (comma thousands), for the tables that are not the pipeline. Blank → null. Negative amounts
 * are refused (a deal has no negative value); costs use `parseNumber`.
 */
export function parseAmount(v: CellValue, decimal: DecimalSeparator | null = '.'): Parsed<number> {
  const n = parseMoney(v, decimal);
  return n.ok ? { ok: true, value: n.value } : n;
}

/** `parseAmount` with the currency the cell's symbol or code names (null when none: a number, or text without one). */
export function parseMoney(
  v: CellValue,
  decimal: DecimalSeparator | null = '.',
): { ok: true; value: number | null; currency: CurrencyCode | null } | { ok: false; reason: ParseFailure } {
  const n = parseMoneyNumber(v, decimal);
  // A negative amount is refused as negative, whatever its separators mean.
  if ((n.ok && n.value !== null && n.value < 0) || (!n.ok && n.negative && n.reason === 'ambiguousSeparator')) return { ok: false, reason: 'negativeAmount' };
  return n.ok ? n : { ok: false, reason: n.reason };
}

export function parseNumber(v: CellValue, decimal: DecimalSeparator | null = '.'): Parsed<number> {
  const n = parseMoneyNumber(v, decimal);
  return n.ok ? { ok: true, value: n.value } : { ok: false, reason: n.reason };
}

function parseMoneyNumber(
  v: CellValue,
  decimal: DecimalSeparator | null,
): { ok: true; value: number | null; currency: CurrencyCode | null } | { ok: false; reason: ParseFailure; negative?: boolean } {
  if (v === null || v === undefined) return { ok: true, value: null, currency: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v, currency: null } : { ok: false, reason: 'notANumber' };
  if (typeof v === 'boolean') return { ok: false, reason: 'notANumber' };
  if (v.trim() === '') return { ok: true, value: null, currency: null };
  return readAmountText(v, decimal ?? undefined);
}

/** Probability: 0.4, 40, `40%` → 0.4. */
export function parseProbability(v: CellValue): Parsed<number> {
  if (typeof v === 'string' && v.trim().endsWith('%')) {
    const n = parseNumber(v.trim().slice(0, -1));
    return n.ok && n.value !== null ? checkUnit(n.value / 100) : n;
  }
  const n = parseNumber(v);
  if (!n.ok || n.value === null) return n;
  return checkUnit(n.value > 1 ? n.value / 100 : n.value);
}

function checkUnit(p: number): Parsed<number> {
  return p >= 0 && p <= 1 ? { ok: true, value: p } : { ok: false, reason: 'notANumber' };
}

/** Text of a cell for text fields: trimmed; numbers keep their digits. */
export function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  const text = typeof v === 'string' ? v.trim() : String(v);
  return text === '' ? null : text;
}

/**
 * Text of a cell exactly as typed (SPEC §3 rule 5: reports show pipeline
 * text as typed); null when blank. Grouping and matching trim separately.
 */
export function cellRawText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  const text = typeof v === 'string' ? v : String(v);
  return text.trim() === '' ? null : text;
}
