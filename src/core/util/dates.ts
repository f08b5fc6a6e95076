/**
 * Dates in the core are Excel serial day numbers (1900 date system, day 1 =
 * 1900-01-01, with Excel's phantom 1900-02-29 so serial 60 is skipped in
 * practice). Serials after 1900-03-01 map to the proleptic Gregorian
 * calendar with epoch 1899-12-30, which is all real pipeline data needs.
 * Months are handled as integer month indexes (year × 12 + month − 1) and
 * shown as `YYYY-MM`.
 */
const MS_PER_DAY = 86_400_000;
const EPOCH_UTC = Date.UTC(1899, 11, 30);

export function serialFromYmd(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_UTC) / MS_PER_DAY);
}

export function ymdFromSerial(serial: number): { year: number; month: number; day: number } {
  const d = new Date(EPOCH_UTC + Math.floor(serial) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** A JS Date (taken at its UTC calendar day) → serial. */
export function serialFromDate(d: Date): number {
  return serialFromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function isoFromSerial(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Month index = year × 12 + (month − 1). */
export type MonthIndex = number;

export function monthIndexOfSerial(serial: number): MonthIndex {
  const { year, month } = ymdFromSerial(serial);
  return year * 12 + month - 1;
}

export function monthKey(m: MonthIndex): string {
  return `${Math.floor(m / 12)}-${pad2((m % 12) + 1)}`;
}

/** Parses `YYYY-MM`; returns null for anything else. */
export function parseMonthKey(text: string): MonthIndex | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

/** First serial day of a month. */
export function monthStartSerial(m: MonthIndex): number {
  return serialFromYmd(Math.floor(m / 12), (m % 12) + 1, 1);
}

/** First serial day after a month (exclusive end). */
export function monthEndSerial(m: MonthIndex): number {
  return monthStartSerial(m + 1);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
