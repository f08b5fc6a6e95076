import fc from 'fast-check';
import { readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES, stagesFromNames } from '../../../src/core/pipeline/stages';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';
import type { CellValue, SheetValues } from '../../../src/core/util/cell';
import { serialFromYmd } from '../../../src/core/util/dates';

const HEADER = ['Deal ID', 'Account', 'Stage', 'Created Date', 'Close Date', 'Amount'];
const d = (m: number, day: number) => serialFromYmd(2026, m, day);

function read(values: SheetValues, stages = DEFAULT_STAGES) {
  const result = readPipeline(values, { stages });
  if (!result.ok) throw new Error(`expected a pipeline, got ${JSON.stringify(result.error)}`);
  return result.pipeline;
}

describe('header detection', () => {
  it.each([
    ['deal_stage', 'stage'],
    ['Deal Stage', 'stage'],
    ['销售阶段', 'stage'],
    ['  DEAL-STAGE ', 'stage'],
    ['opportunity_id', 'id'],
    ['engage_date', 'created'],
    ['close_value', 'amount'],
    ['sales_agent', 'owner'],
    ['客户名称', 'account'],
    ['成交日期', 'closed'],
  ])('maps %p to %s', (header, field) => {
    const headers = ['Deal ID', 'Account', 'Stage', 'Created', 'Amount'].map((h) => (h === fieldHeader(field) ? header : h));
    if (!headers.includes(header)) headers.push(header);
    const p = read([headers, ['1', 'A', 'Lead', d(1, 1), 5]]);
    expect(p.header.headers[p.header.mapping[field as keyof typeof p.header.mapping]!]).toBe(header.trim());
  });

  it('finds the header below merged title rows, in row 15', () => {
    const rows: SheetValues = [
      ['Q3 pipeline export', null, null],
      [null],
      ...Array.from({ length: 12 }, () => [null]),
      HEADER,
      ['D1', 'Acme', 'Won', d(1, 3), d(2, 1), 100],
    ];
    const p = read(rows);
    expect(p.header.headerRow).toBe(14);
    expect(p.deals).toHaveLength(1);
    expect(p.deals[0]).toMatchObject({ row: 16, id: 'D1', status: 'won', furthest: 5, amount: 100 });
  });

  it('does not look beyond row 20', () => {
    const rows: SheetValues = [...Array.from({ length: 20 }, () => ['x']), HEADER, ['D1', 'Acme', 'Won', d(1, 3), d(2, 1), 100]];
    expect(readPipeline(rows, { stages: DEFAULT_STAGES })).toEqual({ ok: false, error: { code: 'noHeader', rowsSearched: 20 } });
  });

  it('names the missing fields with their synonyms', () => {
    const result = readPipeline([['Deal ID', 'Account', 'Stage']], { stages: DEFAULT_STAGES });
    expect(result.ok).toBe(false);
    if (result.ok || result.error.code !== 'missingFields') throw new Error('expected missingFields');
    expect(result.error.missing.map((m) => m.field)).toEqual(['created', 'amount']);
    expect(result.error.missing[0]!.synonyms).toContain('创建日期');
    expect(result.error.headers).toEqual(['Deal ID', 'Account', 'Stage']);
  });

  it('refuses an empty sheet', () => {
    expect(readPipeline([], { stages: DEFAULT_STAGES })).toEqual({ ok: false, error: { code: 'emptySheet' } });
    expect(readPipeline([[null, ''], []], { stages: DEFAULT_STAGES })).toEqual({ ok: false, error: { code: 'emptySheet' } });
  });

  it('reads a header-only sheet as no deals', () => {
    const p = read([HEADER]);
    expect(p.deals).toEqual([]);
    expect(p.rowsRead).toBe(0);
  });

  it('lets the user override a mapping', () => {
    const rows = [
      ['Ref', 'Account', 'Stage', 'Created', 'Amount', 'Expected Revenue'],
      ['R1', 'A', 'Lead', d(1, 1), 5, 900],
    ];
    const result = readPipeline(rows, { stages: DEFAULT_STAGES, overrides: { id: 'Ref', amount: 'Expected Revenue' } });
    expect(result.ok && result.pipeline.deals[0]).toMatchObject({ id: 'R1', amount: 900 });
  });

  it('finds stage date columns in either language', () => {
    const rows = [
      [...HEADER, 'Qualified Date', '商机 日期'],
      ['D1', 'A', 'Proposal', d(1, 1), null, 10, d(1, 5), '2026-01-09'],
    ];
    const p = read(rows);
    expect(p.deals[0]!.stageDates).toEqual([null, d(1, 5), d(1, 9), null, null]);
  });
});

function fieldHeader(field: string): string {
  return { stage: 'Stage', id: 'Deal ID', created: 'Created', amount: 'Amount', account: 'Account' }[field] ?? '';
}

describe('furthest stage reached (SPEC §1)', () => {
  const rows = (...body: CellValue[][]) => [[...HEADER, 'Status', 'Lost At Stage'], ...body];

  it('open deal: its current stage', () => {
    expect(read(rows(['1', 'A', 'Proposal', d(1, 1), null, 10])).deals[0]).toMatchObject({ status: 'open', furthest: 3, stageIndex: 3 });
  });

  it('won deal: every open stage and Won', () => {
    expect(read(rows(['1', 'A', 'Won', d(1, 1), d(2, 1), 10])).deals[0]).toMatchObject({ status: 'won', furthest: 5 });
  });

  it('lost deal: lostStage when given, else its open stage', () => {
    const p = read(rows(['1', 'A', 'Lost', d(1, 1), d(2, 1), 10, null, 'Qualified'], ['2', 'A', 'Opportunity', d(1, 1), d(2, 1), 10, 'Lost']));
    expect(p.deals.map((x) => [x.status, x.furthest])).toEqual([
      ['lost', 1],
      ['lost', 2],
    ]);
    expect(p.issues).toEqual([]);
  });

  it('lost deal with no stage information: stage 1 and a data issue', () => {
    const p = read(rows(['1', 'A', 'Lost', d(1, 1), d(2, 1), 10]));
    expect(p.deals[0]).toMatchObject({ status: 'lost', furthest: 0 });
    expect(p.issues).toEqual([{ row: 2, column: 'Stage', field: 'stage', address: 'C2', value: 'Lost', code: 'lostWithoutStage' }]);
  });

  it('status words in both languages, case-insensitive', () => {
    const p = read(
      rows(
        ['1', 'A', 'Negotiation', d(1, 1), d(2, 1), 10, '赢单'],
        ['2', 'A', 'Proposal', d(1, 1), d(2, 1), 10, 'closed lost'],
        ['3', 'A', '商机', d(1, 1), null, 10, '进行中'],
      ),
    );
    expect(p.deals.map((x) => [x.status, x.furthest])).toEqual([
      ['won', 5],
      ['lost', 3],
      ['open', 2],
    ]);
  });

  it('unknown stage: left out of the funnel, reported with the values found', () => {
    const p = read(rows(['1', 'A', 'Demo', d(1, 1), null, 10], ['2', 'A', 'Demo', d(1, 1), null, 10], ['3', 'A', 'Pilot', d(1, 1), null, 10]));
    expect(p.deals.every((x) => x.furthest === null)).toBe(true);
    expect(p.unknownStages).toEqual([
      { value: 'Demo', count: 2 },
      { value: 'Pilot', count: 1 },
    ]);
    expect(p.issues.map((i) => i.code)).toEqual(['unknownStage', 'unknownStage', 'unknownStage']);
  });

  it('custom stages from the command line', () => {
    const p = read([HEADER, ['1', 'A', 'Engaging', d(1, 1), null, 10], ['2', 'A', 'Won', d(1, 1), d(2, 1), 10]], stagesFromNames(['Prospecting', 'Engaging']));
    expect(p.deals.map((x) => x.furthest)).toEqual([1, 2]);
  });
});

describe('data issues', () => {
  it('names row, column, value and reason, and keeps the row for the other metrics', () => {
    const p = read([HEADER, ['1', 'A', 'Won', 'someday', d(2, 1), 'TBD']]);
    expect(p.issues).toEqual([
      { row: 2, column: 'Created Date', field: 'created', address: 'D2', value: 'someday', code: 'notADate' },
      { row: 2, column: 'Amount', field: 'amount', address: 'F2', value: 'TBD', code: 'notANumber' },
    ]);
    expect(p.deals[0]).toMatchObject({ status: 'won', closed: d(2, 1), created: null, amount: null });
    expect(p.rowsRead).toBe(1);
    expect(p.rowsClean).toBe(0);
  });

  it('makes a date before 1900 or after 2100 a data issue (row, column, value, reason), as text or as a serial', () => {
    const far = serialFromYmd(9999, 12, 31);
    const p = read([
      HEADER,
      ['1', 'A', 'Won', d(1, 5), '9999-12-31', 10],
      ['2', 'B', 'Won', '1899-12-31', far, 10],
      ['3', 'C', 'Won', '0202-03-01', '2100-12-31', 10],
      ['4', 'D', 'Won', '1900-01-01', '2101年1月1日', 10],
    ]);
    expect(p.issues.map((i) => [i.row, i.column, i.value, i.code])).toEqual([
      [2, 'Close Date', '9999-12-31', 'dateOutOfRange'],
      [3, 'Created Date', '1899-12-31', 'dateOutOfRange'],
      [3, 'Close Date', far, 'dateOutOfRange'],
      [4, 'Created Date', '0202-03-01', 'dateOutOfRange'],
      [5, 'Close Date', '2101年1月1日', 'dateOutOfRange'],
    ]);
    expect(p.deals.map((x) => x.closed)).toEqual([null, null, serialFromYmd(2100, 12, 31), null]);
    expect(p.deals[3]!.created).toBe(serialFromYmd(1900, 1, 1));
  });

  it('skips blank rows without counting them', () => {
    const p = read([HEADER, [null, null], ['1', 'A', 'Lead', d(1, 1), null, 1], []]);
    expect(p.rowsRead).toBe(1);
    expect(p.deals[0]!.row).toBe(3);
  });

  it('case-folds and trims accounts into one key', () => {
    const p = read([HEADER, ['1', ' Acme  Corp ', 'Lead', d(1, 1), null, 1], ['2', 'ACME CORP', 'Lead', d(1, 1), null, 1]]);
    expect(new Set(p.deals.map((x) => x.accountKey))).toEqual(new Set(['acme corp']));
  });

  it('never throws on garbage: 5 % random cells in a sample', () => {
    const clean = samplePipeline({ deals: 300, seed: 7 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null))), { minLength: 60, maxLength: 60 }),
        (edits) => {
          const rows = clean.map((r) => [...r]);
          for (const [r, c, v] of edits) rows[1 + (r % (rows.length - 1))]![c % rows[0]!.length] = v;
          const p = read(rows);
          expect(p.rowsRead).toBe(300);
          for (const issue of p.issues) expect(issue.row).toBeGreaterThan(1);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads the sample with exactly the messy cells it plants', () => {
    const p = read(samplePipeline({ deals: 500, seed: 3 }));
    expect(p.issues.map((i) => i.code).sort()).toEqual(['lostWithoutStage', 'missingCost', 'missingCreated', 'notANumber', 'unknownStage']);
    expect(p.unknownStages).toEqual([{ value: 'Demo', count: 1 }]);
  });
});
