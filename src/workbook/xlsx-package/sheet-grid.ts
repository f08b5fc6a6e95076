import type { Cell, ChartBlock, SheetModel, TableBlock } from '../../core/report/model';
import { tableRowAt, tableRowCount } from '../../core/report/table-rows';
import type { CellValue } from '../../core/util/cell';
import type { StyleBook } from './style-book';

/** A cell to write: the model's value and its cellXfs index. */
export interface GridCell {
  value: Cell;
  style: number;
}

/** A table as it lands on the sheet: its block, the header texts written, its A1 range. */
export interface PlacedTable {
  block: TableBlock;
  headers: string[];
  /** Zero-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * A run of rows one block puts on the sheet, read straight from the model:
 * row `i` of the span is sheet row `top + i` and holds `values(i)` from
 * column `col` on, column `c` styled `styles[c]`. Nothing is copied per
 * cell, so a 100,000-row table costs no more than the model already holds.
 */
export interface RowSpan {
  top: number;
  count: number;
  col: number;
  values(i: number): readonly (Cell | undefined)[];
  styles: readonly number[];
  /**
   * Columns the span covers in every row (a table covers all of its
   * columns, blanks included); without it a row covers the values it has.
   */
  width?: number;
  /**
   * A blank cell of this span is written as nothing, not as an empty cell in
   * its column's format: set for the data sheet's body of deals, where about
   * one cell in six is blank (a closed deal's forecast columns, an open
   * deal's close date) and nobody types, so the formats would be bytes only.
   */
  bareBlanks?: true;
}

/** A sheet model laid out as row spans, with the tables and charts that go beside the grid. */
export interface SheetGrid {
  /** In block order: where two overlap, the later one wins (a blank included). */
  spans: RowSpan[];
  tables: PlacedTable[];
  charts: ChartBlock[];
}

/**
 * Lays the model's blocks onto the sheet (a later block wins where two
 * overlap). With `carriedNotes`, the Notes rows come from the previous
 * version of the tab (notes-region.ts), so only their heading is laid out.
 */
export function layoutSheet(model: SheetModel, styles: StyleBook, carriedNotes = false): SheetGrid {
  const grid: SheetGrid = { spans: [], tables: [], charts: [] };
  for (const block of model.blocks) {
    switch (block.kind) {
      case 'cells': {
        const width = block.cells.reduce((w, row) => Math.max(w, row.length), 0);
        const columnStyles = Array.from({ length: width }, (_, c) => styles.cellStyle(block.formats?.[c], block.style));
        grid.spans.push({ top: block.row, count: block.cells.length, col: block.col, values: (i) => block.cells[i]!, styles: columnStyles });
        break;
      }
      case 'table': {
        const headers = uniqueHeaders(block.columns.map((c) => c.header));
        const width = block.columns.length;
        grid.spans.push({ top: block.row, count: 1, col: block.col, values: () => headers, styles: headers.map(() => 0), width });
        const columnStyles = block.columns.map((c) => styles.cellStyle(c.format, undefined));
        const count = tableRowCount(block);
        if (block.dealRows && count > 0) {
          // A row per deal, made as it is written, into one array reused row after row.
          const scratch: CellValue[] = [];
          grid.spans.push({
            top: block.row + 1,
            count,
            col: block.col,
            values: (i) => tableRowAt(block, i, scratch),
            styles: columnStyles,
            width,
            bareBlanks: true,
          });
          grid.tables.push({ block, headers, top: block.row, left: block.col, bottom: block.row + count, right: block.col + width - 1 });
          break;
        }
        // OOXML tables need at least one body row; an empty table gets a blank one.
        const rows = block.rows.length > 0 ? block.rows : [block.columns.map(() => null)];
        const rowFormats = block.rowFormats;
        if (rowFormats?.some((f) => f !== undefined)) {
          // A format per row (the KPI table) for the columns without their own: one span per row, these tables are small.
          rows.forEach((row, r) => {
            const rowStyles = block.columns.map((c, k) =>
              c.format === undefined && rowFormats[r] !== undefined ? styles.cellStyle(rowFormats[r], undefined) : columnStyles[k]!,
            );
            grid.spans.push({ top: block.row + 1 + r, count: 1, col: block.col, values: () => row, styles: rowStyles, width });
          });
        } else grid.spans.push({ top: block.row + 1, count: rows.length, col: block.col, values: (i) => rows[i]!, styles: columnStyles, width });
        grid.tables.push({ block, headers, top: block.row, left: block.col, bottom: block.row + rows.length, right: block.col + width - 1 });
        break;
      }
      case 'notes':
        grid.spans.push({ top: block.row, count: 1, col: block.col, values: () => [block.heading], styles: [styles.cellStyle(undefined, 'heading')] });
        if (!carriedNotes || !block.carry)
          grid.spans.push({ top: block.row + 1, count: block.lines.length, col: block.col, values: (i) => block.lines[i]!, styles: [] });
        break;
      case 'chart':
        grid.charts.push(block);
        break;
    }
  }
  return grid;
}

/** The columns `[col, col + n)` a span's row `i` covers: its width, else the values it has. */
export function spanWidth(span: RowSpan, values: readonly (Cell | undefined)[]): number {
  return span.width ?? values.length;
}

/**
 * Visits the sheet's rows in order, each with the cells written there
 * (blank unstyled cells left out), as (column, value, style) calls. Only
 * rows some span covers are visited; `endRow` follows each row's cells.
 */
export function eachGridRow(
  grid: SheetGrid,
  visit: { row(r: number): void; cell(c: number, value: Cell, style: number): void; endRow(r: number): void },
): void {
  // Spans by first row; the index keeps block order among those active on a row.
  const order = grid.spans.map((span, index) => ({ span, index })).filter((s) => s.span.count > 0);
  order.sort((a, b) => a.span.top - b.span.top || a.index - b.index);
  let active: { span: RowSpan; index: number }[] = [];
  let next = 0;
  let r = order.length > 0 ? order[0]!.span.top : 0;
  for (;;) {
    let added = false;
    while (next < order.length && order[next]!.span.top <= r) {
      active.push(order[next++]!);
      added = true;
    }
    if (added) active.sort((a, b) => a.index - b.index);
    if (active.some((s) => s.span.top + s.span.count <= r)) active = active.filter((s) => s.span.top + s.span.count > r);
    if (active.length === 0) {
      if (next >= order.length) return;
      r = order[next]!.span.top;
      continue;
    }
    if (active.length === 1) writeSingle(active[0]!.span, r, visit);
    else writeMerged(active, r, visit);
    r++;
  }
}

/** The common case, one span on the row: cells straight from the model's row. */
function writeSingle(span: RowSpan, r: number, visit: Parameters<typeof eachGridRow>[1]): void {
  const values = span.values(r - span.top);
  const width = spanWidth(span, values);
  const styles = span.styles;
  let started = false;
  for (let c = 0; c < width; c++) {
    const v = values[c];
    if (v === undefined && span.width === undefined) continue;
    const value = v ?? null;
    const style = value === null && span.bareBlanks ? 0 : (styles[c] ?? 0);
    if (value === null && style === 0) continue;
    if (!started) {
      visit.row(r);
      started = true;
    }
    visit.cell(span.col + c, value, style);
  }
  if (started) visit.endRow(r);
}

/** Several spans on one row: later ones win column by column. */
function writeMerged(active: readonly { span: RowSpan }[], r: number, visit: Parameters<typeof eachGridRow>[1]): void {
  const cells = new Map<number, GridCell>();
  for (const { span } of active) {
    const values = span.values(r - span.top);
    const width = spanWidth(span, values);
    for (let c = 0; c < width; c++) {
      const v = values[c];
      if (v === undefined && span.width === undefined) continue;
      const value = v ?? null;
      cells.set(span.col + c, { value, style: value === null && span.bareBlanks ? 0 : (span.styles[c] ?? 0) });
    }
  }
  const columns = [...cells.keys()].sort((a, b) => a - b);
  let started = false;
  for (const c of columns) {
    const { value, style } = cells.get(c)!;
    if (value === null && style === 0) continue;
    if (!started) {
      visit.row(r);
      started = true;
    }
    visit.cell(c, value, style);
  }
  if (started) visit.endRow(r);
}

/** The cell at (row, col) as written, for chart caches; undefined for a blank. */
export function gridCellAt(grid: SheetGrid, row: number, col: number): GridCell | undefined {
  for (let k = grid.spans.length - 1; k >= 0; k--) {
    const span = grid.spans[k]!;
    if (row < span.top || row >= span.top + span.count || col < span.col) continue;
    const values = span.values(row - span.top);
    const c = col - span.col;
    if (c >= spanWidth(span, values) || (values[c] === undefined && span.width === undefined)) continue;
    const value = values[c] ?? null;
    const style = value === null && span.bareBlanks ? 0 : (span.styles[c] ?? 0);
    return value === null && style === 0 ? undefined : { value, style };
  }
  return undefined;
}

/** The last row and column the grid writes (zero-based), for the sheet's `<dimension>`. */
export function gridExtent(grid: SheetGrid): { bottom: number; right: number } {
  let bottom = 0;
  let right = 0;
  for (const span of grid.spans) {
    if (span.count === 0) continue;
    bottom = Math.max(bottom, span.top + span.count - 1);
    let width = span.width ?? 0;
    if (span.width === undefined) for (let i = 0; i < span.count; i++) width = Math.max(width, span.values(i).length);
    right = Math.max(right, span.col + width - 1);
  }
  return { bottom, right };
}

/**
 * Table column names must be non-empty and unique ignoring case (Excel
 * repairs the file otherwise), and the header cells must hold exactly those
 * names; blanks become `Column N`, repeats get a number.
 */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    const base = h.trim() === '' ? `Column${i + 1}` : h;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The value a cell shows without recalculation (for chart caches). */
export function shownValue(cell: GridCell | undefined): string | number | boolean | null {
  const v = cell?.value ?? null;
  if (v === null || typeof v !== 'object') return v;
  return 'formula' in v ? v.value : v.text;
}
