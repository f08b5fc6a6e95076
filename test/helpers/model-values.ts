import type { Cell, SheetModel } from '../../src/core/report/model';
import type { CellValue, SheetValues } from '../../src/core/util/cell';

/** A sheet model laid out as the values a reader would see (formulas as their cached values, links as their text). */
export function valuesOf(model: SheetModel): SheetValues {
  const out: CellValue[][] = [];
  const put = (r: number, c: number, v: Cell) => {
    while (out.length <= r) out.push([]);
    const row = out[r]!;
    while (row.length <= c) row.push(null);
    row[c] = v !== null && typeof v === 'object' ? ('formula' in v ? v.value : v.text) : v;
  };
  for (const b of model.blocks) {
    if (b.kind === 'cells') b.cells.forEach((row, r) => row.forEach((v, c) => put(b.row + r, b.col + c, v)));
    if (b.kind === 'table') {
      b.columns.forEach((col, c) => put(b.row, b.col + c, col.header));
      b.rows.forEach((row, r) => row.forEach((v, c) => put(b.row + 1 + r, b.col + c, v)));
    }
    if (b.kind === 'notes') {
      put(b.row, b.col, b.heading);
      b.lines.forEach((row, r) => row.forEach((v, c) => put(b.row + 1 + r, b.col + c, v)));
    }
  }
  return out;
}
