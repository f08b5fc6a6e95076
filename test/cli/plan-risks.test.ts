import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { DetailedCellError } from 'hyperformula';
import type { Output } from '../../src/cli/output';
import { planCommand } from '../../src/cli/plan-command';
import { risksCommand } from '../../src/cli/risks-command';
import { HAND_CHECKED } from '../core/risk/hand-checked';
import { cli, formulaOf, loadXlsx, recalculate, rowStartingWith, tempDir, valueOf } from '../helpers/workbook-files';

// Whole workbooks are written and read back: give each test room on a busy machine.
jest.setTimeout(60_000);

function capture(): { out: Output; lines: string[] } {
  const lines: string[] = [];
  return { lines, out: { info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), error: (m) => lines.push(`error: ${m}`) } };
}

let dir: string;
let sample: string;
beforeAll(async () => {
  dir = await tempDir('plan-risks-');
  sample = path.join(dir, 'sample.xlsx');
  expect((await cli('sample', sample, '--deals', '600', '--seed', '11')).code).toBe(0);
});

/** A risks.csv holding every probability × impact pair once, as the CLI's `--import` reads it. */
async function allPairsCsv(): Promise<string> {
  const file = path.join(dir, 'pairs.csv');
  const lines = ['ID,Title,Probability,Impact,Status'];
  for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) lines.push(`P${p}I${i},Pair ${p}x${i},${p},${i},open`);
  await fs.writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/** Excel row (1-based) of the register's first risk, and its columns. */
const FIRST = 5;
const COL = { id: 1, title: 2, category: 3, probability: 5, impact: 6, score: 7, level: 8, status: 14, reviewDate: 15 } as const;
/** The bands table (Level, From score) sits at R4:S8; the heat map's corner at R12. */
const BANDS = { row: 4, col: 18 };
const HEAT = { row: 12, col: 18 };

describe('funnel-report risks --import, recalculated by HyperFormula', () => {
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const file = path.join(dir, 'pairs.xlsx');
    const { out, lines } = capture();
    expect(await risksCommand(file, { import: await allPairsCsv() }, out)).toBe(0);
    expect(lines).toEqual(['Sheet "Risk Register" written to pairs.xlsx: 25 risks (25 added, 0 updated from the import).']);
    wb = await loadXlsx(file);
  });

  it('gives the hand-checked score and level for all 25 pairs, cached and recalculated', () => {
    const ws = wb.getWorksheet('Risk Register')!;
    const { hf, sheetId } = recalculate(wb);
    const id = sheetId('Risk Register');
    for (let p = 1; p <= 5; p++) {
      for (let i = 1; i <= 5; i++) {
        const r = FIRST + (p - 1) * 5 + (i - 1);
        const [score, level] = HAND_CHECKED[p - 1]![i - 1]!;
        expect(ws.getCell(r, COL.title).value).toBe(`Pair ${p}x${i}`);
        expect(ws.getCell(r, COL.status).value).toBe('Open');
        const recalculated = [hf.getCellValue({ sheet: id, row: r - 1, col: COL.score - 1 }), hf.getCellValue({ sheet: id, row: r - 1, col: COL.level - 1 })];
        expect({ p, i, cached: [valueOf(ws.getCell(r, COL.score)), valueOf(ws.getCell(r, COL.level))], recalculated }).toEqual({
          p,
          i,
          cached: [score, level],
          recalculated: [score, level],
        });
      }
    }
  });

  it('has a heat map whose counts equal the rows: one per cell, 25 in all; closing a risk takes it off', () => {
    const { hf, sheetId } = recalculate(wb);
    const id = sheetId('Risk Register');
    const count = (p: number, i: number) => hf.getCellValue({ sheet: id, row: HEAT.row - 1 + (6 - p), col: HEAT.col - 1 + i }) as number;
    const ws = wb.getWorksheet('Risk Register')!;
    expect([1, 2, 3, 4, 5].map((i) => ws.getCell(HEAT.row, HEAT.col + i).value)).toEqual([1, 2, 3, 4, 5]);
    expect([5, 4, 3, 2, 1].map((p, k) => ws.getCell(HEAT.row + 1 + k, HEAT.col).value)).toEqual([5, 4, 3, 2, 1]);
    let total = 0;
    for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) total += count(p, i);
    expect(total).toBe(25);
    expect(count(4, 2)).toBe(1);
    hf.setCellContents({ sheet: id, row: FIRST - 1 + 3 * 5 + 1, col: COL.status - 1 }, 'Closed'); // P4 × I2
    hf.setCellContents({ sheet: id, row: FIRST - 1 + 25, col: COL.probability - 1 }, [[4, 2, null]]); // a row typed below the table
    expect(count(4, 2)).toBe(1);
    hf.setCellContents({ sheet: id, row: FIRST - 1 + 25, col: COL.impact - 1 }, 'high');
    expect(count(4, 2)).toBe(0);
  });

  it('changes the levels when a band is edited in the bands table', () => {
    const ws = wb.getWorksheet('Risk Register')!;
    expect([1, 2, 3, 4].map((k) => [ws.getCell(BANDS.row + k, BANDS.col).value, ws.getCell(BANDS.row + k, BANDS.col + 1).value])).toEqual([
      ['Low', 1],
      ['Medium', 5],
      ['High', 10],
      ['Critical', 20],
    ]);
    const { hf, sheetId } = recalculate(wb);
    const id = sheetId('Risk Register');
    const level = (p: number, i: number) => hf.getCellValue({ sheet: id, row: FIRST - 1 + (p - 1) * 5 + (i - 1), col: COL.level - 1 });
    expect([level(1, 5), level(4, 4), level(3, 5)]).toEqual(['Medium', 'High', 'High']);
    hf.setCellContents({ sheet: id, row: BANDS.row + 1, col: BANDS.col }, [[6]]); // Medium from 6
    hf.setCellContents({ sheet: id, row: BANDS.row + 2, col: BANDS.col }, [[16]]); // High from 16
    hf.setCellContents({ sheet: id, row: BANDS.row + 3, col: BANDS.col - 1 }, [['Severe']]); // Critical renamed
    expect([level(1, 5), level(3, 5), level(4, 4), level(5, 5), level(1, 1)]).toEqual(['Low', 'Medium', 'High', 'Severe', 'Low']);
  });
});

describe('bad input in the register', () => {
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const file = path.join(dir, 'bad.xlsx');
    expect(await risksCommand(file, { starter: true }, capture().out)).toBe(0);
    wb = await loadXlsx(file);
    const ws = wb.getWorksheet('Risk Register')!;
    ws.getCell(FIRST, COL.probability).value = 0;
    ws.getCell(FIRST + 1, COL.probability).value = 6;
    ws.getCell(FIRST + 2, COL.impact).value = 'high';
    for (let c = 1; c <= 16; c++) if (c !== COL.score && c !== COL.level) ws.getCell(FIRST + 3, c).value = null; // a blank row in the middle
    ws.getCell(FIRST + 4, COL.impact).value = 2.5;
  });

  it('has validation rules that refuse what they can: whole numbers 1–5, lists, dates', () => {
    const ws = wb.getWorksheet('Risk Register')!;
    for (const col of [COL.probability, COL.impact])
      expect(ws.getCell(FIRST + 30, col).dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [1, 5] });
    expect(ws.getCell(FIRST, COL.category).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Market demand,Competitor,Policy/regulation,Customer,Channel,Team,Other"'],
    });
    expect(ws.getCell(FIRST, COL.status).dataValidation).toMatchObject({ type: 'list', formulae: ['"Open,Monitoring,Closed"'] });
    expect(ws.getCell(FIRST, 9).dataValidation).toMatchObject({ type: 'list', formulae: ['"Avoid,Mitigate,Transfer,Accept,Escalate"'] });
    expect(ws.getCell(FIRST, COL.reviewDate).dataValidation).toMatchObject({ type: 'date' });
  });

  it('gives an empty score and level, never an error, for what slips through; the heat map leaves them out', () => {
    const { hf, sheetId } = recalculate(wb);
    const id = sheetId('Risk Register');
    const at = (r: number, c: number) => hf.getCellValue({ sheet: id, row: r - 1, col: c - 1 });
    for (let k = 0; k < 5; k++) expect([at(FIRST + k, COL.score), at(FIRST + k, COL.level)]).toEqual(['', '']);
    expect([at(FIRST + 5, COL.score), at(FIRST + 5, COL.level)]).toEqual([12, 'High']);
    const errors = hf
      .getSheetValues(id)
      .flat()
      .filter((v) => v instanceof DetailedCellError);
    expect(errors).toEqual([]);
    let total = 0;
    for (let r = 1; r <= 5; r++) for (let i = 1; i <= 5; i++) total += at(HEAT.row + r, HEAT.col + i) as number;
    expect(total).toBe(1);
  });
});

describe('re-running on a workbook the user edited', () => {
  let file: string;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    file = path.join(dir, 'edited.xlsx');
    await fs.copyFile(sample, file);
    expect(await planCommand(file, {}, capture().out)).toBe(0);
    expect(await risksCommand(file, { starter: true }, capture().out)).toBe(0);

    const edit = await loadXlsx(file);
    const reg = edit.getWorksheet('Risk Register')!;
    reg.getCell(FIRST, COL.title).value = 'Demand falls in the north';
    reg.getCell(FIRST + 1, COL.probability).value = 5;
    reg.getCell(FIRST + 2, COL.status).value = 'Closed';
    reg.getCell(FIRST + 2, COL.reviewDate).value = new Date(Date.UTC(2026, 4, 1));
    reg.getCell(FIRST + 6, COL.title).value = 'Supplier price rise'; // a row typed under the table
    reg.getCell(FIRST + 6, COL.category).value = 'Other';
    reg.getCell(FIRST + 6, COL.probability).value = 2;
    reg.getCell(FIRST + 6, COL.impact).value = 3;
    reg.getCell(BANDS.row + 2, BANDS.col + 1).value = 6; // Medium from 6

    const plan = edit.getWorksheet('Sales Plan')!;
    const rowOf = (text: string) => rowStartingWith(plan, text);
    const goals = rowOf('Horizon');
    plan.getCell(goals + 1, 2).value = 'Grow revenue';
    plan.getCell(goals + 1, 5).value = 100_000;
    plan.getCell(goals + 1, 6).value = new Date(Date.UTC(2026, 5, 30));
    plan.getCell(goals + 1, 7).value = 'Wang';
    plan.getCell(goals + 3, 8).value = 7; // the long-term goal's current value, typed
    plan.getCell(goals + 4, 1).value = 'Mid term (1 year)'; // a goal added under the table
    plan.getCell(goals + 4, 2).value = 'Open the Shenzhen office';
    const strategy = rowOf('Area');
    plan.getCell(strategy + 2, 2).value = 'Value pricing, no discounts above 10 %';
    const promotions = rowOf('Promotion');
    plan.getCell(promotions + 1, 1).value = 'Spring sale';
    plan.getCell(promotions + 1, 5).value = 5000;
    const targets = rowOf('month');
    plan.getCell(targets + 1, 2).value = 90_000;
    plan.getCell(targets + 2, 2).value = 95_000;
    const notes = rowOf('Notes (yours: anything typed below this line is kept)');
    plan.getCell(notes + 1, 1).value = 'Trade fair in October';
    await edit.xlsx.writeFile(file);

    expect(await planCommand(file, {}, capture().out)).toBe(0);
    expect(await risksCommand(file, {}, capture().out)).toBe(0);
    wb = await loadXlsx(file);
  });

  it('keeps every register edit, the row added by hand and the edited band, with fresh formulas', () => {
    const ws = wb.getWorksheet('Risk Register')!;
    expect(ws.getCell(FIRST, COL.title).value).toBe('Demand falls in the north');
    expect(ws.getCell(FIRST + 1, COL.probability).value).toBe(5);
    expect(valueOf(ws.getCell(FIRST + 1, COL.score))).toBe(15);
    expect(ws.getCell(FIRST + 2, COL.status).value).toBe('Closed');
    expect(ws.getCell(FIRST + 2, COL.reviewDate).value).toEqual(new Date(Date.UTC(2026, 4, 1)));
    expect(ws.getCell(FIRST + 6, COL.id).value).toBe('R-007');
    expect(ws.getCell(FIRST + 6, COL.title).value).toBe('Supplier price rise');
    expect(formulaOf(ws.getCell(FIRST + 6, COL.score))).toContain('E11*F11');
    expect(valueOf(ws.getCell(FIRST + 6, COL.level))).toBe('Medium');
    expect(ws.getCell(BANDS.row + 2, BANDS.col + 1).value).toBe(6);
    const table = ws.getTable('RiskRegister') as unknown as { table: { tableRef: string } };
    expect(table.table.tableRef).toBe('A4:P11');
  });

  it('keeps every plan edit, the goal added by hand, the promotion, targets and notes', () => {
    const ws = wb.getWorksheet('Sales Plan')!;
    const rowOf = (text: string) => rowStartingWith(ws, text);
    const goals = rowOf('Horizon');
    expect([2, 5, 6, 7].map((c) => ws.getCell(goals + 1, c).value)).toEqual(['Grow revenue', 100_000, new Date(Date.UTC(2026, 5, 30)), 'Wang']);
    // A revenue goal with a deadline measures itself on the data sheet, and its progress follows.
    expect(formulaOf(ws.getCell(goals + 1, 8))).toContain("SUMIFS('Funnel Data'!");
    expect(typeof valueOf(ws.getCell(goals + 1, 8))).toBe('number');
    expect(valueOf(ws.getCell(goals + 1, 9))).toBeCloseTo((valueOf(ws.getCell(goals + 1, 8)) as number) / 100_000, 12);
    expect(ws.getCell(goals + 3, 8).value).toBe(7);
    expect([1, 2].map((c) => ws.getCell(goals + 4, c).value)).toEqual(['Mid term (1 year)', 'Open the Shenzhen office']);
    expect(ws.getCell(rowOf('Area') + 2, 2).value).toBe('Value pricing, no discounts above 10 %');
    expect(ws.getCell(rowOf('Promotion') + 1, 1).value).toBe('Spring sale');
    expect(ws.getCell(rowOf('Promotion') + 1, 5).value).toBe(5000);
    const targets = rowOf('month');
    expect([1, 2].map((k) => ws.getCell(targets + k, 2).value)).toEqual([90_000, 95_000]);
    expect(ws.getCell(rowOf('Notes (yours: anything typed below this line is kept)') + 1, 1).value).toBe('Trade fair in October');
    expect((ws.getTable('Targets') as unknown as { table: { tableRef: string } }).table.tableRef).toMatch(/^A\d+:C\d+$/);
    // The targets travel in the settings, where the report's attainment reads them.
    const { hf, sheetId } = recalculate(wb);
    expect(
      hf
        .getSheetValues(sheetId('Sales Plan'))
        .flat()
        .filter((v) => v instanceof DetailedCellError),
    ).toEqual([]);
  });

  it('regenerates the same sheets when run again with nothing changed', async () => {
    const before = await fs.readFile(file);
    expect(await planCommand(file, {}, capture().out)).toBe(0);
    expect(await risksCommand(file, {}, capture().out)).toBe(0);
    const after = await loadXlsx(file);
    const dump = (w: ExcelJS.Workbook, name: string) => {
      const rows: unknown[] = [];
      w.getWorksheet(name)!.eachRow((row) => rows.push(JSON.stringify(row.values)));
      return rows;
    };
    const first = new (await import('exceljs')).default.Workbook();
    await first.xlsx.load(before as unknown as ArrayBuffer);
    for (const name of ['Sales Plan', 'Risk Register']) expect(dump(after, name)).toEqual(dump(first, name));
  });

  it('saves the readable targets in the workbook settings, where attainment reads them', () => {
    const ws = wb.getWorksheet('Sales Plan')!;
    let targets = -1;
    ws.eachRow((row, r) => {
      if (targets < 0 && row.getCell(1).value === 'month') targets = r;
    });
    const firstMonth = ws.getCell(targets + 1, 1).value as string;
    expect(firstMonth).toMatch(/^\d{4}-\d{2}$/);
    const settings = JSON.parse(String(wb.getWorksheet('_FunnelReporterSettings')!.getCell('A1').value));
    expect(settings.targets.slice(0, 2)).toEqual([
      { month: firstMonth, target: 90_000 },
      { month: ws.getCell(targets + 2, 1).value, target: 95_000 },
    ]);
  });
});

describe('zh-CN', () => {
  it('writes the register headers and the six starter risks in Chinese, and the plan headings', async () => {
    const file = path.join(dir, 'zh.xlsx');
    const { out, lines } = capture();
    expect(await risksCommand(file, { starter: true, locale: 'zh-CN' }, out)).toBe(0);
    expect(lines[0]).toContain('共 6 项风险');
    expect(await planCommand(file, { locale: 'zh-CN', firstMonth: '2027-01' }, capture().out)).toBe(0);
    const wb = await loadXlsx(file);
    const reg = wb.getWorksheet('Risk Register')!;
    expect(reg.getRow(4).values).toEqual([
      undefined,
      '编号',
      '风险名称',
      '风险类别',
      '风险描述',
      '发生概率（1-5）',
      '影响程度（1-5）',
      '风险分值',
      '风险等级',
      '应对策略',
      '应对措施',
      '应急预案步骤',
      '预案负责人',
      '预案所需资源',
      '状态',
      '复核日期',
      '最近演练日期',
      undefined,
      '等级',
      '起始分值',
    ]);
    expect([0, 1, 2, 3, 4, 5].map((k) => reg.getCell(FIRST + k, COL.title).value)).toEqual([
      '市场需求变化',
      '竞争对手动作',
      '政策法规变化',
      '重点客户流失',
      '渠道冲突',
      '团队人员流失',
    ]);
    expect(valueOf(reg.getCell(FIRST, COL.level))).toBe('高');
    const { hf, sheetId } = recalculate(wb);
    expect(hf.getCellValue({ sheet: sheetId('Risk Register'), row: FIRST - 1, col: COL.level - 1 })).toBe('高');
    const plan = wb.getWorksheet('Sales Plan')!;
    const col1: unknown[] = [];
    plan.eachRow((row) => col1.push(row.getCell(1).value));
    expect(col1).toEqual(expect.arrayContaining(['销售工作规划', '一、分阶段目标', '八、月度收入目标（目标达成率读取此表）', '2027-01']));
  });

  it('reads an English register under zh-CN without losing rows, translating only the add-in’s words', async () => {
    const file = path.join(dir, 'en-then-zh.xlsx');
    expect(await risksCommand(file, { starter: true }, capture().out)).toBe(0);
    expect(await risksCommand(file, { starter: true, locale: 'zh-CN' }, capture().out)).toBe(0);
    const reg = (await loadXlsx(file)).getWorksheet('Risk Register')!;
    expect(reg.getCell(FIRST, COL.title).value).toBe('Market demand change');
    expect(reg.getCell(FIRST, COL.category).value).toBe('市场需求');
    expect(reg.getCell(FIRST + 6, COL.title).value).toBeNull();
  });
});

describe('the commands refuse what they cannot use', () => {
  it('says so for an unreadable import, and for a non-.xlsx target', async () => {
    const bad = path.join(dir, 'bad.csv');
    await fs.writeFile(bad, 'foo,bar\n1,2\n');
    const a = capture();
    expect(await risksCommand(path.join(dir, 'x.xlsx'), { import: bad }, a.out)).toBe(2);
    expect(a.lines[0]).toContain('no rows with a recognised register header');
    const b = capture();
    expect(await planCommand(path.join(dir, 'x.csv'), {}, b.out)).toBe(2);
    const c = capture();
    expect(await risksCommand(path.join(dir, 'y.xlsx'), { import: path.join(dir, 'missing.csv') }, c.out)).toBe(2);
  });

  it('reports import cells it kept as typed, and exits 1', async () => {
    const csv = path.join(dir, 'typed.csv');
    await fs.writeFile(csv, 'id,title,probability,review date\nR-1,Late shipment,high,2026-13-01\n');
    const { out, lines } = capture();
    expect(await risksCommand(path.join(dir, 'typed.xlsx'), { import: csv }, out)).toBe(1);
    expect(lines.filter((l) => l.startsWith('warning:'))).toHaveLength(2);
  });
});
