import { translator } from '../../../src/core/i18n';
import { cutText, EXCEL_LIMITS, fitExcelLimits, formulaFits, limitWarnings, withLimitNotes } from '../../../src/core/report/excel-limits';
import type { ReportModel, SheetModel } from '../../../src/core/report/model';

// Excel's specification limits (Microsoft Support, "Excel specifications and limits"): 32,767 characters a cell,
// 8,192 a formula, 255 a text value in a formula, 1,048,576 rows, 16,384 columns.
const sheet = (blocks: SheetModel['blocks']): ReportModel => ({ sheets: [{ name: 'Report 2026-01', role: 'report', blocks }] });
const tr = translator('en-US');

describe('fitExcelLimits', () => {
  it('cuts text over 32,767 characters, never inside a surrogate pair', () => {
    const long = 'x'.repeat(40_000);
    const pair = `${'y'.repeat(32_766)}😀tail`;
    const { model, adjustments } = fitExcelLimits(sheet([{ kind: 'cells', row: 2, col: 1, cells: [[long, 'short', pair]] }]));
    const cells = (model.sheets[0]!.blocks[0] as { cells: unknown[][] }).cells[0]!;
    expect((cells[0] as string).length).toBe(32_767);
    expect(cells[1]).toBe('short');
    expect((cells[2] as string).length).toBe(32_766);
    expect(adjustments).toEqual([
      { sheet: 'Report 2026-01', cell: 'B3', kind: 'textCut' },
      { sheet: 'Report 2026-01', cell: 'D3', kind: 'textCut' },
    ]);
    expect(cutText('abc')).toBe('abc');
  });

  it('writes as values the formulas Excel cannot hold: over 8,192 characters, or a criterion over 255', () => {
    const criterion = (name: string) => `COUNTIFS('Funnel Data'!$M:$M,"=${name}")`;
    const fits = criterion('o'.repeat(254));
    const tooLongText = criterion('o'.repeat(255));
    const tooLong = `SUM(${Array.from({ length: 1700 }, (_, i) => `A${i + 1}`).join(',')})`;
    expect(formulaFits(fits)).toBe(true);
    expect(formulaFits(tooLongText)).toBe(false);
    expect(formulaFits(`"${'"'.repeat(2 * 255)}"`)).toBe(true);
    expect(tooLong.length).toBeGreaterThan(EXCEL_LIMITS.formula);
    const table = {
      kind: 'table' as const,
      name: 'T',
      row: 4,
      col: 0,
      style: 'TableStyleLight1',
      columns: [{ header: 'a' }, { header: 'b' }, { header: 'c' }],
      rows: [
        [
          { formula: fits, value: 3 },
          { formula: tooLongText, value: 4 },
          { formula: tooLong, value: 5 },
        ],
      ],
    };
    const { model, adjustments } = fitExcelLimits(sheet([{ kind: 'cells', row: 1, col: 0, style: 'muted', cells: [['Generated.']] }, table]));
    expect((model.sheets[0]!.blocks[1] as typeof table).rows[0]).toEqual([{ formula: fits, value: 3 }, 4, 5]);
    expect(adjustments.map((a) => [a.cell, a.kind])).toEqual([
      ['B6', 'formulaAsValue'],
      ['C6', 'formulaAsValue'],
    ]);
    // The tab says so, after its caption; the run warns.
    const noted = withLimitNotes(model, adjustments, tr);
    expect((noted.sheets[0]!.blocks[0] as { cells: string[][] }).cells[0]![0]).toBe(
      "Generated. 2 figures on this tab are values, not formulas: their formulas would pass Excel's limits (B6, C6).",
    );
    expect(limitWarnings(adjustments, tr)).toEqual([
      "Figures written as values, not formulas, because their formulas would pass Excel's limits " +
        "(8,192 characters a formula, 255 a text in it): 'Report 2026-01'!B6, C6.",
    ]);
  });

  it('turns a link with a text over 255 characters into that text', () => {
    const text = 'l'.repeat(300);
    const { model } = fitExcelLimits(
      sheet([
        {
          kind: 'cells',
          row: 0,
          col: 0,
          cells: [
            [
              { link: { sheet: 'Report 2026-01' }, text },
              { link: { sheet: 'Other' }, text: 'ok' },
            ],
          ],
        },
      ]),
    );
    expect((model.sheets[0]!.blocks[0] as { cells: unknown[][] }).cells[0]).toEqual([text, { link: { sheet: 'Other' }, text: 'ok' }]);
  });

  it('leaves out cells beyond row 1,048,576 and column 16,384, and says how many', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [i, i]);
    const { model, adjustments } = fitExcelLimits(
      sheet([
        { kind: 'cells', row: EXCEL_LIMITS.rows - 4, col: 0, cells: rows },
        { kind: 'cells', row: 0, col: EXCEL_LIMITS.columns - 2, cells: [[1, 2, 3, 4]] },
      ]),
    );
    const blocks = model.sheets[0]!.blocks as { cells: unknown[][] }[];
    expect(blocks[0]!.cells).toHaveLength(4);
    expect(blocks[1]!.cells[0]).toEqual([1, 2]);
    expect(adjustments).toEqual([
      { sheet: 'Report 2026-01', cell: 'A1048577', kind: 'cellsLeftOut', count: 12 },
      { sheet: 'Report 2026-01', cell: 'XFE1', kind: 'cellsLeftOut', count: 2 },
    ]);
  });

  it('returns the very same model when everything fits (no copy of a big data sheet)', () => {
    const input = sheet([{ kind: 'cells', row: 0, col: 0, cells: [['a', 1, { formula: 'A1', value: 'a' }]] }]);
    expect(fitExcelLimits(input).model.sheets[0]).toBe(input.sheets[0]);
  });
});
