import { applyRiskEdits, sameRiskCell } from '../../../src/core/risk/risk-edits';
import type { RiskRow } from '../../../src/core/risk/register';

const row = (cells: RiskRow['cells'], extras: RiskRow['extras'] = []): RiskRow => ({ cells, extras });

describe('applyRiskEdits', () => {
  const rows = [row({ id: 'R-001', title: 'Late deliveries', probability: 3, status: 'Open' }, ['mine']), row({ id: 'R-002', title: 'Churn', probability: 2 })];

  it('writes only the changed cells into the row with the edit’s ID, wherever it is now', () => {
    const moved = [rows[1]!, row({ ...rows[0]!.cells, contingencyOwner: 'Chen' }, ['mine'])];
    const applied = applyRiskEdits(moved, [{ id: 'r-001 ', base: rows[0]!.cells, cells: { probability: 5, status: 'Monitoring' } }]);
    expect(applied).toEqual({ ok: true, rows: [moved[0], row({ ...moved[1]!.cells, probability: 5, status: 'Monitoring' }, ['mine'])] });
  });

  it('refuses when a changed cell changed in the sheet, unless to the same value; a choice compares in either language', () => {
    const edit = { id: 'R-001', base: rows[0]!.cells, cells: { probability: 5, status: 'Monitoring' } };
    expect(applyRiskEdits([row({ ...rows[0]!.cells, probability: 4 })], [edit])).toEqual({ ok: false, id: 'R-001' });
    expect(applyRiskEdits([row({ ...rows[0]!.cells, probability: 5 })], [edit]).ok).toBe(true);
    expect(applyRiskEdits([row({ ...rows[0]!.cells, status: '未关闭' })], [edit]).ok).toBe(true);
    expect(applyRiskEdits([rows[1]!], [edit])).toEqual({ ok: false, id: 'R-001' });
    expect(sameRiskCell('status', 'open', '未关闭')).toBe(true);
    expect(sameRiskCell('title', ' Churn', 'Churn')).toBe(true);
    expect(sameRiskCell('probability', null, 0)).toBe(false);
  });

  it('takes a row whose ID was given at read time, or an ID typed twice, only while the row is as read', () => {
    const edit = { id: 'R-003', base: { id: 'R-003', title: 'Typed by hand', probability: 1 }, cells: { probability: 2 } };
    const sheet = [row({ id: 'R-003', title: 'Another one', probability: 1 }), row({ id: 'R-003', title: 'Typed by hand', probability: 1 })];
    expect(applyRiskEdits(sheet, [edit], new Set([0, 1]))).toEqual({ ok: true, rows: [sheet[0], row({ ...sheet[1]!.cells, probability: 2 })] });
    expect(applyRiskEdits(sheet, [edit])).toMatchObject({ ok: true, rows: [sheet[0], { cells: { probability: 2 } }] });
    expect(applyRiskEdits([sheet[0]!], [edit], new Set([0]))).toEqual({ ok: false, id: 'R-003' });
  });
});
