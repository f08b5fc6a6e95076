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

/**
 * The monthly targets table inside a sheet (the plan template's `Targets`
 * table, or a sheet of its own): the first row, within the sheet, that has
 * both a month and a target header, and the rows below it up to the first
 * blank one. Null when the sheet has no such table.
 */
export function findTargetsTable(values: SheetValues): TargetsRead | null {
  for (let r = 0; r < values.length; r++) {
    const row = values[r] ?? [];
    const isHeader = (names: string[]) => row.findIndex((h) => typeof h === 'string' && names.includes(normalizeHeader(h)));
    const monthCol = isHeader(MONTH_HEADERS);
    const targetCol = isHeader(TARGET_HEADERS);
    if (monthCol < 0 || targetCol < 0) continue;
    let end = r + 1;
    while (end < values.length && !(values[end] ?? []).every((v, c) => (c !== monthCol && c !== targetCol) || v === null || v === '')) end++;
    const table = values.slice(r, end).map((line) => [line[monthCol] ?? null, line[targetCol] ?? null]);
    table[0] = ['month', 'target'];
    const read = readTargets(table);
    return { targets: read.targets, rejected: read.rejected.map((x) => ({ ...x, row: x.row + r })) };
  }
  return null;
}
