import { type Locale, t } from '../i18n';
import type { Cell } from '../report/model';
import { type CellValue, isBlank, type SheetValues } from '../util/cell';
import { HeaderIndex } from '../util/header-index';
import { PLAN_SECTION_DEFS, PLAN_SECTIONS, type PlanSectionKey } from './plan-sections';
import type { PlanRow, PlanSection, SalesPlan } from './sales-plan';

const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

const HEADINGS: ReadonlyArray<readonly [string, PlanSectionKey]> = PLAN_SECTIONS.flatMap((k) =>
  LOCALES.map((l) => [t(l, PLAN_SECTION_DEFS[k].heading), k] as const),
);
const NOTES_HEADINGS = LOCALES.map((l) => t(l, 'plan.notes'));

const COLUMN_INDEXES: Readonly<Record<PlanSectionKey, HeaderIndex<string>>> = Object.fromEntries(
  PLAN_SECTIONS.map((k) => [k, new HeaderIndex<string>(PLAN_SECTION_DEFS[k].columns.map((c) => [c.key, LOCALES.map((l) => t(l, c.header))] as const))]),
) as Record<PlanSectionKey, HeaderIndex<string>>;

/** The section a heading cell starts, in either language (the channel heading carries a month after its name). */
function sectionOfHeading(value: CellValue): PlanSectionKey | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return HEADINGS.find(([heading, key]) => text === heading || (key === 'channels' && text.startsWith(heading)))?.[1] ?? null;
}

/**
 * Reads a Sales Plan back from its sheet (SPEC §5: later runs edit without
 * losing entries). Sections are found by their headings in column A, in
 * either language, each followed by its table's header row; a section's rows
 * run to the next heading, so rows the user added under a table are kept.
 * Blank rows are dropped. Columns are matched by header, the user's own
 * columns kept beside them. Everything under the Notes heading is kept as
 * typed. Sections not found are absent from the result.
 */
export function readSalesPlan(values: SheetValues): { sections: Partial<SalesPlan['sections']>; notes: Cell[][] } | null {
  const starts: { row: number; key: PlanSectionKey | 'notes' }[] = [];
  values.forEach((line, r) => {
    const first = line[0] ?? null;
    if (typeof first === 'string' && NOTES_HEADINGS.includes(first.trim())) starts.push({ row: r, key: 'notes' });
    const key = sectionOfHeading(first);
    if (key !== null && COLUMN_INDEXES[key].keyOf(values[r + 1]?.[0] ?? null) !== null) starts.push({ row: r, key });
  });
  if (starts.length === 0) return null;
  const sections: Partial<SalesPlan['sections']> = {};
  let notes: Cell[][] = [];
  starts.forEach((start, i) => {
    const end = starts[i + 1]?.row ?? values.length;
    if (start.key === 'notes') notes = readNotes(values.slice(start.row + 1, end));
    else if (!(start.key in sections)) sections[start.key] = readSection(values, start.key, start.row + 1, end);
  });
  return { sections, notes };
}

function readSection(values: SheetValues, key: PlanSectionKey, headerRow: number, end: number): PlanSection {
  const header = values[headerRow] ?? [];
  const index = COLUMN_INDEXES[key];
  const columns = new Map<number, string>();
  const extras: { col: number; header: string }[] = [];
  for (let c = 0; c < header.length && !isBlank(header[c] ?? null); c++) {
    const column = index.keyOf(header[c]);
    if (column !== null && ![...columns.values()].includes(column)) columns.set(c, column);
    else extras.push({ col: c, header: String(header[c]) });
  }
  const rows: PlanRow[] = [];
  for (let r = headerRow + 1; r < end; r++) {
    const line = values[r] ?? [];
    const cells: Record<string, CellValue> = {};
    for (const [c, column] of columns) cells[column] = line[c] ?? null;
    const rowExtras = extras.map((e) => line[e.col] ?? null);
    if (Object.values(cells).every(isBlank) && rowExtras.every(isBlank)) continue;
    rows.push({ cells, extras: rowExtras });
  }
  return { rows, extraHeaders: extras.map((e) => e.header) };
}

function readNotes(lines: SheetValues): Cell[][] {
  const out = Array.from(lines, (row = []) => {
    let endCol = row.length;
    while (endCol > 0 && isBlank(row[endCol - 1] ?? null)) endCol--;
    return row.slice(0, endCol).map((v): Cell => v ?? null);
  });
  while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
  return out;
}
