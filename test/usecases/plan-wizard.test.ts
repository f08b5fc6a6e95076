import ExcelJS from 'exceljs';
import type { Locale } from '../../src/core/i18n';
import { SAMPLE_DATE_COLUMNS, samplePipeline } from '../../src/core/sample/sample-pipeline';
import type { CellValue } from '../../src/core/util/cell';
import { serialFromYmd } from '../../src/core/util/dates';
import { changesOf, formOf, missingStarterRisks, withCell, withRiskCell, type WizardForm } from '../../src/taskpane/components/plan-wizard/wizard-model';
import { readPlanWizard, savePlanWizard, type PlanWizardState } from '../../src/usecases/plan-wizard';
import type { RiskDraft } from '../../src/usecases/risks';
import type { WorkbookPort } from '../../src/workbook/port';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { rowStartingWith } from '../helpers/workbook-files';

// Whole workbooks are written, edited "by hand" in ExcelJS and read back: room for a busy machine.
jest.setTimeout(60_000);

type Port = WorkbookPort & { addValuesSheet(name: string, values: CellValue[][], options?: { dateColumns?: number[] }): void };

/** The .xlsx adapter of the CLI and browser mode (a list, so another adapter can join the same checks). */
const ADAPTERS: { name: string; create(): Port; open(bytes: Uint8Array): Promise<Port>; bytes(port: Port): Promise<Uint8Array> }[] = [
  {
    name: 'package adapter',
    create: () => XlsxPackage.create(),
    open: async (b) => XlsxPackage.fromBytes(b),
    bytes: async (p) => (p as XlsxPackage).toBytes(),
  },
];

async function state(port: WorkbookPort, locale: Locale = 'en-US'): Promise<PlanWizardState> {
  const read = await readPlanWizard(port, { locale });
  if (!read.ok) throw new Error(read.error.message);
  return read.state;
}

/** The wizard's form after the user typed `cells` into rows, as the pane's components do. */
function typed(form: WizardForm, edits: [keyof WizardForm['rows'], number, string, CellValue][]): WizardForm {
  return edits.reduce((f, [section, row, column, value]) => withCell(f, section, row, column, value), form);
}

/** Opens the bytes in ExcelJS — another program — lets `edit` change them as a user in Excel would, and returns the saved bytes. */
async function editByHand(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const cellsOf = (s: PlanWizardState, section: keyof WizardForm['rows']) => s.plan.sections[section].rows.map((r) => r.cells);
const risk = (s: PlanWizardState, id: string) => s.register.rows.find((r) => r.cells.id === id)?.cells;
const DEADLINE = serialFromYmd(2026, 9, 30);

describe.each(ADAPTERS)('the plan wizard saved through the use cases ($name)', (adapter) => {
  let first: Uint8Array;

  beforeAll(async () => {
    const wb = adapter.create();
    wb.addValuesSheet('Pipeline', samplePipeline({ deals: 300, seed: 5 }), { dateColumns: SAMPLE_DATE_COLUMNS });
    const opened = await state(wb);
    expect(opened.planExists).toBe(false);
    expect(opened.registerExists).toBe(false);
    const form = typed(formOf(opened), [
      ['goals', 0, 'goal', 'Grow revenue'],
      ['goals', 0, 'target', 100_000],
      ['goals', 0, 'deadline', DEADLINE],
      ['goals', 1, 'owner', 'Zhang'],
      ['targets', 0, 'target', 90_000],
      ['strategy', 1, 'plan', 'Value pricing'],
      ['team', 2, 'plan', 'Monthly product training'],
    ]);
    form.newRisks = [
      ...missingStarterRisks(opened.register.rows, [], 'en-US'),
      { title: 'Price war in the south', category: 'Competitor', probability: 4, impact: 5, strategy: 'Escalate', status: 'Open' },
    ];
    const saved = await savePlanWizard(wb, changesOf(form, 'en-US'));
    expect(saved).toMatchObject({ ok: true, planSheet: 'Sales Plan', riskSheet: 'Risk Register', goals: 3, risks: 7 });
    first = await adapter.bytes(wb);
  });

  it('writes both sheets with what the wizard entered, and opens with it the next time', async () => {
    const again = await state(await adapter.open(first));
    expect(again.planExists && again.registerExists).toBe(true);
    expect(cellsOf(again, 'goals')[0]).toMatchObject({
      horizon: 'Short term (3 months)',
      goal: 'Grow revenue',
      metric: 'Revenue',
      target: 100_000,
      deadline: DEADLINE,
    });
    expect(cellsOf(again, 'goals')[1]).toMatchObject({ horizon: 'Mid term (1 year)', owner: 'Zhang' });
    expect(cellsOf(again, 'targets')[0]!.target).toBe(90_000);
    expect(cellsOf(again, 'strategy')[1]).toMatchObject({ area: 'Pricing', plan: 'Value pricing' });
    expect(cellsOf(again, 'team')[2]).toMatchObject({ area: 'Training', plan: 'Monthly product training' });
    expect(again.register.rows.map((r) => r.cells.id)).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005', 'R-006', 'R-007']);
    expect(risk(again, 'R-007')).toMatchObject({
      title: 'Price war in the south',
      category: 'Competitor',
      probability: 4,
      impact: 5,
      strategy: 'Escalate',
      status: 'Open',
    });
    expect(risk(again, 'R-001')!.title).toBe('Market demand change');
    // Saving again with nothing changed adds nothing: the starter risks are there already.
    const port = await adapter.open(first);
    const form = formOf(again);
    form.newRisks = missingStarterRisks(again.register.rows, [], 'en-US');
    expect(form.newRisks).toEqual([]);
    expect(await savePlanWizard(port, changesOf(form, 'en-US'))).toMatchObject({ ok: true, risks: 7 });
  });

  it('keeps every edit the user made in both sheets, rows and columns added by hand included, when the wizard saves again', async () => {
    const edited = await editByHand(first, (wb) => {
      const plan = wb.getWorksheet('Sales Plan')!;
      const goals = rowStartingWith(plan, 'Horizon');
      plan.getCell(goals + 2, 2).value = 'Keep margin above 40 %'; // the mid-term goal, typed in the sheet
      plan.getCell(goals + 3, 8).value = 7; // the long-term goal's current value
      plan.getCell(goals + 4, 1).value = 'Long term (3 years)'; // a goal added under the table
      plan.getCell(goals + 4, 2).value = 'Enter Japan';
      plan.getCell(goals + 4, 7).value = 'Sato';
      const strategy = rowStartingWith(plan, 'Area');
      plan.getCell(strategy, 5).value = 'Budget'; // a column of the user's own beside Strategy
      plan.getCell(strategy + 1, 5).value = 20_000;
      const promotions = rowStartingWith(plan, 'Promotion');
      plan.getCell(promotions + 1, 1).value = 'Spring sale';
      const targets = rowStartingWith(plan, 'month');
      plan.getCell(targets + 2, 2).value = 95_000;
      plan.getCell(rowStartingWith(plan, 'Notes (yours: anything typed below this line is kept)') + 1, 1).value = 'Trade fair in October';

      const reg = wb.getWorksheet('Risk Register')!;
      reg.getCell(5, 2).value = 'Demand falls in the north'; // R-001's title
      reg.getCell(6, 5).value = 5; // R-002's probability
      reg.getCell(12, 2).value = 'Supplier price rise'; // a risk typed under the table
      reg.getCell(12, 3).value = 'Other';
      reg.getCell(12, 5).value = 2;
      reg.getCell(12, 6).value = 3;
    });

    const port = await adapter.open(edited);
    const opened = await state(port);
    // The wizard opens with the hand edits.
    expect(cellsOf(opened, 'goals')).toHaveLength(4);
    expect(cellsOf(opened, 'goals')[1]!.goal).toBe('Keep margin above 40 %');
    expect(cellsOf(opened, 'goals')[3]).toMatchObject({ horizon: 'Long term (3 years)', goal: 'Enter Japan', owner: 'Sato' });
    expect(opened.register.rows.map((r) => r.cells.title)).toContain('Supplier price rise');
    expect(risk(opened, 'R-008')!.title).toBe('Supplier price rise');

    // The user changes other cells in the wizard and adds a risk.
    const form = typed(formOf(opened), [
      ['goals', 0, 'owner', 'Li'],
      ['goals', 3, 'target', 2],
      ['targets', 3, 'target', 99_000],
      ['keyMetrics', 1, 'target', 4.5],
    ]);
    form.newRisks = [{ title: 'Key engineer leaves', category: 'Team', probability: 2, impact: 4, status: 'Monitoring' } satisfies RiskDraft];
    expect(await savePlanWizard(port, changesOf(form, 'en-US'))).toMatchObject({ ok: true, goals: 4, risks: 9 });

    const bytes = await adapter.bytes(port);
    const after = await state(await adapter.open(bytes));
    const goals = cellsOf(after, 'goals');
    expect(goals[0]).toMatchObject({ goal: 'Grow revenue', target: 100_000, deadline: DEADLINE, owner: 'Li' });
    expect(goals[1]).toMatchObject({ goal: 'Keep margin above 40 %', owner: 'Zhang' });
    expect(goals[2]).toMatchObject({ horizon: 'Long term (3 years)', current: 7 });
    expect(goals[3]).toMatchObject({ horizon: 'Long term (3 years)', goal: 'Enter Japan', owner: 'Sato', target: 2 });
    expect(
      cellsOf(after, 'targets')
        .slice(0, 4)
        .map((r) => r.target),
    ).toEqual([90_000, 95_000, null, 99_000]);
    expect(cellsOf(after, 'keyMetrics')[1]!.target).toBe(4.5);
    expect(after.plan.sections.strategy.extraHeaders).toEqual(['Budget']);
    expect(after.plan.sections.strategy.rows[0]!.extras).toEqual([20_000]);
    expect(cellsOf(after, 'strategy')[1]!.plan).toBe('Value pricing');
    expect(after.plan.sections.promotions.rows[0]!.cells.promotion).toBe('Spring sale');
    expect(after.plan.notes).toEqual([['Trade fair in October']]);

    expect(after.register.rows.map((r) => r.cells.id)).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005', 'R-006', 'R-007', 'R-008', 'R-009']);
    expect(risk(after, 'R-001')!.title).toBe('Demand falls in the north');
    expect(risk(after, 'R-002')!.probability).toBe(5);
    expect(risk(after, 'R-008')).toMatchObject({ title: 'Supplier price rise', category: 'Other', probability: 2, impact: 3 });
    expect(risk(after, 'R-009')).toMatchObject({ title: 'Key engineer leaves', category: 'Team', probability: 2, impact: 4, status: 'Monitoring' });

    // The hand-typed risk got its formulas; the targets reached the settings attainment reads.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const score = wb.getWorksheet('Risk Register')!.getCell(12, 7).value as { formula?: string; result?: unknown };
    expect(score.formula).toContain('E12*F12');
    expect(score.result).toBe(6);
    const settings = await port.readSettings();
    expect(settings.targets?.slice(0, 2).map((t) => t.target)).toEqual([90_000, 95_000]);
  });

  it('finds a row the user moved, keeps a cell the user changed beside the wizard’s, and refuses to overwrite the same cell', async () => {
    const opened = await state(await adapter.open(first));
    const form = typed(formOf(opened), [
      ['goals', 0, 'owner', 'Li'],
      ['strategy', 1, 'actions', 'Price list by 1 July'],
    ]);
    // Meanwhile, in the sheet: the short- and long-term goals swap places, and the pricing row gets an owner.
    const moved = await editByHand(first, (wb) => {
      const plan = wb.getWorksheet('Sales Plan')!;
      const goals = rowStartingWith(plan, 'Horizon');
      for (let c = 1; c <= 7; c++) {
        const a = plan.getCell(goals + 1, c).value;
        plan.getCell(goals + 1, c).value = plan.getCell(goals + 3, c).value;
        plan.getCell(goals + 3, c).value = a;
      }
      plan.getCell(rowStartingWith(plan, 'Area') + 2, 4).value = 'Chen';
    });
    const port = await adapter.open(moved);
    expect(await savePlanWizard(port, changesOf(form, 'en-US'))).toMatchObject({ ok: true });
    const after = await state(await adapter.open(await adapter.bytes(port)));
    expect(cellsOf(after, 'goals')[0]).toMatchObject({ horizon: 'Long term (3 years)' });
    expect(cellsOf(after, 'goals')[0]!.owner ?? null).toBeNull();
    expect(cellsOf(after, 'goals')[2]).toMatchObject({ horizon: 'Short term (3 months)', goal: 'Grow revenue', owner: 'Li' });
    expect(cellsOf(after, 'strategy')[1]).toMatchObject({ area: 'Pricing', plan: 'Value pricing', actions: 'Price list by 1 July', owner: 'Chen' });

    // The same cell changed in the sheet and in the wizard: nothing is written, and the message says to reload.
    const clash = await editByHand(first, (wb) => {
      const plan = wb.getWorksheet('Sales Plan')!;
      plan.getCell(rowStartingWith(plan, 'Horizon') + 1, 7).value = 'Wu';
    });
    const clashPort = await adapter.open(clash);
    const refused = await savePlanWizard(clashPort, changesOf(form, 'en-US'));
    expect(refused).toMatchObject({ ok: false, saved: [], error: { code: 'sheetChanged' } });
    expect(!refused.ok && refused.error.message).toContain('"1. Goals by horizon" table of sheet "Sales Plan" changed since the wizard read it');
    expect(cellsOf(await state(clashPort), 'goals')[0]!.owner).toBe('Wu');
  });
});

describe.each(ADAPTERS)('risks edited in the plan wizard ($name)', (adapter) => {
  let first: Uint8Array;

  beforeAll(async () => {
    const wb = adapter.create();
    const form = formOf(await state(wb));
    form.newRisks = missingStarterRisks([], [], 'en-US');
    expect(await savePlanWizard(wb, changesOf(form, 'en-US'))).toMatchObject({ ok: true, risks: 6 });
    first = await adapter.bytes(wb);
  });

  /** The wizard, opened on `first`: R-002's probability → 5 and status → Monitoring, and a goal's owner. */
  async function wizardEdits() {
    const opened = await state(await adapter.open(first));
    const at = opened.register.rows.findIndex((r) => r.cells.id === 'R-002');
    expect(risk(opened, 'R-002')).toMatchObject({ title: 'Competitor action', probability: 4, status: 'Open' });
    let form = withRiskCell(formOf(opened), at, 'probability', 5);
    form = withRiskCell(form, at, 'status', 'Monitoring');
    form = typed(form, [['goals', 0, 'owner', 'Li']]);
    const changes = changesOf(form, 'en-US');
    expect(changes.editRisks).toEqual([{ id: 'R-002', base: risk(opened, 'R-002'), cells: { probability: 5, status: 'Monitoring' } }]);
    return changes;
  }

  it('writes only the changed cells into the risk with that ID, keeping what the user changed in the sheet meanwhile', async () => {
    const changes = await wizardEdits();
    const edited = await editByHand(first, (wb) => {
      const reg = wb.getWorksheet('Risk Register')!;
      expect(reg.getCell(6, 1).value).toBe('R-002');
      reg.getCell(6, 2).value = 'Price war in the south'; // R-002's title
      reg.getCell(6, 12).value = 'Chen'; // R-002's owner
      reg.getCell(8, 5).value = 1; // R-004's probability
      reg.getCell(11, 1).value = 'R-050'; // a risk typed under the table
      reg.getCell(11, 2).value = 'Supplier price rise';
      reg.getCell(11, 5).value = 2;
      reg.getCell(11, 6).value = 3;
    });
    const port = await adapter.open(edited);
    expect(await savePlanWizard(port, changes)).toMatchObject({ ok: true, risks: 7 });

    const after = await state(await adapter.open(await adapter.bytes(port)));
    expect(after.register.rows.map((r) => r.cells.id)).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005', 'R-006', 'R-050']);
    expect(risk(after, 'R-002')).toMatchObject({
      title: 'Price war in the south',
      contingencyOwner: 'Chen',
      category: 'Competitor',
      probability: 5,
      impact: 3,
      status: 'Monitoring',
    });
    expect(risk(after, 'R-004')!.probability).toBe(1);
    expect(risk(after, 'R-050')).toMatchObject({ title: 'Supplier price rise', probability: 2, impact: 3 });
    const before = await state(await adapter.open(first));
    for (const id of ['R-001', 'R-003', 'R-005', 'R-006']) expect(risk(after, id)).toEqual(risk(before, id));
    expect(cellsOf(after, 'goals')[0]!.owner).toBe('Li');

    // Score and level stay formulas, now reading the new probability.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await adapter.bytes(port)) as unknown as ArrayBuffer);
    const score = wb.getWorksheet('Risk Register')!.getCell(6, 7).value as { formula?: string; result?: unknown };
    expect(score.formula).toContain('E6*F6');
    expect(score.result).toBe(15);
  });

  it('saves nothing, in either sheet, when the same cell of the risk was changed in the sheet', async () => {
    const changes = await wizardEdits();
    const clash = await editByHand(first, (wb) => {
      wb.getWorksheet('Risk Register')!.getCell(6, 5).value = 2; // R-002's probability, typed in the sheet
    });
    const port = await adapter.open(clash);
    const before = await adapter.bytes(port);
    const refused = await savePlanWizard(port, changes);
    expect(refused).toMatchObject({ ok: false, saved: [], error: { code: 'sheetChanged' } });
    expect(!refused.ok && refused.error.message).toContain('Risk R-002 in sheet "Risk Register" changed since the wizard read it');
    const now = await state(port);
    expect(risk(now, 'R-002')).toMatchObject({ probability: 2, status: 'Open' });
    expect(cellsOf(now, 'goals')[0]!.owner ?? null).toBeNull();
    expect(await state(await adapter.open(await adapter.bytes(port)))).toEqual(await state(await adapter.open(before)));

    // A risk deleted in the sheet is no edit target either.
    const gone = await editByHand(first, (wb) => {
      wb.getWorksheet('Risk Register')!.getCell(6, 1).value = 'R-099';
    });
    expect(await savePlanWizard(await adapter.open(gone), changes)).toMatchObject({ ok: false, saved: [], error: { code: 'sheetChanged' } });
  });
});

describe('the plan wizard in Chinese', () => {
  it('reads and saves a new plan and register with Chinese labels; an English sheet reads under zh-CN', async () => {
    const wb = XlsxPackage.create();
    const opened = await state(wb, 'zh-CN');
    expect(cellsOf(opened, 'goals').map((g) => g.horizon)).toEqual(['短期（3 个月）', '中期（1 年）', '长期（3 年）']);
    const form = typed(formOf(opened), [['goals', 0, 'target', 5]]);
    form.newRisks = missingStarterRisks([], [], 'zh-CN');
    expect(await savePlanWizard(wb, changesOf(form, 'zh-CN'))).toMatchObject({ ok: true, risks: 6 });
    const after = await state(wb, 'en-US');
    expect(cellsOf(after, 'goals')[0]).toMatchObject({ horizon: '短期（3 个月）', target: 5 });
    expect(after.register.rows[0]!.cells).toMatchObject({ id: 'R-001', title: '市场需求变化', category: '市场需求' });
    // Saving in English with the Chinese rows unchanged is no conflict: labels compare in either language.
    const english = typed(formOf(after), [['goals', 1, 'owner', 'Amy']]);
    expect(await savePlanWizard(wb, changesOf(english, 'en-US'))).toMatchObject({ ok: true });
    expect(cellsOf(await state(wb), 'goals')[1]).toMatchObject({ horizon: 'Mid term (1 year)', owner: 'Amy' });
  });
});
