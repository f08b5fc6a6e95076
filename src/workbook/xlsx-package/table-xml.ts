import { a1 } from '../../core/util/cell';
import type { PlacedTable } from './sheet-grid';
import { escapeAttr } from './xml-text';

/**
 * A table part (ECMA-376 Part 1 §18.5.1.2): header row, banded rows, a
 * filter button on every column. `id` is unique among the workbook's
 * tables; the name doubles as the display name formulas refer to.
 */
export function tableXml(table: PlacedTable, id: number): string {
  const ref = `${a1(table.top, table.left)}:${a1(table.bottom, table.right)}`;
  const columns = table.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(h)}"/>`).join('');
  const name = escapeAttr(table.block.name);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" ` +
    `name="${name}" displayName="${name}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${table.headers.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeAttr(table.block.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}
