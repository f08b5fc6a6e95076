import { t } from '../i18n';
import { type CellValue, isBlank, type SheetValues } from '../util/cell';
import { HeaderIndex } from '../util/header-index';
import { type RiskBandCells, type RiskRegister, type RiskRow } from './register';
import { COMPUTED_RISK_COLUMNS, RISK_COLUMNS, riskColumnHeaderKey, type RiskColumn, type RiskInputColumn } from './register-columns';

const LOCALES = ['en-US', 'zh-CN'] as const;

/** Register headers in both languages, and the column keys themselves (CSV field names). */
export const RISK_HEADERS = new HeaderIndex<RiskColumn>(RISK_COLUMNS.map((c) => [c, LOCALES.map((l) => t(l, riskColumnHeaderKey(c)))] as const));

const BAND_LEVEL_HEADERS = LOCALES.map((l) => t(l, 'risk.bands.level'));
const BAND_FROM_HEADERS = LOCALES.map((l) => t(l, 'risk.bands.from'));
/** The register's header row is looked for in the first rows only. */
const HEADER_SEARCH_ROWS = 30;
/** Enough recognised headers to tell the register from a stray cell that says "ID". */
const MIN_HEADERS = 4;

/** Where the register's header row is and which column holds what. */
export interface RegisterHeader {
  row: number;
  /** Sheet column → register column, for the columns recognised. */
  columns: Map<number, RiskColumn>;
  /** Sheet columns of the user's own columns, with their headers. */
  extras: { col: number; header: string }[];
}

/**
 * The register's header row: the first row with at least four register
 * headers (either language). The register spans from its first recognised
 * header rightwards to the first blank header cell; unknown headers in that
 * span are the user's own columns. A header seen twice ends the span, so the
 * bands table's "Level" beside the register is never taken for a column.
 */
export function findRegisterHeader(values: SheetValues, maxRows = HEADER_SEARCH_ROWS): RegisterHeader | null {
  for (let r = 0; r < Math.min(values.length, maxRows); r++) {
    const row = values[r] ?? [];
    const first = row.findIndex((v) => RISK_HEADERS.keyOf(v) !== null);
    if (first < 0) continue;
    const columns = new Map<number, RiskColumn>();
    const extras: RegisterHeader['extras'] = [];
    const seen = new Set<RiskColumn>();
    for (let c = first; c < row.length && !isBlank(row[c] ?? null); c++) {
      const key = RISK_HEADERS.keyOf(row[c]);
      if (key !== null && seen.has(key)) break;
      if (key === null && BAND_FROM_HEADERS.includes(String(row[c]).trim())) break;
      if (key !== null) {
        seen.add(key);
        columns.set(c, key);
      } else extras.push({ col: c, header: String(row[c]) });
    }
    if (columns.size >= MIN_HEADERS) return { row: r, columns, extras };
  }
  return null;
}

/**
 * Reads a register back from a sheet's values (SPEC §5: later runs edit
 * without losing entries): every row below the header with anything typed in
 * a user column — rows the user added below the table included — with the
 * user's own columns; score and level are left out (they are formulas).
 * Blank rows are dropped. The bands table is read back as typed. Null when
 * the sheet holds no register.
 */
export function readRiskRegister(values: SheetValues): RiskRegister | null {
  const header = findRegisterHeader(values);
  if (header === null) return null;
  const rows: RiskRow[] = [];
  for (let r = header.row + 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const cells: Partial<Record<RiskInputColumn, CellValue>> = {};
    let filled = false;
    for (const [c, key] of header.columns) {
      if (COMPUTED_RISK_COLUMNS.includes(key)) continue;
      const v = line[c] ?? null;
      cells[key as RiskInputColumn] = v;
      if (!isBlank(v)) filled = true;
    }
    const extras = header.extras.map((e) => line[e.col] ?? null);
    if (!filled && extras.every(isBlank)) continue;
    rows.push({ cells, extras });
  }
  return { rows, extraHeaders: header.extras.map((e) => e.header), bands: readBands(values, header.row) ?? [] };
}

/** The bands table: a "Level | From score" header (either language) and its rows down to the first blank one. */
function readBands(values: SheetValues, fromRow: number): RiskBandCells[] | null {
  for (let r = Math.max(0, fromRow - 5); r < Math.min(values.length, fromRow + HEADER_SEARCH_ROWS); r++) {
    const row = values[r] ?? [];
    for (let c = 0; c + 1 < row.length; c++) {
      if (!BAND_LEVEL_HEADERS.includes(String(row[c] ?? '').trim()) || !BAND_FROM_HEADERS.includes(String(row[c + 1] ?? '').trim())) continue;
      const bands: RiskBandCells[] = [];
      for (let b = r + 1; b < values.length; b++) {
        const name = values[b]?.[c] ?? null;
        const from = values[b]?.[c + 1] ?? null;
        if (isBlank(name) && isBlank(from)) break;
        bands.push({ name, from });
      }
      return bands;
    }
  }
  return null;
}
