import { attainment } from '../../src/core/metrics/attainment';
import { dealTableOf } from '../../src/core/metrics/deal-table';
import { revenueByMonth } from '../../src/core/metrics/revenue';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { bandLevel, riskLevel, riskScore } from '../../src/core/risk/score';
import { monthKey, parseMonthKey } from '../../src/core/util/dates';
import { attainmentFunction, riskLevelFunction } from '../../src/functions/functions';
import { installCustomFunctionsStub } from './custom-functions-stub';
import { asError, SAMPLE } from './excel-ranges';

beforeAll(installCustomFunctionsStub);

describe('FUNNEL.ATTAINMENT', () => {
  const read = readPipeline(SAMPLE, { stages: DEFAULT_STAGES });
  if (!read.ok) throw new Error('sample did not read');
  const table = dealTableOf(read.pipeline.deals);
  const january = parseMonthKey('2026-01')!;
  const june = parseMonthKey('2026-06')!;
  const revenue = [...revenueByMonth(table, january, june)];
  const targets = revenue.map((r, i) => Math.round(r * (0.8 + 0.1 * i)));

  it('gives the core year-to-date and month attainment from a column of monthly revenue and one of targets', () => {
    const core = attainment(
      table,
      june,
      targets.map((target, i) => ({ month: monthKey(january + i), target })),
    );
    const actual = [['Revenue'], ...revenue.map((r) => [r])];
    const target = [['Target'], ...targets.map((t) => [t])];
    expect(attainmentFunction(actual, target)).toBeCloseTo(core.attainmentYtd!, 12);
    expect(attainmentFunction([[revenue[5]]], [[targets[5]]])).toBeCloseTo(core.attainment!, 12);
    expect(attainmentFunction(revenue[5] as never, targets[5] as never)).toBeCloseTo(core.attainment!, 12);
    expect(attainmentFunction(actual.slice(4), target.slice(4))).toBeCloseTo(core.attainmentQtd!, 12); // April–June
  });

  it('is a ratio of sums; a blank actual is no revenue; numbers may be text with separators', () => {
    expect(attainmentFunction([[100], [''], ['¥1,100']], [[200], [300], ['1,000']])).toBeCloseTo(1200 / 1500, 12);
  });

  it('returns #N/A when a month with an actual has no target, or the targets add up to zero', () => {
    const e = asError(attainmentFunction([[100], [50]], [[200], ['']]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('target (cell 2) is a blank cell: a month with an actual needs a target.');
    expect(asError(attainmentFunction([[100]], [[0]])).message).toBe('The targets add up to zero.');
    expect(asError(attainmentFunction([['']], [[null]])).message).toBe('No row has a numeric actual or target.');
  });

  it('returns #VALUE! for an actual that is not a number, or ranges of different sizes', () => {
    const e = asError(attainmentFunction([[100], ['TBD']], [[200], [100]]));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe('actual (cell 2) is "TBD", not a number.');
    expect(asError(attainmentFunction([[1], [2]], [[1]])).message).toMatch(/actual has 2 cells and target 1/);
  });
});

describe('FUNNEL.RISKLEVEL', () => {
  it('gives the core level of every probability × impact under the default bands', () => {
    for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) expect(riskLevelFunction(p, i)).toBe(riskLevel(riskScore(p, i)!));
    expect([riskLevelFunction(2, 2), riskLevelFunction(1, 5), riskLevelFunction(2, 5), riskLevelFunction(4, 4), riskLevelFunction(4, 5)]).toEqual([
      'Low',
      'Medium',
      'High',
      'High',
      'Critical',
    ]);
  });

  it('reads a bands table as the register lays it out, header row and all', () => {
    const bands = [
      ['Level', 'From score'],
      ['低', 1],
      ['中', 6],
      ['高', 12],
      ['', ''],
      ['极高', '20'],
    ];
    const rows = [
      { name: '低', from: 1 },
      { name: '中', from: 6 },
      { name: '高', from: 12 },
      { name: '极高', from: 20 },
    ];
    for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) expect(riskLevelFunction(p, i, bands)).toBe(bandLevel(p * i, rows));
    expect(riskLevelFunction(3, 4, null as never)).toBe('High');
    expect(
      riskLevelFunction(3, 4, [
        ['', ''],
        [null, null],
      ]),
    ).toBe('High');
  });

  it.each([
    [
      [
        ['Low', 1],
        ['High', 'ten'],
      ],
      /bands row 2: the lowest score must be a number, not "ten"/,
    ],
    [
      [
        ['Low', 1],
        ['High', 1],
      ],
      /bands row 2: lowest scores must rise from band to band; 1 does not/,
    ],
    [
      [
        ['Low', 1],
        ['', 5],
      ],
      /bands row 2 has a lowest score but no level name/,
    ],
    [[['Level', 'From']], /bands has no band/],
    [[['Low', 1, 'x']], /bands must be two columns \(level name, lowest score\), not 3/],
  ])('returns #VALUE! for a bad bands table %#', (bands, message) => {
    const e = asError(riskLevelFunction(2, 2, bands as never));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(message);
  });

  it('returns #N/A below the lowest band, and #VALUE! for a bad rating, naming the argument', () => {
    const below = asError(
      riskLevelFunction(1, 2, [
        ['Medium', 5],
        ['High', 10],
      ]),
    );
    expect(below.code).toBe('#N/A');
    expect(below.message).toBe('Score 2 is below the lowest band (Medium from 5).');
    expect(asError(riskLevelFunction(3, 6)).message).toMatch(/impact must be a whole number from 1 to 5, not 6/);
    expect(asError(riskLevelFunction('', 2)).message).toMatch(/probability/);
  });
});
