import type { CellValue } from '../util/cell';
import { dataRow } from './data-sheet';
import type { Cell, SheetModel, TableBlock } from './model';

/**
 * A table's body rows, whichever way the model holds them: as cells
 * (`rows`), or as the deals the data sheet is made of (`dealRows`), whose
 * rows are produced as they are read.
 */
export function tableRowCount(block: TableBlock): number {
  return block.dealRows ? block.dealRows.deals.length : block.rows.length;
}

/**
 * Body row `i`. A deal row is written into `scratch` when one is given (a
 * writer going row by row reuses one array: no garbage per row), so the
 * result is valid only until the next call with the same `scratch`.
 */
export function tableRowAt(block: TableBlock, i: number, scratch?: CellValue[]): readonly Cell[] {
  return block.dealRows ? dataRow(block.dealRows, i, scratch) : block.rows[i]!;
}

/** Every body row as cells, for a host that takes them at once (Office.js); a new array of new rows for a deal body. */
export function tableRows(block: TableBlock): Cell[][] {
  const body = block.dealRows;
  if (!body) return block.rows;
  const rows: Cell[][] = new Array<Cell[]>(body.deals.length);
  for (let i = 0; i < rows.length; i++) rows[i] = dataRow(body, i);
  return rows;
}

/** The table with its body as cells: for the rare pass that changes cells (Excel's limits, a 1904 workbook's dates). */
export function withRowsMaterialized(block: TableBlock): TableBlock {
  if (!block.dealRows) return block;
  const { dealRows: _, ...rest } = block;
  return { ...rest, rows: tableRows(block) };
}

/** The sheet with every table's body as cells (a host that takes cells, not deals: Office.js). */
export function sheetWithRowsMaterialized(sheet: SheetModel): SheetModel {
  if (!sheet.blocks.some((b) => b.kind === 'table' && b.dealRows)) return sheet;
  return { ...sheet, blocks: sheet.blocks.map((b) => (b.kind === 'table' ? withRowsMaterialized(b) : b)) };
}
