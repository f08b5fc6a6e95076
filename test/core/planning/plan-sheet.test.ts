import { defaultSalesPlan } from '../../../src/core/planning/default-plan';
import { PLAN_SECTION_DEFS, PLAN_SECTIONS } from '../../../src/core/planning/plan-sections';
import { readSalesPlan } from '../../../src/core/planning/read-plan';
import type { SalesPlan } from '../../../src/core/planning/sales-plan';
import type { SheetModel, TableBlock } from '../../../src/core/report/model';
import { buildSalesPlanSheet, goalProgress, PLAN_SHEET } from '../../../src/core/report/plan-sheet';
import { makeDeals, month, serial } from '../metrics/make-deal';
import { valuesOf } from '../../helpers/model-values';

function table(model: SheetModel, name: string): TableBlock {
  const found = model.blocks.find((b): b is TableBlock => b.kind === 'table' && b.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

const fresh = (locale: 'en-US' | 'zh-CN'): SalesPlan => defaultSalesPlan(locale, [], month('2026-07'));

describe('the Sales Plan sheet model', () => {
  it('has every section as a named table, headings and headers in both languages', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const model = buildSalesPlanSheet(fresh(locale), locale, null);
      expect(model.name).toBe(PLAN_SHEET);
      for (const key of PLAN_SECTIONS) expect(table(model, PLAN_SECTION_DEFS[key].table).columns.length).toBe(PLAN_SECTION_DEFS[key].columns.length);
    }
    const zh = buildSalesPlanSheet(fresh('zh-CN'), 'zh-CN', null);
    expect(table(zh, 'PlanGoals').columns.map((c) => c.header)).toEqual(['阶段', '目标', '指标', '基线', '目标值', '截止日期', '负责人', '当前值', '进度']);
    expect(table(zh, 'PlanGoals').rows.map((r) => r[0])).toEqual(['短期（3 个月）', '中期（1 年）', '长期（3 年）']);
    expect(table(zh, 'Targets').columns.map((c) => c.header)).toEqual(['月份', '目标', '负责人']);
  });

  it('starts the Targets table with twelve months, or with the saved targets', () => {
    const model = buildSalesPlanSheet(fresh('en-US'), 'en-US', null);
    expect(table(model, 'Targets').columns.map((c) => c.header)).toEqual(['month', 'target', 'Owner']);
    expect(table(model, 'Targets').rows.map((r) => r[0])).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    const saved = defaultSalesPlan('en-US', [{ month: '2026-01', target: 500 }], month('2026-07'));
    saved.sections.targets.rows.push({ cells: { month: serial('2026-02-01'), target: 600 }, extras: [] }); // Excel made a date of it
    expect(table(buildSalesPlanSheet(saved, 'en-US', null), 'Targets').rows).toEqual([
      ['2026-01', 500, null],
      ['2026-02', 600, null],
    ]);
    // SPEC §8: saved per-owner targets come back with their owner, one row each.
    const owners = defaultSalesPlan(
      'en-US',
      [
        { month: '2026-01', target: 300, owner: 'Ana' },
        { month: '2026-01', target: 200, owner: 'Li Wei' },
      ],
      month('2026-07'),
    );
    owners.sections.targets.rows.push({ cells: { month: serial('2026-02-01'), target: 250, owner: 'Ana' }, extras: ['mine'] });
    owners.sections.targets.extraHeaders = ['Comment'];
    expect(table(buildSalesPlanSheet(owners, 'en-US', null), 'Targets').rows).toEqual([
      ['2026-01', 300, 'Ana', null],
      ['2026-01', 200, 'Li Wei', null],
      ['2026-02', 250, 'Ana', 'mine'],
    ]);
  });

  it('computes goal progress = (current − baseline) ÷ (target − baseline), empty when it cannot', () => {
    expect(goalProgress(150, 200, 100)).toBe(0.5);
    expect(goalProgress(0.35, 0.3, 0.4)).toBeCloseTo(0.5, 12); // a cost rate brought down from 40 % toward 30 %
    expect(goalProgress(50, 200, null)).toBe(0.25);
    expect(goalProgress(50, 100, 100)).toBeNull();
    expect(goalProgress(null, 100, 0)).toBeNull();
  });

  it('with data: revenue goals read Funnel Data for the horizon ending with the deadline month; channels are formulas; tiers are filled', () => {
    const plan = fresh('en-US');
    plan.sections.goals.rows[0]!.cells = { ...plan.sections.goals.rows[0]!.cells, deadline: serial('2026-03-31'), target: 1000 };
    const deals = makeDeals([
      { closed: '2026-01-05', amount: 100, channel: 'Web', account: 'A' },
      { closed: '2026-03-31', amount: 200, channel: 'Web', account: 'B', cost: 50 },
      { closed: '2025-12-31', amount: 400, channel: 'Partner', account: 'A' },
    ]);
    const model = buildSalesPlanSheet(plan, 'en-US', { deals, month: month('2026-03') });
    const goal = table(model, 'PlanGoals');
    const r = goal.row + 2; // Excel row of the first goal
    expect(goal.rows[0]![7]).toEqual({
      formula:
        `IF(ISNUMBER(F${r}),SUMIFS('Funnel Data'!$K:$K,'Funnel Data'!$E:$E,"Won",` +
        `'Funnel Data'!$I:$I,">="&DATE(YEAR(F${r}),MONTH(F${r})-2,1),` +
        `'Funnel Data'!$I:$I,"<"&DATE(YEAR(F${r}),MONTH(F${r})+1,1)),"")`,
      value: 300,
    });
    expect(goal.rows[0]![8]).toMatchObject({ value: 0.3 });
    expect(goal.rows[1]![7]).toBeNull(); // no deadline: nothing to measure
    const channels = table(model, 'PlanChannels');
    expect(channels.rows.map((row) => row[0])).toEqual(['Partner', 'Web']);
    expect(channels.rows[1]![1]).toMatchObject({ formula: expect.stringMatching(/^COUNTIFS\('Funnel Data'!\$N:\$N,"=Web",/), value: 2 });
    expect(table(model, 'PlanTiers').rows).toEqual([
      ['A', 500, 'A'],
      ['B', 200, 'A'], // the account above holds 500 of 700 (71 %) < 80 %
    ]);
    expect(model.blocks.some((b) => b.kind === 'cells' && b.cells[0]![0] === '5. Channel analysis (won deals closed in the 12 months ending 2026-03)')).toBe(
      true,
    );
  });
});

describe('reading the plan back', () => {
  it('keeps edited cells, rows added under a table, the user’s columns and notes; translates only the add-in’s labels', () => {
    const values = valuesOf(buildSalesPlanSheet(fresh('en-US'), 'en-US', null));
    const find = (text: string) => values.findIndex((r) => r[0] === text);
    const goals = find('Horizon');
    values[goals + 1]![1] = 'Grow revenue 10 %';
    values[goals + 1]![4] = 1_000_000;
    values[goals + 4] = ['Mid term (1 year)', 'A goal added under the table'];
    values[goals]![9] = 'Comment';
    values[goals + 2]![9] = 'on track';
    const promotions = find('Promotion');
    values[promotions + 1] = ['Spring sale', 'New customers', serial('2026-04-01'), serial('2026-04-30'), 5000, 0.1, null, 'Li'];
    const notes = find('Notes (yours: anything typed below this line is kept)');
    values[notes + 2] = [null, 'remember the trade fair'];
    const read = readSalesPlan(values)!;
    expect(read.sections.goals!.rows).toHaveLength(4);
    expect(read.sections.goals!.rows[0]!.cells).toMatchObject({ goal: 'Grow revenue 10 %', target: 1_000_000 });
    expect(read.sections.goals!.rows[3]!.cells).toMatchObject({ horizon: 'Mid term (1 year)', goal: 'A goal added under the table' });
    expect(read.sections.goals!.extraHeaders).toEqual(['Comment']);
    expect(read.sections.goals!.rows[1]!.extras).toEqual(['on track']);
    expect(read.sections.promotions!.rows[0]!.cells).toMatchObject({ promotion: 'Spring sale', budget: 5000 });
    expect(read.notes).toEqual([[], [null, 'remember the trade fair']]);

    const plan: SalesPlan = { sections: { ...fresh('zh-CN').sections, ...read.sections }, notes: read.notes };
    const zh = buildSalesPlanSheet(plan, 'zh-CN', null);
    const goalTable = table(zh, 'PlanGoals');
    expect(goalTable.columns.map((c) => c.header).slice(-1)).toEqual(['Comment']);
    expect(goalTable.rows[0]!.slice(0, 3)).toEqual(['短期（3 个月）', 'Grow revenue 10 %', '销售收入']);
    expect(goalTable.rows[1]![9]).toBe('on track');
    // Read back again from the zh-CN sheet: nothing lost in translation.
    const again = readSalesPlan(valuesOf(zh))!;
    expect(again.sections.goals!.rows[3]!.cells.goal).toBe('A goal added under the table');
    expect(again.sections.promotions!.rows).toHaveLength(1);
    expect(again.notes).toEqual(read.notes);
  });

  it('does not take a strategy row called "Promotions" for the Promotions section', () => {
    const values = valuesOf(buildSalesPlanSheet(fresh('en-US'), 'en-US', null));
    const read = readSalesPlan(values)!;
    expect(read.sections.strategy!.rows.map((r) => r.cells.area)).toEqual(['Positioning', 'Pricing', 'Channels', 'Promotions']);
    expect(read.sections.promotions!.rows).toEqual([]);
  });
});
