import type { Cell, ChartBlock, SheetModel, TableBlock } from '../../core/report/model';
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

/** A sheet model laid out cell by cell, with the tables and charts that go beside the grid. */
export interface SheetGrid {
  /** Sparse rows of sparse cells. */
  rows: GridCell[][];
  tables: PlacedTable[];
  charts: ChartBlock[];
}

/** Lays the model's blocks onto a grid (a later block wins where two overlap). */
export function layoutSheet(model: SheetModel, styles: StyleBook): SheetGrid {
  const grid: SheetGrid = { rows: [], tables: [], charts: [] };
  const put = (row: number, col: number, value: Cell, style: number) => {
    if (value === null && style === 0) {
      delete grid.rows[row]?.[col];
      return;
    }
    (grid.rows[row] ??= [])[col] = { value, style };
  };
  for (const block of model.blocks) {
    switch (block.kind) {
      case 'cells':
        block.cells.forEach((row, r) => row.forEach((value, c) => put(block.row + r, block.col + c, value, styles.cellStyle(block.formats?.[c], block.style))));
        break;
      case 'table': {
        const headers = uniqueHeaders(block.columns.map((c) => c.header));
        headers.forEach((h, c) => put(block.row, block.col + c, h, 0));
        const columnStyles = block.columns.map((c) => styles.cellStyle(c.format, undefined));
        // OOXML tables need at least one body row; an empty table gets a blank one.
        const body = block.rows.length > 0 ? block.rows : [block.columns.map(() => null)];
        body.forEach((row, r) => block.columns.forEach((_, c) => put(block.row + 1 + r, block.col + c, row[c] ?? null, columnStyles[c]!)));
        grid.tables.push({ block, headers, top: block.row, left: block.col, bottom: block.row + body.length, right: block.col + block.columns.length - 1 });
        break;
      }
      case 'notes':
        put(block.row, block.col, block.heading, styles.cellStyle(undefined, 'heading'));
        block.lines.forEach((line, r) => line.forEach((value, c) => put(block.row + 1 + r, block.col + c, value, 0)));
        break;
      case 'chart':
        grid.charts.push(block);
        break;
    }
  }
  return grid;
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
