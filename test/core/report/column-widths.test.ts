import { displayWidth, fitHeaders } from '../../../src/core/report/column-widths';
import type { Block } from '../../../src/core/report/model';

describe('column widths fit the headers (SPEC §7)', () => {
  it('widens a column to its longest header, CJK counted double, within a cap', () => {
    const blocks: Block[] = [
      {
        kind: 'table',
        name: 'T',
        row: 0,
        col: 1,
        style: 'TableStyleLight9',
        columns: [{ header: 'Revenue, last 12 months' }, { header: '近12个月销售额' }],
        rows: [],
      },
      { kind: 'cells', row: 5, col: 0, style: 'label', cells: [['Sales cycle, mean days']] },
    ];
    expect(displayWidth('近12个月')).toBe(8);
    expect(fitHeaders(blocks, { 0: 10, 1: 10, 2: 10 })).toEqual({ 0: 24, 1: 25, 2: 16 });
    expect(fitHeaders([{ kind: 'table', name: 'T', row: 0, col: 0, style: 's', columns: [{ header: 'x'.repeat(80) }], rows: [] }], {})[0]).toBe(36);
  });
});
