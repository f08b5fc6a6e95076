import { FIELD_SYNONYMS, normalizeHeader } from './pipeline/fields';
import { parseNumber } from './pipeline/parse-value';
import type { MonthlyTarget } from './settings';
import type { CellValue, SheetValues } from './util/cell';
import { type MonthIndex, monthIndexOfSerial, monthKey, parseMonthKey } from './util/dates';

const MONTH_HEADERS = ['month', '月份', 'period'].map(normalizeHeader);
const TARGET_HEADERS = ['target', '目标', 'quota', 'revenue target', '销售目标'].map(normalizeHeader);
const OWNER_HEADERS = ['owner', ...FIELD_SYNONYMS.owner].map(normalizeHeader);

export interface TargetsRead {
  targets: MonthlyTarget[];
  /** Rows that could not be read, 1-based, with the offending value. */
  rejected: { row: number; value: CellValue }[];
}

/**
 * Monthly targets from a two-column table (`month,target`, headers in
 * English or Chinese; months as `YYYY-MM` text or a date), with an
 * optional Owner column (SPEC §8: per-owner targets). A month (for an
 * owner) given twice keeps its last value.
 */
export function readTargets(values: SheetValues): TargetsRead {
  const header = values[0] ?? [];
  const find = (names: string[]) => header.findIndex((h) => typeof h === 'string' && names.includes(normalizeHeader(h)));
  const monthCol = Math.max(find(MONTH_HEADERS), 0);
  const targetCol = find(TARGET_HEADERS) >= 0 ? find(TARGET_HEADERS) : 1;
  const ownerCol = find(OWNER_HEADERS);
  const byMonth = new Map<string, MonthlyTarget>();
  const rejected: TargetsRead['rejected'] = [];
  values.slice(1).forEach((row, i) => {
    const rawMonth = row[monthCol] ?? null;
    const rawTarget = row[targetCol] ?? null;
    if (rawMonth === null && rawTarget === null) return;
    const month =
      typeof rawMonth === 'number'
        ? monthKey(monthIndexOfSerial(rawMonth))
        : typeof rawMonth === 'string' && parseMonthKey(rawMonth) !== null
          ? monthKey(parseMonthKey(rawMonth)!)
          : null;
    const target = parseNumber(rawTarget);
    if (month === null) rejected.push({ row: i + 2, value: rawMonth });
    else if (!target.ok || target.value === null) rejected.push({ row: i + 2, value: rawTarget });
    else {
      const ownerCell = ownerCol >= 0 ? row[ownerCol] : null;
      const owner = typeof ownerCell === 'string' && ownerCell.trim() !== '' ? ownerCell.trim() : typeof ownerCell === 'number' ? String(ownerCell) : undefined;
      byMonth.set(
        owner === undefined ? month : `${month}\u0000${owner}`,
        owner === undefined ? { month, target: target.value } : { month, target: target.value, owner },
      );
    }
  });
  const targets = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
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
    const ownerCol = isHeader(OWNER_HEADERS);
    let end = r + 1;
    while (end < values.length && !(values[end] ?? []).every((v, c) => (c !== monthCol && c !== targetCol) || v === null || v === '')) end++;
    const table = values.slice(r, end).map((line) => [line[monthCol] ?? null, line[targetCol] ?? null, ownerCol >= 0 ? (line[ownerCol] ?? null) : null]);
    table[0] = ['month', 'target', 'owner'];
    const read = readTargets(table);
    return { targets: read.targets, rejected: read.rejected.map((x) => ({ ...x, row: x.row + r })) };
  }
  return null;
}

/**
 * The team's target of each month: the sum of the month's rows (one per
 * owner when the table has an Owner column, SPEC §8), a row repeated for
 * the same month and owner counting once with its last value.
 */
export function teamTargetsByMonth(targets: readonly MonthlyTarget[]): Map<MonthIndex, number> {
  const last = new Map<string, { month: MonthIndex; target: number }>();
  for (const t of targets) {
    const m = parseMonthKey(t.month);
    if (m !== null && Number.isFinite(t.target)) last.set(`${m}\u0000${t.owner ?? ''}`, { month: m, target: t.target });
  }
  const out = new Map<MonthIndex, number>();
  for (const { month, target } of last.values()) out.set(month, (out.get(month) ?? 0) + target);
  return out;
}

/** Owner targets of each month, owners compared trimmed and case-folded; rows without an owner are left out. */
export function ownerTargetsByMonth(targets: readonly MonthlyTarget[]): Map<string, Map<MonthIndex, number>> {
  const out = new Map<string, Map<MonthIndex, number>>();
  for (const t of targets) {
    const m = parseMonthKey(t.month);
    if (t.owner === undefined || m === null || !Number.isFinite(t.target)) continue;
    const key = ownerKey(t.owner);
    let months = out.get(key);
    if (!months) out.set(key, (months = new Map()));
    months.set(m, t.target);
  }
  return out;
}

/** How owners are compared between the pipeline and the targets. */
export function ownerKey(owner: string): string {
  return owner.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}
