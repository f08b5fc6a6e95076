import { applyPlanEdits, type PlanRowEdit } from '../../../src/core/planning/plan-edits';
import { defaultSalesPlan } from '../../../src/core/planning/default-plan';
import type { SalesPlan } from '../../../src/core/planning/sales-plan';
import { month } from '../metrics/make-deal';

const plan = (): SalesPlan => defaultSalesPlan('en-US', [], month('2026-07'));
const goal = (p: SalesPlan, i: number) => p.sections.goals.rows[i]!;
const SHORT = { horizon: 'Short term (3 months)', metric: 'Revenue' };

function applied(p: SalesPlan, goals: PlanRowEdit[]): SalesPlan {
  const r = applyPlanEdits(p, { goals });
  if (!r.ok) throw new Error(`conflict in ${r.section} row ${r.row}`);
  return r.plan;
}

describe('applying the wizard’s edits to the plan as the sheet holds it', () => {
  it('writes only the changed cells into the row they came from, and leaves the input alone', () => {
    const p = plan();
    p.sections.goals.extraHeaders = ['Budget'];
    goal(p, 0).extras = [500];
    const out = applied(p, [{ index: 0, base: SHORT, cells: { target: 100, owner: 'Wang' } }]);
    expect(goal(out, 0)).toEqual({ cells: { ...SHORT, target: 100, owner: 'Wang' }, extras: [500] });
    expect(goal(p, 0).cells).toEqual(SHORT);
  });

  it('finds a row that moved, by what the wizard read', () => {
    const p = plan();
    p.sections.goals.rows.reverse();
    const out = applied(p, [{ index: 0, base: SHORT, cells: { owner: 'Li' } }]);
    expect(goal(out, 2).cells).toEqual({ ...SHORT, owner: 'Li' });
    expect(goal(out, 0).cells.owner).toBeUndefined();
  });

  it('keeps a cell the user changed in the same row, and refuses an edit of a cell changed in the sheet', () => {
    const p = plan();
    goal(p, 0).cells.deadline = 46200;
    expect(goal(applied(p, [{ index: 0, base: SHORT, cells: { owner: 'Li' } }]), 0).cells).toEqual({ ...SHORT, deadline: 46200, owner: 'Li' });
    expect(applyPlanEdits(p, { goals: [{ index: 0, base: SHORT, cells: { deadline: 46300 } }] })).toEqual({ ok: false, section: 'goals', row: 0 });
  });

  it('reads a label in either language as the same, and ignores computed columns', () => {
    const p = defaultSalesPlan('zh-CN', [], month('2026-07'));
    goal(p, 0).cells.current = 1234; // measured from the data since the wizard read it
    goal(p, 0).cells.progress = 0.5;
    const out = applied(p, [{ index: 0, base: SHORT, cells: { owner: 'Amy', progress: 9 } }]);
    expect(goal(out, 0).cells).toEqual({ horizon: '短期（3 个月）', metric: '销售收入', current: 1234, progress: 0.5, owner: 'Amy' });
  });

  it('appends the rows the wizard adds, with room for the user’s columns', () => {
    const p = plan();
    p.sections.targets.extraHeaders = ['Note'];
    const r = applyPlanEdits(p, { targets: [{ index: null, base: {}, cells: { month: '2027-07', target: 5 } }] });
    expect(r.ok && r.plan.sections.targets.rows.at(-1)).toEqual({ cells: { month: '2027-07', target: 5 }, extras: [null] });
  });
});
