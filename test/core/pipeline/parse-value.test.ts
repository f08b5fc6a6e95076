import { parseAmount, parseMoney, parseDate, parseNumber, parseProbability } from '../../../src/core/pipeline/parse-value';
import { serialFromYmd } from '../../../src/core/util/dates';

const oct5 = serialFromYmd(2026, 10, 5);

describe('parseDate', () => {
  it.each([
    ['Excel serial', oct5, oct5],
    ['serial with a time fraction', oct5 + 0.75, oct5],
    ['ISO', '2026-10-05', oct5],
    ['ISO with time', '2026-10-05T13:45:00', oct5],
    ['slashes', '2026/10/05', oct5],
    ['single digits', '2026/10/5', oct5],
    ['Chinese', '2026年10月5日', oct5],
    ['Chinese with spaces', '2026年 10月 5日', oct5],
  ])('reads %s', (_label, input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });

  it('knows Excel serial 42736 is 2017-01-01', () => {
    expect(serialFromYmd(2017, 1, 1)).toBe(42736);
  });

  it.each([null, '', '   '])('treats %p as blank', (input) => {
    expect(parseDate(input)).toEqual({ ok: true, value: null });
  });

  it.each(['2026-13-01', '2026-02-30', 'next week', 'TBD', true, -5, 1e9])('refuses %p', (input) => {
    expect(parseDate(input)).toEqual({ ok: false, reason: 'notADate' });
  });
});

describe('parseAmount', () => {
  it.each([
    [1234.5, 1234.5],
    ['1,234.50', 1234.5],
    ['¥1,234', 1234],
    ['$1,234', 1234],
    ['￥ 1,234', 1234],
    ['1234 CNY', 1234],
    ['USD 99.9', 99.9],
    ['1 234 567', 1234567],
    ['0', 0],
  ])('reads %p', (input, expected) => {
    expect(parseAmount(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['TBD', '1,23,4', '12abc', '$', '--5', true])('refuses %p as not a number', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason: 'notANumber' });
  });

  it.each([-5, '-1,000', '(1,000)', '$-20'])('refuses negative %p', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, reason: 'negativeAmount' });
    expect(parseAmount(input, null)).toEqual({ ok: false, reason: 'negativeAmount' });
  });

  it('lets costs be negative (credits)', () => {
    expect(parseNumber('(1,000)')).toEqual({ ok: true, value: -1000 });
    expect(parseNumber('(1,000.00)', null)).toEqual({ ok: true, value: -1000 });
    expect(parseNumber('(1,000)', null)).toEqual({ ok: false, reason: 'ambiguousSeparator' });
  });

  describe('separators and signs (SPEC §9)', () => {
    it.each([
      ['1.234,56', 1234.56],
      ['€1.234,56', 1234.56],
      ['1 234,56', 1234.56],
      ['1.234.567', 1234567],
      ['+500', 500],
      ['12,5', 12.5],
      ['HK$1,234.50', 1234.5],
    ])('reads %p without a locale', (input, expected) => {
      expect(parseAmount(input, null)).toEqual({ ok: true, value: expected });
    });

    it.each(['1,234', '€1.234', '1.234'])('refuses %p as an ambiguous separator when the workbook has no locale', (input) => {
      expect(parseAmount(input, null)).toEqual({ ok: false, reason: 'ambiguousSeparator' });
    });

    it('reads one separator before three digits by the workbook locale', () => {
      expect(parseAmount('1,234', '.')).toEqual({ ok: true, value: 1234 });
      expect(parseAmount('1,234', ',')).toEqual({ ok: true, value: 1.234 });
      expect(parseAmount('€1.234', ',')).toEqual({ ok: true, value: 1234 });
      expect(parseAmount('€1.234', '.')).toEqual({ ok: true, value: 1.234 });
    });

    it('says which currency a symbol names', () => {
      expect(parseMoney('€1.234,56', null)).toEqual({ ok: true, value: 1234.56, currency: 'EUR' });
      expect(parseMoney('CN¥45,678')).toEqual({ ok: true, value: 45678, currency: 'CNY' });
      expect(parseMoney('£20')).toEqual({ ok: true, value: 20, currency: 'GBP' });
      expect(parseMoney(20)).toEqual({ ok: true, value: 20, currency: null });
    });
  });
});

describe('parseProbability', () => {
  it.each([
    [0.4, 0.4],
    [40, 0.4],
    ['40%', 0.4],
    ['0.25', 0.25],
  ])('reads %p', (input, expected) => {
    const p = parseProbability(input);
    expect(p.ok && p.value).toBeCloseTo(expected, 12);
  });

  it('refuses above 100 %', () => {
    expect(parseProbability('140%').ok).toBe(false);
  });
});
