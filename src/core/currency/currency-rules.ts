/**
 * The multi-currency rules of SPEC §9 in one place, so that another engine
 * (the DuckDB SQL of SPEC §10) can mirror them rule by rule:
 *
 * 1. **Codes.** A currency is an ISO 4217 code (three letters, any case) or
 *    one of the symbols `¥`/`￥`/`CN¥`/`RMB`/`元` → CNY, `$`/`US$` → USD,
 *    `€` → EUR, `£` → GBP, `HK$` → HKD (`currencyCode`).
 * 2. **Text amounts** (`readAmountText`): an optional sign (`+500` is 500,
 *    `-5`, accounting parentheses), a currency symbol or code before or
 *    after the digits, then the digits:
 *    - both `.` and `,` present: the last one is the decimal separator
 *      (`1.234,56` = 1234.56, `1,234.56` = 1234.56); the other one, and
 *      spaces, group thousands in groups of three;
 *    - one kind of separator used more than once (`1.234.567`), or spaces:
 *      thousands;
 *    - one separator followed by other than three digits (`12,5`, `0.25`):
 *      the decimal separator;
 *    - one separator followed by exactly three digits (`1,234`, `€1.234`) is
 *      **ambiguous**: read with the workbook's decimal separator when it has
 *      one, else with the convention of the cell's currency when that
 *      convention is unambiguous (`$1,234`, `¥1,234`: dot decimals, comma
 *      thousands), else the reason `ambiguousSeparator` (a data issue).
 * 3. **Rates** (`RateBook`): `Rates` rows (month `YYYY-MM`, currency, rate =
 *    reporting-currency units per 1 unit). A won or lost deal converts at
 *    the rate of its close month (that month's row, exactly); an open deal
 *    (or a closed one without a close date) at the latest rate at or before
 *    the report month. The reporting currency's own rate is 1 and needs no
 *    row. No rate: the deal's amounts are unknown (a data issue), never
 *    summed unconverted.
 *
 * Pure: no I/O, no locale lookups; the caller says the decimal separator.
 */

import type { MonthIndex } from '../util/dates';

/** ISO 4217 code, upper case (`CNY`). */
export type CurrencyCode = string;

/** The decimal separator of the workbook's locale, when known. */
export type DecimalSeparator = '.' | ',';

/** Symbols (and the Chinese words for the yuan) → ISO code (SPEC §9). Longest first, so `HK$` wins over `$`. */
export const CURRENCY_SYMBOLS: readonly (readonly [string, CurrencyCode])[] = [
  ['CN¥', 'CNY'],
  ['HK$', 'HKD'],
  ['US$', 'USD'],
  ['RMB', 'CNY'],
  ['人民币', 'CNY'],
  ['元', 'CNY'],
  ['¥', 'CNY'],
  ['￥', 'CNY'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
];

/**
 * Currencies whose amounts are written with dot decimals and comma
 * thousands wherever they are used, so `1,234` in them is one thousand two
 * hundred and thirty-four (CLDR: en-US, zh-CN, en-GB, zh-HK, ja-JP). The
 * euro is not among them (de-DE writes `1.234,56`, en-IE `1,234.56`).
 */
export const DOT_DECIMAL_CURRENCIES: ReadonlySet<CurrencyCode> = new Set(['USD', 'CNY', 'GBP', 'HKD', 'JPY']);

/** The ISO code a currency cell or symbol names; null when it names none. */
export function currencyCode(text: string): CurrencyCode | null {
  const t = text.trim();
  if (t === '') return null;
  const upper = t.toUpperCase();
  for (const [symbol, code] of CURRENCY_SYMBOLS) if (upper === symbol.toUpperCase()) return code;
  return /^[A-Z]{3}$/.test(upper) ? upper : null;
}

export type AmountTextFailure = 'notANumber' | 'ambiguousSeparator';

export type AmountText = { ok: true; value: number; currency: CurrencyCode | null } | { ok: false; reason: AmountTextFailure; negative: boolean };

/**
 * ISO codes a text amount may carry beside its digits (`1 234 SEK`, `USD 99.9`): the common ones, so
 * that a word such as `TBD` or `12abc` stays "not a number". A currency column takes any three letters.
 */
export const TEXT_CODES = 'CNY|USD|EUR|GBP|JPY|HKD|TWD|SGD|KRW|INR|AUD|CAD|CHF|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RUB|BRL|MXN|ZAR|TRY|THB|MYR|IDR|PHP|VND|AED|SAR|ILS';
const SYMBOL_ALTERNATIVES = CURRENCY_SYMBOLS.map(([s]) => s.replace(/[$]/g, (c) => `\\${c}`)).join('|');
const PREFIX = new RegExp(`^(${SYMBOL_ALTERNATIVES}|(?:${TEXT_CODES})(?![A-Za-z]))\\s*`, 'iu');
const SUFFIX = new RegExp(`\\s*(${SYMBOL_ALTERNATIVES}|(?<![A-Za-z])(?:${TEXT_CODES}))$`, 'iu');
/** Digits with `.`, `,`, spaces or no-break spaces between them. */
const DIGITS = /^\d[\d., \u00a0\u202f]*$|^[.,]\d+$/;

/**
 * Reads a text amount (rule 2 above): its value and the currency its symbol
 * or code names (null when none). `decimal` is the workbook's decimal
 * separator, when it has a locale.
 */
export function readAmountText(text: string, decimal?: DecimalSeparator): AmountText {
  let s = text.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let signs = 0;
  const takeSign = () => {
    if (s.startsWith('-') || s.startsWith('+')) {
      if (s.startsWith('-')) negative = !negative;
      s = s.slice(1).trim();
      signs++;
    }
  };
  takeSign();
  let currency: CurrencyCode | null = null;
  const pre = PREFIX.exec(s);
  if (pre) {
    currency = currencyCode(pre[1]!);
    s = s.slice(pre[0].length);
  }
  // One sign at most, before or after the symbol (`-$5`, `$-5`).
  if (signs === 0) takeSign();
  if (currency === null) {
    const post = SUFFIX.exec(s);
    if (post) {
      currency = currencyCode(post[1]!);
      s = s.slice(0, s.length - post[0].length);
    }
  }
  const value = readDigits(s, decimal ?? (currency !== null && DOT_DECIMAL_CURRENCIES.has(currency) ? '.' : undefined));
  if (typeof value === 'string') return { ok: false, reason: value, negative };
  return { ok: true, value: negative ? -value : value, currency };
}

/** The number of a run of digits and separators (rule 2), or why it has none. */
function readDigits(s: string, decimal: DecimalSeparator | undefined): number | AmountTextFailure {
  if (!DIGITS.test(s)) return 'notANumber';
  const spaced = /[ \u00a0\u202f]/.test(s);
  const dots = count(s, '.');
  const commas = count(s, ',');
  let decimalSep: DecimalSeparator | null;
  if (dots > 0 && commas > 0) decimalSep = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 0) decimalSep = null;
  else {
    const sep = dots > 0 ? '.' : ',';
    const n = dots + commas;
    const after = s.length - s.lastIndexOf(sep) - 1;
    if (n > 1) decimalSep = null;
    else if (after !== 3 || spaced || s.startsWith(sep)) decimalSep = sep;
    else if (decimal !== undefined) decimalSep = decimal === sep ? sep : null;
    else return 'ambiguousSeparator';
  }
  const [whole, fraction, more] = decimalSep === null ? [s] : s.split(decimalSep);
  if (more !== undefined || (fraction !== undefined && !/^\d+$/.test(fraction))) return 'notANumber';
  if (!validGroups(whole!, decimalSep === null ? null : decimalSep === '.' ? ',' : '.')) return 'notANumber';
  const digits = whole!.replace(/[., \u00a0\u202f]/g, '');
  return Number(`${digits || '0'}${fraction === undefined ? '' : `.${fraction}`}`);
}

/** The whole part: plain digits, or groups of three after the first (one kind of separator, or spaces). */
function validGroups(whole: string, thousands: '.' | ',' | null): boolean {
  if (whole === '') return true;
  if (/^\d+$/.test(whole)) return true;
  const seps = thousands === null ? '[.,]' : `[\\${thousands}]`;
  const group = new RegExp(`^\\d{1,3}(?:(?:${seps}|[ \\u00a0\\u202f])\\d{3})+$`);
  if (!group.test(whole)) return false;
  // One thousands separator throughout (`1.234,567` is not a number).
  const kinds = new Set(whole.replace(/\d/g, '').replace(/[\u00a0\u202f]/g, ' '));
  return kinds.size === 1;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

/** One `Rates` row (SPEC §9). */
export interface RateRow {
  month: MonthIndex;
  currency: CurrencyCode;
  /** Reporting-currency units per one unit of `currency`. */
  rate: number;
}

/** Which rule picks a deal's rate (rule 3 above). */
export type RateRule = { kind: 'closeMonth'; month: MonthIndex } | { kind: 'latestAtOrBefore'; month: MonthIndex };

/** The rates of a `Rates` table, looked up by currency and month. A later row for the same month and currency replaces an earlier one. */
export class RateBook {
  private readonly byCurrency = new Map<CurrencyCode, { months: MonthIndex[]; rates: number[] }>();

  constructor(
    readonly reporting: CurrencyCode | null,
    rows: readonly RateRow[],
  ) {
    const latest = new Map<CurrencyCode, Map<MonthIndex, number>>();
    for (const r of rows) {
      let months = latest.get(r.currency);
      if (!months) latest.set(r.currency, (months = new Map()));
      months.set(r.month, r.rate);
    }
    for (const [currency, months] of latest) {
      const sorted = [...months.keys()].sort((a, b) => a - b);
      this.byCurrency.set(currency, { months: sorted, rates: sorted.map((m) => months.get(m)!) });
    }
  }

  /**
   * The rate of a currency under a rule; 1 for the reporting currency (and for a deal with no currency: it is in the reporting currency); null when the
   * table has none.
   */
  rate(currency: CurrencyCode | null, rule: RateRule): number | null {
    if (currency === null || currency === this.reporting) return 1;
    const table = this.byCurrency.get(currency);
    if (!table) return null;
    const { months, rates } = table;
    // Binary search: the last month ≤ rule.month.
    let lo = 0;
    let hi = months.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (months[mid]! <= rule.month) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) return null;
    if (rule.kind === 'closeMonth' && months[at] !== rule.month) return null;
    return rates[at]!;
  }
}

/**
 * The default reporting currency (SPEC §9): the most frequent currency of
 * the won deals (ties: the code first in alphabetical order); null when no
 * won deal names one.
 */
export function mostFrequentCurrency(currencies: Iterable<CurrencyCode | null>): CurrencyCode | null {
  const counts = new Map<CurrencyCode, number>();
  for (const c of currencies) if (c !== null) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best: CurrencyCode | null = null;
  for (const [code, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && code < best)) best = code;
  return best;
}

/** Excel number format of amounts in a currency, without decimals (SPEC §7): `"¥"#,##0`, `"$"#,##0`, else `#,##0 "SEK"`. Null currency: no symbol. */
export function currencyFormatCode(currency: CurrencyCode | null): string {
  if (currency === null) return '#,##0';
  const symbol = FORMAT_SYMBOLS[currency];
  return symbol ? `"${symbol}"#,##0` : `#,##0 "${currency}"`;
}

const FORMAT_SYMBOLS: Readonly<Record<string, string>> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$', JPY: '¥' };
