import { type Locale, type MessageKey, t } from '../i18n';
import type { CellValue } from '../util/cell';
import type { RiskInputColumn } from './register-columns';
import { DEFAULT_RISK_BANDS, RISK_LEVELS, type RiskLevel } from './score';

/** One risk as the user keeps it: the cells they own (everything but score and level). */
export interface RiskRow {
  /** Cells by column as typed; category, strategy and status hold a label (either language) or key. */
  cells: Partial<Record<RiskInputColumn, CellValue>>;
  /** Cells of columns the user added to the table, in the order of `RiskRegister.extraHeaders`. */
  extras: CellValue[];
}

/** A row of the bands table as it stands in the sheet (the user may type anything). */
export interface RiskBandCells {
  name: CellValue;
  from: CellValue;
}

/** Everything the `Risk Register` sheet holds that is not computed. */
export interface RiskRegister {
  rows: RiskRow[];
  /** Headers of columns the user added to the right of the register. */
  extraHeaders: string[];
  bands: RiskBandCells[];
}

export function levelName(level: RiskLevel, locale: Locale): string {
  return t(locale, `risk.level.${level.toLowerCase()}` as MessageKey);
}

/** The default bands of SPEC §5 (Low from 1, Medium 5, High 10, Critical 20) with names in the user's language. */
export function defaultBands(locale: Locale): RiskBandCells[] {
  return RISK_LEVELS.map((level) => ({ name: levelName(level, locale), from: DEFAULT_RISK_BANDS[level] }));
}

export function emptyRegister(locale: Locale): RiskRegister {
  return { rows: [], extraHeaders: [], bands: defaultBands(locale) };
}

/** A default level name in either language → the same level in `locale`; any other name is kept. */
export function localizeBandName(name: CellValue, locale: Locale): CellValue {
  if (typeof name !== 'string') return name;
  const level = RISK_LEVELS.find((l) => (['en-US', 'zh-CN'] as const).some((loc) => levelName(l, loc) === name.trim()));
  return level ? levelName(level, locale) : name;
}

const ID_PATTERN = /^R-(\d+)$/i;

/** The next free `R-nnn` identifier after those in use. */
export function nextRiskId(rows: readonly RiskRow[]): string {
  let max = 0;
  for (const row of rows) {
    const m = typeof row.cells.id === 'string' ? ID_PATTERN.exec(row.cells.id.trim()) : null;
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `R-${String(max + 1).padStart(3, '0')}`;
}

/** Identifiers compare trimmed and case-insensitively; numbers as their digits. */
export function riskIdKey(id: CellValue): string | null {
  if (id === null || typeof id === 'boolean') return null;
  const text = String(id).trim().toLocaleLowerCase('en-US');
  return text === '' ? null : text;
}

/** Rows without an ID get the next free `R-nnn`, in order; rows with one keep it. */
export function withIds(rows: readonly RiskRow[]): RiskRow[] {
  const out: RiskRow[] = [];
  for (const row of rows) {
    const missing = riskIdKey(row.cells.id ?? null) === null;
    out.push(missing ? { ...row, cells: { ...row.cells, id: nextRiskId([...out, ...rows]) } } : row);
  }
  return out;
}
