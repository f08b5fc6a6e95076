import { t } from '../../../src/core/i18n';
import { buildRiskRegisterSheet, riskSheetLayout, RISK_SHEET, RISK_TABLE, BANDS_TABLE } from '../../../src/core/report/risk-register-sheet';
import type { SheetModel, TableBlock } from '../../../src/core/report/model';
import { importRisks } from '../../../src/core/risk/import-risks';
import { readRiskRegister } from '../../../src/core/risk/read-register';
import { defaultBands, emptyRegister, nextRiskId, type RiskRegister, withIds } from '../../../src/core/risk/register';
import { RISK_COLUMNS } from '../../../src/core/risk/register-columns';
import { STARTER_RISK_KEYS, withStarterRisks } from '../../../src/core/risk/starter-risks';
import { CATEGORY_VOCABULARY, STATUS_VOCABULARY, vocabularyKey, vocabularyLabels } from '../../../src/core/risk/vocabulary';
import { serialFromYmd } from '../../../src/core/util/dates';
import { valuesOf } from '../../helpers/model-values';

/** What a workbook adapter would read back: cells at their places, formulas as their cached values. */

function table(model: SheetModel, name: string): TableBlock {
  const found = model.blocks.find((b): b is TableBlock => b.kind === 'table' && b.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

const starter = (locale: 'en-US' | 'zh-CN'): RiskRegister => ({ ...emptyRegister(locale), rows: withStarterRisks([], locale, 0) });

describe('the risk register sheet model', () => {
  it('has the sixteen columns in order, in both languages, and stable sheet and table names', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const model = buildRiskRegisterSheet(starter(locale), locale);
      expect(model.name).toBe(RISK_SHEET);
      const reg = table(model, RISK_TABLE);
      expect(reg.columns.map((c) => c.header)).toEqual(RISK_COLUMNS.map((c) => t(locale, `risk.col.${c}`)));
      expect(table(model, BANDS_TABLE).rows).toEqual(defaultBands(locale).map((b) => [b.name, b.from]));
    }
    expect(table(buildRiskRegisterSheet(starter('zh-CN'), 'zh-CN'), RISK_TABLE).columns[0]!.header).toBe('编号');
  });

  it('holds the six starter risks in each language, with ids R-001…R-006 and formulas for score and level', () => {
    const en = table(buildRiskRegisterSheet(starter('en-US'), 'en-US'), RISK_TABLE);
    const zh = table(buildRiskRegisterSheet(starter('zh-CN'), 'zh-CN'), RISK_TABLE);
    expect(en.rows.map((r) => r[1])).toEqual([
      'Market demand change',
      'Competitor action',
      'Policy or regulation change',
      'Key-customer loss',
      'Channel conflict',
      'Team turnover',
    ]);
    expect(zh.rows.map((r) => r[1])).toEqual(['市场需求变化', '竞争对手动作', '政策法规变化', '重点客户流失', '渠道冲突', '团队人员流失']);
    expect(en.rows.map((r) => r[0])).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005', 'R-006']);
    for (const rows of [en.rows, zh.rows]) {
      for (const r of rows) {
        for (const c of [3, 9, 10, 11, 12]) expect(typeof r[c]).toBe('string');
        expect(r[6]).toMatchObject({ formula: expect.stringContaining('INT(') });
        expect(r[7]).toMatchObject({ formula: expect.stringContaining('MATCH(') });
      }
    }
    expect(zh.rows[0]![2]).toBe('市场需求');
    expect(zh.rows[0]![13]).toBe('未关闭');
    expect(STARTER_RISK_KEYS).toHaveLength(6);
  });

  it('writes score and level formulas of the row, reading the bands table with absolute references', () => {
    const model = buildRiskRegisterSheet(starter('en-US'), 'en-US');
    const first = table(model, RISK_TABLE).rows[0]!;
    expect(first[6]).toEqual({ formula: 'IF(AND(ISNUMBER(E5),ISNUMBER(F5)),IF(AND(E5>=1,E5<=5,F5>=1,F5<=5,E5=INT(E5),F5=INT(F5)),E5*F5,""),"")', value: 12 });
    expect(first[7]).toEqual({ formula: 'IF(G5="","",IFERROR(INDEX($R$5:$R$8,MATCH(G5,$S$5:$S$8,1)),""))', value: 'High' });
  });

  it('validates category, probability, impact, strategy, status and dates, also for rows added later', () => {
    const model = buildRiskRegisterSheet(starter('en-US'), 'en-US');
    expect(model.validations).toEqual(
      expect.arrayContaining([
        { range: 'C5:C110', rule: { type: 'list', values: vocabularyLabels(CATEGORY_VOCABULARY, 'en-US') } },
        { range: 'E5:E110', rule: { type: 'wholeNumber', min: 1, max: 5 } },
        { range: 'F5:F110', rule: { type: 'wholeNumber', min: 1, max: 5 } },
        { range: 'I5:I110', rule: { type: 'list', values: ['Avoid', 'Mitigate', 'Transfer', 'Accept', 'Escalate'] } },
        { range: 'N5:N110', rule: { type: 'list', values: ['Open', 'Monitoring', 'Closed'] } },
        { range: 'O5:O110', rule: { type: 'date' } },
        { range: 'P5:P110', rule: { type: 'date' } },
      ]),
    );
    // Excel keeps a list drop-down under 255 characters and splits it on commas.
    for (const v of model.validations!) if (v.rule.type === 'list' && 'values' in v.rule) for (const x of v.rule.values) expect(x).not.toContain(',');
  });

  it('formats each level by the band names in the bands table, overdue reviews, and the heat map', () => {
    const model = buildRiskRegisterSheet(starter('en-US'), 'en-US');
    expect(model.conditionalFormats).toEqual([
      { range: 'H5:H110', type: 'expression', formula: 'AND($H5<>"",$H5=$R$5)', style: 'good' },
      { range: 'H5:H110', type: 'expression', formula: 'AND($H5<>"",$H5=$R$6)', style: 'warning' },
      { range: 'H5:H110', type: 'expression', formula: 'AND($H5<>"",$H5=$R$7)', style: 'bad' },
      { range: 'H5:H110', type: 'expression', formula: 'AND($H5<>"",$H5=$R$8)', style: 'critical' },
      { range: 'O5:O110', type: 'expression', formula: 'AND(ISNUMBER($O5),$O5<TODAY(),$N5<>"Closed",$N5<>"已关闭")', style: 'bad' },
      // Each heat-map cell by the level of its P × I (SPEC §7), not by its count.
      { range: 'S13:W17', type: 'expression', formula: 'AND($R13*S$12>=$S$5,$R13*S$12<$S$6)', style: 'good' },
      { range: 'S13:W17', type: 'expression', formula: 'AND($R13*S$12>=$S$6,$R13*S$12<$S$7)', style: 'warning' },
      { range: 'S13:W17', type: 'expression', formula: 'AND($R13*S$12>=$S$7,$R13*S$12<$S$8)', style: 'bad' },
      { range: 'S13:W17', type: 'expression', formula: 'AND($R13*S$12>=$S$8)', style: 'critical' },
    ]);
  });

  it('counts open risks per heat-map cell with COUNTIFS over whole columns, cached counts summing to the scored rows', () => {
    const register = starter('en-US');
    register.rows[0]!.cells.status = 'Closed';
    const model = buildRiskRegisterSheet(register, 'en-US');
    const layout = riskSheetLayout(register);
    const grid = model.blocks.find((b) => b.kind === 'cells' && b.row === layout.heatMap.row && b.col === layout.heatMap.col);
    if (grid?.kind !== 'cells') throw new Error('no heat map');
    expect(grid.cells[0]).toEqual(['P \\ I', 1, 2, 3, 4, 5]);
    expect(grid.cells.slice(1).map((r) => r[0])).toEqual([5, 4, 3, 2, 1]);
    expect(grid.cells[1]![1]).toMatchObject({ formula: 'COUNTIFS($E:$E,$R13,$F:$F,S$12,$N:$N,"<>Closed",$N:$N,"<>已关闭")' });
    const total = grid.cells
      .slice(1)
      .flatMap((r) => r.slice(1))
      .reduce<number>((sum, c) => sum + (c as { value: number }).value, 0);
    expect(total).toBe(5);
  });
});

describe('reading the register back', () => {
  it('recovers every user cell, rows added below, the user’s own columns and edited bands; score and level are not kept', () => {
    const register = starter('en-US');
    const values = valuesOf(buildRiskRegisterSheet(register, 'en-US'));
    values[4]![1] = 'Demand falls in the north';
    values[5]![4] = 5;
    values.push([]);
    values.push(['', 'A risk typed below the table', 'Other', null, 2, 2]);
    values[3]![16] = 'Notes';
    values[6]![16] = 'mine';
    values[5]![18] = 6; // the user moves Medium to start at 6
    const read = readRiskRegister(values)!;
    expect(read.rows).toHaveLength(7);
    expect(read.rows[0]!.cells.title).toBe('Demand falls in the north');
    expect(read.rows[1]!.cells.probability).toBe(5);
    expect(read.rows[6]!.cells).toMatchObject({ title: 'A risk typed below the table', category: 'Other', probability: 2, impact: 2 });
    expect(read.rows[0]!.cells).not.toHaveProperty('score');
    expect(read.extraHeaders).toEqual(['Notes']);
    expect(read.rows[2]!.extras).toEqual(['mine']);
    // The user's column fills the gap before the bands; the repeated "Level" header ends the register.
    expect(read.bands).toEqual([
      { name: 'Low', from: 1 },
      { name: 'Medium', from: 6 },
      { name: 'High', from: 10 },
      { name: 'Critical', from: 20 },
    ]);
  });

  it('reads an edited band, and a zh-CN register under en-US', () => {
    const values = valuesOf(buildRiskRegisterSheet(starter('zh-CN'), 'zh-CN'));
    values[5]![18] = 6;
    const read = readRiskRegister(values)!;
    expect(read.bands[1]).toEqual({ name: '中', from: 6 });
    expect(read.rows).toHaveLength(6);
    const again = table(buildRiskRegisterSheet(read, 'en-US'), RISK_TABLE);
    expect(again.rows[0]![2]).toBe('Market demand');
    expect(again.rows[0]![1]).toBe('市场需求变化'); // the user's text is never translated
    expect(table(buildRiskRegisterSheet(read, 'en-US'), BANDS_TABLE).rows[1]).toEqual(['Medium', 6]);
  });

  it('is null for a sheet without a register', () => {
    expect(readRiskRegister([['ID', 'whatever']])).toBeNull();
  });
});

describe('starter risks, ids and vocabulary', () => {
  it('adds only the starter risks that are missing, in either language, with the next free id', () => {
    const rows = withStarterRisks([{ cells: { id: 'R-007', title: '渠道冲突' }, extras: [] }], 'en-US', 0);
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.cells.id)).toEqual(['R-007', 'R-008', 'R-009', 'R-010', 'R-011', 'R-012']);
    expect(withStarterRisks(rows, 'zh-CN', 0)).toHaveLength(6);
  });

  it('gives rows without an id the next free one', () => {
    expect(
      withIds([
        { cells: { id: 'R-002' }, extras: [] },
        { cells: { title: 'x' }, extras: [] },
      ]).map((r) => r.cells.id),
    ).toEqual(['R-002', 'R-003']);
    expect(nextRiskId([])).toBe('R-001');
  });

  it('knows a choice by its key or its label in either language', () => {
    expect(vocabularyKey(STATUS_VOCABULARY, 'closed')).toBe('closed');
    expect(vocabularyKey(STATUS_VOCABULARY, ' Closed ')).toBe('closed');
    expect(vocabularyKey(STATUS_VOCABULARY, '已关闭')).toBe('closed');
    expect(vocabularyKey(STATUS_VOCABULARY, 'done')).toBeNull();
    expect(vocabularyKey(CATEGORY_VOCABULARY, '政策法规')).toBe('policy');
  });
});

describe('importRisks', () => {
  const existing = withStarterRisks([], 'en-US', 0);

  it('updates by id only the cells the file fills, and appends the rest with new ids', () => {
    const r = importRisks(
      existing,
      [
        ['ID', 'Title', 'Probability', 'impact', 'Status', 'Review date'],
        ['r-002', null, 5, null, 'closed', '2026-05-01'],
        [null, 'New supplier risk', '2', '4', null, '2026年6月1日'],
        ['X-9', 'Imported with its own id', 'high', 3, null, 'soon'],
        [null, null, null, null, null, null],
      ],
      0,
    );
    expect(r).toMatchObject({ added: 2, updated: 1, recognised: true });
    expect(r.rows).toHaveLength(8);
    expect(r.rows[1]!.cells).toMatchObject({
      id: 'R-002',
      title: 'Competitor action',
      probability: 5,
      impact: 3,
      status: 'closed',
      reviewDate: serialFromYmd(2026, 5, 1),
    });
    expect(r.rows[6]!.cells).toMatchObject({ id: 'R-007', title: 'New supplier risk', probability: 2, impact: 4, reviewDate: serialFromYmd(2026, 6, 1) });
    expect(r.rows[7]!.cells).toMatchObject({ id: 'X-9', probability: 'high', reviewDate: 'soon' });
    expect(r.issues).toEqual([
      { row: 4, column: 'probability', value: 'high', reason: 'notANumber' },
      { row: 4, column: 'reviewDate', value: 'soon', reason: 'notADate' },
    ]);
    expect(existing[1]!.cells.probability).toBe(4); // the input is not changed
  });

  it('reads Chinese headers and field names, and says when no header is recognised', () => {
    const r = importRisks(
      [],
      [
        ['编号', '风险名称', '发生概率（1-5）', 'contingencyOwner'],
        ['R-1', '供应商涨价', 3, '采购经理'],
      ],
      0,
    );
    expect(r.rows[0]!.cells).toEqual({ id: 'R-1', title: '供应商涨价', probability: 3, contingencyOwner: '采购经理' });
    expect(
      importRisks(
        [],
        [
          ['foo', 'bar'],
          [1, 2],
        ],
        0,
      ).recognised,
    ).toBe(false);
  });
});
