import fc from 'fast-check';
import { ALL_TIME } from '../../src/core/worksheet-functions/deals-of-ranges';
import { cohortFunnel } from '../../src/core/metrics/funnel';
import { stageOrderOfNames } from '../../src/core/worksheet-functions/funnel-of-ranges';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES, type StageConfig } from '../../src/core/pipeline/stages';
import type { SheetValues } from '../../src/core/util/cell';
import { conversion, reached } from '../../src/functions/functions';
import { clearFunctionCaches } from '../../src/functions/range-cache';
import { installCustomFunctionsStub, StubCustomFunctionError } from './custom-functions-stub';
import { asError, cellOf, column, SAMPLE, sheetWhere } from './excel-ranges';

beforeAll(installCustomFunctionsStub);
beforeEach(clearFunctionCaches);

/** The report's funnel of the same deals: the sheet read by the pipeline reader, every created date counted. */
function coreFunnel(sheet: SheetValues, stages: StageConfig = DEFAULT_STAGES) {
  const read = readPipeline(sheet, { stages });
  if (!read.ok) throw new Error('sheet did not read');
  return cohortFunnel(read.pipeline.deals, stages, ALL_TIME).steps;
}

// The functions see the Stage column only, so the report is given no "Lost At Stage" column either (a Lost
// deal then counts at stage 1 in both), and only deals with a created date (the cohort funnel needs one).
const created = cellOf(SAMPLE, 'Created Date');
const SHEET = sheetWhere(SAMPLE, (row) => typeof created(row) === 'number', ['Lost At Stage']);
const STAGES = column(SHEET, 'Stage');

describe('FUNNEL.CONVERSION and FUNNEL.REACHED over a pipeline column', () => {
  const steps = coreFunnel(SHEET);

  it('gives the report funnel’s reached counts and step conversions, header row and all', () => {
    const names = [...DEFAULT_STAGES.stages.map((s) => s.name), 'Won'];
    names.forEach((name, k) => {
      expect(reached(STAGES, name)).toBe(steps[k]!.reached);
      expect(reached(STAGES, k + 1)).toBe(steps[k]!.reached);
      if (k > 0) expect(conversion(STAGES, names[k - 1], name)).toBeCloseTo(steps[k]!.stepConversion!, 12);
      expect(conversion(STAGES, 'Lead', name)).toBeCloseTo(steps[k]!.cumulativeConversion!, 12);
    });
    expect(steps[0]!.reached).toBeGreaterThan(1000);
  });

  it('reads names case- and space-insensitively, in Chinese too, and Won by any of its names', () => {
    expect(conversion(STAGES, ' lead ', '成交')).toBe(conversion(STAGES, 1, 6));
    expect(conversion(STAGES, '商机', 'Closed Won')).toBe(conversion(STAGES, 'Opportunity', 'Won'));
  });

  it('takes blanks as "" or null, and a range with or without its header', () => {
    const nulls = column(SHEET, 'Stage', { blank: null, header: false });
    const withBlanks = [...nulls.slice(0, 50), [''], [null], ...nulls.slice(50)];
    expect(reached(withBlanks, 'Proposal')).toBe(steps[3]!.reached);
    expect(conversion(withBlanks, 'Qualified', 'Won')).toBe(conversion(STAGES, 'Qualified', 'Won'));
  });

  it('follows a stage order given as a range, with Won and Lost after it, in any language', () => {
    const order = [['Lead'], ['Qualified'], ['Proposal'], ['Won'], ['Lost']];
    const config = (stageOrderOfNames(order.flat()) as { stages: StageConfig }).stages;
    // The core sees Opportunity and Negotiation as unknown stages, as the function does.
    const custom = coreFunnel(SHEET, config);
    expect(reached(STAGES, 'Proposal', order)).toBe(custom[2]!.reached);
    expect(conversion(STAGES, 'Qualified', 'Won', order)).toBeCloseTo(custom[3]!.reached / custom[1]!.reached, 12);
    // Chinese names of the default template find the English values.
    const zh = [['潜在客户', '合格线索', '商机', '方案报价', '商务谈判']];
    expect(conversion(STAGES, '商机', '成交', zh)).toBe(conversion(STAGES, 'Opportunity', 'Won'));
  });

  it('is cached per range contents: a changed cell gives a new answer', () => {
    const before = reached(STAGES, 'Won');
    const changed = STAGES.map((r) => [...r]);
    const firstLead = changed.findIndex((r) => r[0] === 'Lead');
    changed[firstLead] = ['Won'];
    expect(reached(changed, 'Won')).toBe((before as number) + 1);
    expect(
      reached(
        STAGES.map((r) => [...r]),
        'Won',
      ),
    ).toBe(before);
  });
});

describe('FUNNEL.CONVERSION on small ranges', () => {
  const stages = [['Stage'], ['Lead'], ['Qualified'], ['Won'], ['Lost'], [''], ['Proposal'], [null], ['Negotiation']];

  it('counts by the last-reached-stage rule, a Lost deal at stage 1 only', () => {
    // Lead: all 6 deals; Qualified: Qualified, Won, Proposal, Negotiation; Proposal: Won, Proposal, Negotiation.
    expect([1, 2, 3, 4, 5, 6].map((k) => reached(stages, k))).toEqual([6, 4, 3, 3, 2, 1]);
    expect(conversion(stages, 'Lead', 'Qualified')).toBeCloseTo(4 / 6, 12);
    expect(conversion(stages, 'Proposal', 'Won')).toBeCloseTo(1 / 3, 12);
    expect(conversion(stages, 'Won', 'Won')).toBe(1);
  });

  it.each([
    ['from_stage', 'Demo', 'Won', /from_stage must be a stage of the default stages .*Lead.*not "Demo"/],
    ['to_stage', 'Lead', 'Lost', /to_stage must be a stage .* not "Lost"/],
    ['to_stage', 'Lead', 9, /to_stage .* number 1–6, not 9/],
    ['from_stage', '', 'Won', /from_stage .* not a blank cell/],
  ])('returns #VALUE! when %s does not name a step', (_arg, from, to, message) => {
    const e = asError(conversion(stages, from, to));
    expect(e).toBeInstanceOf(StubCustomFunctionError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(message);
  });

  it('returns #VALUE! when to_stage comes before from_stage', () => {
    const e = asError(conversion(stages, 'Proposal', 'Lead'));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/to_stage \(Lead\) comes before from_stage \(Proposal\)/);
  });

  it('returns #N/A when no deal reached from_stage, and #VALUE! when stages names no stage at all', () => {
    const e = asError(conversion([['Lead'], ['Lead']], 'Qualified', 'Won'));
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/No deal in stages reached Qualified/);
    expect(asError(conversion([[''], [null]], 'Lead', 'Won')).code).toBe('#N/A');
    const wrong = asError(conversion([['Acme'], ['Globex']], 'Lead', 'Won'));
    expect(wrong.code).toBe('#VALUE!');
    expect(wrong.message).toMatch(/stages: none of its 2 non-blank cells names a stage/);
  });

  it('returns #VALUE! for a stage order naming a stage twice or none', () => {
    expect(asError(conversion(stages, 1, 2, [['A'], ['b'], [' a ']])).message).toMatch(/stage_order names "a" twice/);
    expect(asError(conversion(stages, 1, 2, [['Won'], ['Lost']])).message).toMatch(/stage_order names no open stage/);
  });

  it('treats an omitted, null or blank stage_order as the default', () => {
    expect(conversion(stages, 1, 2, undefined)).toBe(conversion(stages, 1, 2));
    expect(conversion(stages, 1, 2, null as never)).toBe(conversion(stages, 1, 2));
    expect(conversion(stages, 1, 2, [[''], ['']])).toBe(conversion(stages, 1, 2));
  });

  it('returns #VALUE! when a stage argument is a range of several cells', () => {
    expect(asError(reached(stages, [['Lead'], ['Won']])).message).toMatch(/stage must be one value, not a range of 2 cells/);
  });
});

describe('FUNNEL.CONVERSION properties', () => {
  const value = fc.constantFrom('Lead', 'Qualified', 'Opportunity', 'Proposal', 'Negotiation', 'Won', 'Lost', '', null, 'Stage', 'lead ', '商机');

  it('is between 0 and 1, and reached never increases down the funnel', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value), { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (rows, a, b) => {
        const counts = [1, 2, 3, 4, 5, 6].map((k) => reached(rows, k));
        if (counts.every((c) => typeof c === 'number')) {
          for (let k = 1; k < 6; k++) expect(counts[k]).toBeLessThanOrEqual(counts[k - 1] as number);
        }
        const r = conversion(rows, Math.min(a, b), Math.max(a, b));
        if (typeof r === 'number') {
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1);
        } else expect(['#N/A', '#VALUE!']).toContain(asError(r).code);
      }),
    );
  });
});
