import { parseNumber } from '../pipeline/parse-value';
import type { CellValue } from '../util/cell';
import { ratio } from '../util/ratio';

export type RangeAttainment =
  | { ok: true; attainment: number | null; actual: number; target: number; rows: number }
  /** `index`: the 0-based row of the pair; `which`: the cell at fault. */
  | { ok: false; problem: 'missingTarget' | 'notANumber'; index: number; which: 'actual' | 'target'; value: CellValue };

/**
 * Target attainment of parallel columns of actuals and targets, one row per
 * month (SPEC §2): Σ actual ÷ Σ target, a ratio of sums, null when the
 * targets add up to zero. As in `attainment`, a month with an actual but
 * no target makes the whole range undefined (a partial target would
 * overstate attainment), and a month with a target and a blank actual had
 * no revenue (0). A row where neither cell is a number (a header, or
 * blank) is left out. Numbers may be text with separators and a currency
 * symbol, as the reader accepts amounts.
 */
export function attainmentOfColumns(actuals: readonly CellValue[], targets: readonly CellValue[]): RangeAttainment {
  let actual = 0;
  let target = 0;
  let rows = 0;
  const n = Math.min(actuals.length, targets.length);
  for (let i = 0; i < n; i++) {
    const a = parseNumber(actuals[i] ?? null);
    const t = parseNumber(targets[i] ?? null);
    const aNum = a.ok && a.value !== null;
    const tNum = t.ok && t.value !== null;
    if (!aNum && !tNum) continue;
    if (!tNum) return { ok: false, problem: 'missingTarget', index: i, which: 'target', value: targets[i] ?? null };
    if (!a.ok) return { ok: false, problem: 'notANumber', index: i, which: 'actual', value: actuals[i] ?? null };
    actual += a.value ?? 0;
    target += t.value!;
    rows++;
  }
  return { ok: true, attainment: ratio(actual, target), actual, target, rows };
}
