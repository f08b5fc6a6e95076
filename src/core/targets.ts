import { normalizeHeader } from './pipeline/fields';
import { parseNumber } from './pipeline/parse-value';
import type { MonthlyTarget } from './settings';
import type { CellValue, SheetValues } from './util/cell';
import { monthIndexOfSerial, monthKey, parseMonthKey } from './util/dates';

const MONTH_HEADERS = ['month', '月份', 'period'].map(normalizeHeader);
const TARGET_HEADERS = ['target', '目标', 'quota', 'revenue target', '销售目标'].map(normalizeHeader);

export interface TargetsRead {
  targets: MonthlyTarget[];
  /** Rows that could not be read, 1-based, with the offending value. */
  rejected: { row: number; value: CellValue }[];
}

/**
 * Monthly targets from a two-column table (`month,target`, headers in
 * English or Chinese; months as `YYYY-MM` text or a date). A month given
 * twice keeps its last value.
 */
export function readTargets(values: SheetValues): TargetsRead {
  const header = values[0] ?? [];
  const find = (names: string[]) => header.findIndex((h) => typeof h === 'string' && names.includes(normalizeHeader(h)));
  const monthCol = Math.max(find(MONTH_HEADERS), 0);
  const targetCol = find(TARGET_HEADERS) >= 0 ? find(TARGET_HEADERS) : 1;
  const byMonth = new Map<string, number>();
  const rejected: TargetsRead['rejected'] = [];
  values.slice(1).forEach((row, i) => {
    const rawMonth = row[monthCol] ?? null;
    const rawTarget = row[targetCol] ?? null;
    if (rawMonth === null && rawTarget === null) return;
    const month = typeof rawMonth === 'number' ? monthKey(monthIndexOfSerial(rawMonth)) : typeof rawMonth === 'string' && parseMonthKey(rawMonth) !== null ? monthKey(parseMonthKey(rawMonth)!) : null;
    const target = parseNumber(rawTarget);
    if (month === null) rejected.push({ row: i + 2, value: rawMonth });
    else if (!target.ok || target.value === null) rejected.push({ row: i + 2, value: rawTarget });
    else byMonth.set(month, target.value);
  });
  const targets = [...byMonth.entries()].map(([month, target]) => ({ month, target })).sort((a, b) => a.month.localeCompare(b.month));
  return { targets, rejected };
}
