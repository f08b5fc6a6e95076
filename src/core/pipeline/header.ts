import type { CellValue, SheetValues } from '../util/cell';
import { cellText } from './parse-value';
import { FIELDS, type Field, fieldForHeader, normalizeHeader, REQUIRED_FIELDS } from './fields';
import type { StageConfig } from './stages';

/** How many rows from the top are searched for the header row (SPEC §1). */
export const HEADER_SEARCH_ROWS = 20;

/** Column index (0-based) of each mapped field. */
export type ColumnMapping = Partial<Record<Field, number>>;

/** User overrides: field → header text as it appears in the sheet, or null to unmap. */
export type MappingOverrides = Partial<Record<Field, string | null>>;

export interface HeaderDetection {
  /** Zero-based index of the header row within the sheet values. */
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  /** Column of each open stage's `<stage> date`, when present. */
  stageDateColumns: (number | null)[];
  missing: Field[];
}

/**
 * Finds the header row (the row among the first 20 that names the most
 * fields) and maps its columns to fields; overrides win over synonyms.
 * Returns null when no row names at least two fields.
 */
export function detectHeader(values: SheetValues, stages: StageConfig, overrides: MappingOverrides = {}): HeaderDetection | null {
  let best = -1;
  let bestScore = 1;
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const score = scoreRow(values[r] ?? [], overrides);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  if (best < 0) return null;
  const headers = (values[best] ?? []).map((v) => cellText(v) ?? '');
  const mapping = mapHeaders(headers, overrides);
  return {
    headerRow: best,
    headers,
    mapping,
    stageDateColumns: stageDateColumns(headers, stages, mapping),
    missing: REQUIRED_FIELDS.filter((f) => mapping[f] === undefined),
  };
}

function scoreRow(row: CellValue[], overrides: MappingOverrides): number {
  const overrideHeaders = new Set(
    Object.values(overrides)
      .filter((h): h is string => !!h)
      .map(normalizeHeader),
  );
  const found = new Set<string>();
  for (const cell of row) {
    if (typeof cell !== 'string') continue;
    const f = fieldForHeader(cell);
    if (f) found.add(f);
    else if (overrideHeaders.has(normalizeHeader(cell))) found.add(`override:${cell}`);
  }
  return found.size;
}

/** Maps each field to the first column whose header names it. */
export function mapHeaders(headers: string[], overrides: MappingOverrides = {}): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of FIELDS) {
    if (!(field in overrides)) continue;
    const wanted = overrides[field];
    if (wanted === null || wanted === undefined) continue;
    const col = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(wanted));
    if (col >= 0) {
      mapping[field] = col;
      taken.add(col);
    }
  }
  headers.forEach((h, col) => {
    if (taken.has(col)) return;
    const field = fieldForHeader(h);
    if (field && mapping[field] === undefined && !(field in overrides)) {
      mapping[field] = col;
      taken.add(col);
    }
  });
  return mapping;
}

/** `<stage> date` columns, e.g. "Qualified Date" or "商机 日期". */
function stageDateColumns(headers: string[], stages: StageConfig, mapping: ColumnMapping): (number | null)[] {
  const mapped = new Set(Object.values(mapping));
  const byHeader = new Map<string, number>();
  headers.forEach((h, col) => {
    if (!mapped.has(col)) byHeader.set(normalizeHeader(h), col);
  });
  return stages.stages.map((s) => {
    for (const name of [s.name, ...(s.aliases ?? [])]) {
      for (const suffix of ['date', '日期', 'datum']) {
        const col = byHeader.get(normalizeHeader(name) + suffix);
        if (col !== undefined) return col;
      }
    }
    return null;
  });
}
