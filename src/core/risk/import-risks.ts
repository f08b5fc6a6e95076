import { parseDate, parseNumber } from '../pipeline/parse-value';
import { type CellValue, isBlank, type SheetValues } from '../util/cell';
import { RISK_HEADERS } from './read-register';
import { nextRiskId, riskIdKey, type RiskRow } from './register';
import { COMPUTED_RISK_COLUMNS, type RiskInputColumn } from './register-columns';

/** A cell of the import that was taken as typed because it is not what its column expects. */
export interface ImportIssue {
  /** 1-based row of the import file. */
  row: number;
  column: RiskInputColumn;
  value: CellValue;
  reason: 'notANumber' | 'notADate';
}

export interface RisksImported {
  rows: RiskRow[];
  added: number;
  updated: number;
  issues: ImportIssue[];
  /** False when the file's first row names no register column. */
  recognised: boolean;
}

const NUMBER_COLUMNS: readonly RiskInputColumn[] = ['probability', 'impact'];
const DATE_COLUMNS: readonly RiskInputColumn[] = ['reviewDate', 'lastDrillDate'];

/**
 * Merges rows of a `risks.csv` (first row: register headers in either
 * language, or the column keys such as `probability`) into the register by
 * ID: a row whose ID is already there updates that risk — only the cells the
 * file fills, so a partial file never blanks an entry — and any other row is
 * appended, given the next free ID when it has none. Numbers and dates
 * written as text are read (`2026-05-01`, `2026年5月1日`); a value that is
 * not one is kept as typed and reported. Score and level columns are ignored:
 * they are formulas.
 */
export function importRisks(existing: readonly RiskRow[], values: SheetValues, extraColumns: number): RisksImported {
  const header = values[0] ?? [];
  const columns = new Map<number, RiskInputColumn>();
  header.forEach((h, c) => {
    const key = RISK_HEADERS.keyOf(h);
    if (key !== null && !COMPUTED_RISK_COLUMNS.includes(key) && ![...columns.values()].includes(key as RiskInputColumn)) columns.set(c, key as RiskInputColumn);
  });
  const rows = existing.map((r) => ({ cells: { ...r.cells }, extras: [...r.extras] }));
  const result: RisksImported = { rows, added: 0, updated: 0, issues: [], recognised: columns.size > 0 };
  if (columns.size === 0) return result;
  const byId = new Map<string, RiskRow>();
  for (const row of rows) {
    const key = riskIdKey(row.cells.id ?? null);
    if (key !== null && !byId.has(key)) byId.set(key, row);
  }
  values.slice(1).forEach((line, i) => {
    const cells: Partial<Record<RiskInputColumn, CellValue>> = {};
    for (const [c, key] of columns) {
      const raw = line[c] ?? null;
      if (isBlank(raw)) continue;
      cells[key] = typed(key, raw, i + 2, result.issues);
    }
    if (Object.keys(cells).length === 0) return;
    const id = riskIdKey(cells.id ?? null);
    const target = id === null ? undefined : byId.get(id);
    if (target) {
      // The ID matched as written in the register; keep its spelling.
      delete cells.id;
      Object.assign(target.cells, cells);
      result.updated++;
      return;
    }
    const row: RiskRow = { cells: { ...cells, id: cells.id ?? nextRiskId(rows) }, extras: new Array<CellValue>(extraColumns).fill(null) };
    rows.push(row);
    byId.set(riskIdKey(row.cells.id ?? null)!, row);
    result.added++;
  });
  return result;
}

function typed(column: RiskInputColumn, raw: CellValue, row: number, issues: ImportIssue[]): CellValue {
  if (NUMBER_COLUMNS.includes(column)) {
    const n = parseNumber(raw);
    if (n.ok && n.value !== null) return n.value;
    issues.push({ row, column, value: raw, reason: 'notANumber' });
  } else if (DATE_COLUMNS.includes(column)) {
    const d = parseDate(raw);
    if (d.ok && d.value !== null) return d.value;
    issues.push({ row, column, value: raw, reason: 'notADate' });
  } else if (column === 'id' && typeof raw === 'number') return String(raw);
  return raw;
}
