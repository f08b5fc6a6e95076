import { translator } from '../../../src/core/i18n';
import { readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { buildDataSheet } from '../../../src/core/report/data-sheet';
import type { SheetModel } from '../../../src/core/report/model';
import { eachGridRow, type GridCell, layoutSheet } from '../../../src/workbook/xlsx-package/sheet-grid';
import { MINIMAL_STYLES, StyleBook } from '../../../src/workbook/xlsx-package/style-book';

/** Every cell the writer is handed, by "row:col". */
function written(model: SheetModel): Map<string, GridCell> {
  const cells = new Map<string, GridCell>();
  let row = -1;
  eachGridRow(layoutSheet(model, new StyleBook(MINIMAL_STYLES)), {
    row: (r) => (row = r),
    cell: (c, value, style) => cells.set(`${row}:${c}`, { value, style }),
    endRow: () => undefined,
  });
  return cells;
}

describe('sheet grid: which blank cells are written', () => {
  const read = readPipeline(
    [
      ['Deal ID', 'Account', 'Stage', 'Status', 'Amount', 'Created', 'Closed'],
      ['D-1', 'Acme', 'Lead', 'Open', 100, 45_900, null],
      ['D-2', 'Globex', 'Won', 'Won', 200, 45_800, 45_850],
    ],
    { stages: DEFAULT_STAGES },
  );
  if (!read.ok) throw new Error(read.error.code);

  it("leaves a blank of the data sheet's body of deals out, in whatever format its column has", () => {
    const sheet = buildDataSheet(read.pipeline.deals, translator('en-US'));
    const cells = written(sheet);
    // Row 1 is the open deal: no close date (column I, a date column), no cost (column L, currency).
    expect(cells.get('1:0')?.value).toBe(2);
    expect(cells.has('1:8')).toBe(false);
    expect(cells.has('1:11')).toBe(false);
    // The won deal's close date is written in the date format.
    expect(cells.get('2:8')).toEqual({ value: 45_850, style: expect.any(Number) });
    expect(cells.get('2:8')!.style).toBeGreaterThan(0);
  });

  it('keeps a blank in a formatted column of any other table (a template cell the user fills in)', () => {
    const sheet: SheetModel = {
      name: 'Targets',
      role: 'plan',
      blocks: [
        {
          kind: 'table',
          name: 'Targets',
          row: 0,
          col: 0,
          style: 'TableStyleLight9',
          columns: [{ header: 'Month' }, { header: 'Target', format: 'currency' }],
          rows: [['2026-01', null]],
        },
      ],
    };
    const blank = written(sheet).get('1:1');
    expect(blank?.value).toBeNull();
    expect(blank!.style).toBeGreaterThan(0);
  });
});
