import { normalizeHeader } from '../pipeline/fields';
import { parseNumber } from '../pipeline/parse-value';
import type { Cell, SheetModel } from '../report/model';
import type { CellValue, SheetValues } from '../util/cell';
import { monthIndexOfSerial, monthKey, parseMonthKey } from '../util/dates';
import { currencyCode, type RateRow } from './currency-rules';

/** The sheet that holds the `Rates` table (SPEC §9); the user's or imported (`--rates`). */
export const RATES_SHEET = 'Rates';
/** The sheet's name in a Chinese report (SPEC §7: one language per report). */
export const RATES_SHEET_ZH = '汇率';
/** Names the sheet may have. */
export const RATES_SHEET_NAMES = [RATES_SHEET, RATES_SHEET_ZH];

const HEADERS = {
  month: ['month', '月份', 'period'],
  currency: ['currency', '币种', '货币'],
  rate: ['rate', '汇率', 'exchange rate', 'fx rate'],
} as const;

export interface RatesRead {
  rows: RateRow[];
  /** Rows that could not be read, 1-based in the sheet or file, with the offending value. */
  rejected: { row: number; value: CellValue }[];
}

/**
 * The `Rates` table (SPEC §9): the first row within the first 20 that has
 * a Month, a Currency and a Rate header (English or Chinese), then the rows
 * below it up to the end. Months are `YYYY-MM` text or a date (Excel turns
 * typed `2026-03` into one); currencies an ISO code or a symbol; a rate is
 * a positive number of reporting-currency units per one unit. Null when
 * the values hold no such table.
 */
export function readRatesTable(values: SheetValues): RatesRead | null {
  for (let r = 0; r < Math.min(values.length, 20); r++) {
    const header = values[r] ?? [];
    const col = (names: readonly string[]) => header.findIndex((h) => typeof h === 'string' && names.map(normalizeHeader).includes(normalizeHeader(h)));
    const monthCol = col(HEADERS.month);
    const currencyCol = col(HEADERS.currency);
    const rateCol = col(HEADERS.rate);
    if (monthCol < 0 || currencyCol < 0 || rateCol < 0) continue;
    const rows: RateRow[] = [];
    const rejected: RatesRead['rejected'] = [];
    for (let i = r + 1; i < values.length; i++) {
      const line = values[i] ?? [];
      const [m, c, x] = [line[monthCol] ?? null, line[currencyCol] ?? null, line[rateCol] ?? null];
      if (blank(m) && blank(c) && blank(x)) continue;
      const month = monthOf(m);
      const currency = typeof c === 'string' ? currencyCode(c) : null;
      const rate = parseNumber(x);
      if (month === null) rejected.push({ row: i + 1, value: m });
      else if (currency === null) rejected.push({ row: i + 1, value: c });
      else if (!rate.ok || rate.value === null || !(rate.value > 0)) rejected.push({ row: i + 1, value: x });
      else rows.push({ month, currency, rate: rate.value });
    }
    return { rows, rejected };
  }
  return null;
}

/** The rates of `later` replacing those of `earlier` for the same month and currency, sorted by currency and month. */
export function mergeRates(earlier: readonly RateRow[], later: readonly RateRow[]): RateRow[] {
  const byKey = new Map<string, RateRow>();
  for (const r of [...earlier, ...later]) byKey.set(`${r.currency} ${r.month}`, r);
  return [...byKey.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.month - b.month);
}

/** The `Rates` sheet the add-in writes when rates are imported: Month (text `YYYY-MM`, so Excel keeps it a month), Currency, Rate. */
export function buildRatesSheet(rows: readonly RateRow[], headers: { month: string; currency: string; rate: string }, name: string = RATES_SHEET): SheetModel {
  return {
    name,
    role: 'list',
    freeze: { rows: 1, cols: 0 },
    columnWidths: { 0: 10, 1: 10, 2: 14 },
    blocks: [
      {
        kind: 'table',
        name: 'Rates',
        row: 0,
        col: 0,
        style: 'TableStyleLight9',
        columns: [{ header: headers.month, format: 'text' }, { header: headers.currency }, { header: headers.rate, format: 'general' }],
        rows: rows.map((r): Cell[] => [monthKey(r.month), r.currency, r.rate]),
      },
    ],
  };
}

function monthOf(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 1 ? monthIndexOfSerial(v) : null;
  if (typeof v !== 'string') return null;
  const text = v.trim();
  const m = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/.exec(text);
  return m ? parseMonthKey(`${m[1]}-${m[2]!.padStart(2, '0')}`) : null;
}

function blank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Rates pasted into the pane or read from a small CSV: one row per line,
 * cells split by tabs (a range copied from Excel), else semicolons, else
 * commas; with the Month, Currency, Rate header, or without one (then the
 * columns are in that order).
 */
export function ratesFromText(text: string): RatesRead {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const sep = lines.some((l) => l.includes('\t')) ? '\t' : lines.some((l) => l.includes(';')) ? ';' : ',';
  const values: SheetValues = lines.map((l) => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  return readRatesTable(values) ?? readRatesTable([['Month', 'Currency', 'Rate'], ...values]) ?? { rows: [], rejected: [] };
}
