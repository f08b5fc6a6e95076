import type { Cell, TableBlock, TableColumn } from './model';

/** Where a table goes and its Excel name. */
export interface TablePlace {
  tableName: string;
  row: number;
  col: number;
}

/** A table block at `at` (the one literal every small section table shares). */
export function tableBlock(at: TablePlace, style: string, columns: TableColumn[], rows: Cell[][]): TableBlock {
  return { kind: 'table', name: at.tableName, row: at.row, col: at.col, style, columns, rows };
}
