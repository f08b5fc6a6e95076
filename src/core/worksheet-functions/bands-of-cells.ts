import { cellText, parseNumber } from '../pipeline/parse-value';
import type { CellValue } from '../util/cell';
import { type BandRow, DEFAULT_RISK_BANDS, RISK_LEVELS } from '../risk/score';

/** The default bands of SPEC §5 under their English names (Low from 1, Medium 5, High 10, Critical 20). */
export const DEFAULT_BAND_ROWS: readonly BandRow<string>[] = RISK_LEVELS.map((level) => ({ name: level, from: DEFAULT_RISK_BANDS[level] }));

export type BandsOfCells =
  | { ok: true; bands: BandRow<string>[] }
  /** `index`: 0-based row of the cells at fault. */
  | { ok: false; problem: 'noBands' }
  | { ok: false; problem: 'noName' | 'notANumber' | 'notAscending'; index: number; value: CellValue };

/**
 * A bands table typed in a sheet, as rows of (level name, lowest score),
 * the layout of the register's `RiskBands` table. Blank rows are skipped;
 * a first row whose score cell is text (a "Level | From score" header) is
 * skipped too. Lowest scores must rise strictly from row to row, as the
 * register's `MATCH(score, froms, 1)` needs; `bandLevel` then gives the
 * level the register's formula gives.
 */
export function bandsOfCells(rows: readonly (readonly CellValue[])[]): BandsOfCells {
  const bands: BandRow<string>[] = [];
  let first = true;
  for (let i = 0; i < rows.length; i++) {
    const nameCell = rows[i]![0] ?? null;
    const fromCell = rows[i]![1] ?? null;
    const name = cellText(nameCell);
    const from = parseNumber(fromCell);
    if (name === null && from.ok && from.value === null) continue;
    const header = first && !from.ok;
    first = false;
    if (header) continue;
    if (!from.ok || from.value === null) return { ok: false, problem: 'notANumber', index: i, value: fromCell };
    if (name === null) return { ok: false, problem: 'noName', index: i, value: nameCell };
    const previous = bands[bands.length - 1];
    if (previous !== undefined && from.value <= previous.from) return { ok: false, problem: 'notAscending', index: i, value: fromCell };
    bands.push({ name, from: from.value });
  }
  return bands.length === 0 ? { ok: false, problem: 'noBands' } : { ok: true, bands };
}
