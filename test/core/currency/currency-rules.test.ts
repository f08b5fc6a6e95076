import { currencyCode, currencyFormatCode, mostFrequentCurrency, RateBook } from '../../../src/core/currency/currency-rules';
import { mergeRates, ratesFromText, readRatesTable } from '../../../src/core/currency/rates-table';
import { parseMonthKey, serialFromYmd } from '../../../src/core/util/dates';

const m = (key: string) => parseMonthKey(key)!;

describe('currency codes (SPEC §9)', () => {
  it.each([
    ['¥', 'CNY'],
    ['CN¥', 'CNY'],
    ['￥', 'CNY'],
    ['$', 'USD'],
    ['€', 'EUR'],
    ['£', 'GBP'],
    ['HK$', 'HKD'],
    ['usd', 'USD'],
    [' Eur ', 'EUR'],
  ])('%p is %p', (text, code) => expect(currencyCode(text)).toBe(code));

  it('names nothing for other text', () => {
    expect(currencyCode('dollars')).toBeNull();
    expect(currencyCode('')).toBeNull();
  });

  it('formats amounts with the reporting currency, without decimals', () => {
    expect(currencyFormatCode('CNY')).toBe('"¥"#,##0');
    expect(currencyFormatCode('USD')).toBe('"$"#,##0');
    expect(currencyFormatCode('SEK')).toBe('#,##0 "SEK"');
    expect(currencyFormatCode(null)).toBe('#,##0');
  });

  it('takes the most frequent currency, ties to the first code alphabetically', () => {
    expect(mostFrequentCurrency(['USD', 'EUR', 'USD', null, null, null])).toBe('USD');
    expect(mostFrequentCurrency(['USD', 'EUR'])).toBe('EUR');
    expect(mostFrequentCurrency([null])).toBeNull();
  });
});

describe('RateBook (SPEC §9 rates)', () => {
  const book = new RateBook('CNY', [
    { month: m('2026-01'), currency: 'USD', rate: 7.3 },
    { month: m('2026-03'), currency: 'USD', rate: 7.1 },
    { month: m('2026-03'), currency: 'USD', rate: 7.15 },
  ]);

  it('gives a closed deal its close month rate only', () => {
    expect(book.rate('USD', { kind: 'closeMonth', month: m('2026-03') })).toBe(7.15);
    expect(book.rate('USD', { kind: 'closeMonth', month: m('2026-02') })).toBeNull();
  });

  it('gives an open deal the latest rate at or before the report month', () => {
    expect(book.rate('USD', { kind: 'latestAtOrBefore', month: m('2026-02') })).toBe(7.3);
    expect(book.rate('USD', { kind: 'latestAtOrBefore', month: m('2026-06') })).toBe(7.15);
    expect(book.rate('USD', { kind: 'latestAtOrBefore', month: m('2025-12') })).toBeNull();
  });

  it('needs no row for the reporting currency or a deal without a currency', () => {
    expect(book.rate('CNY', { kind: 'closeMonth', month: m('2020-01') })).toBe(1);
    expect(book.rate(null, { kind: 'closeMonth', month: m('2020-01') })).toBe(1);
    expect(book.rate('EUR', { kind: 'latestAtOrBefore', month: m('2026-03') })).toBeNull();
  });
});

describe('the Rates table', () => {
  it('reads months as text or dates, symbols as codes, and names the rows it cannot read', () => {
    const read = readRatesTable([
      ['Notes'],
      ['月份', '币种', '汇率'],
      ['2026-03', '$', 7.1],
      [serialFromYmd(2026, 2, 1), 'EUR', '7.8'],
      ['2026-13', 'USD', 7],
      ['2026-03', 'USD', 0],
      [null, null, null],
    ])!;
    expect(read.rows).toEqual([
      { month: m('2026-03'), currency: 'USD', rate: 7.1 },
      { month: m('2026-02'), currency: 'EUR', rate: 7.8 },
    ]);
    expect(read.rejected).toEqual([
      { row: 5, value: '2026-13' },
      { row: 6, value: 0 },
    ]);
    expect(readRatesTable([['Month', 'Target']])).toBeNull();
  });

  it('merges imported rates over the workbook ones', () => {
    const a = [{ month: 1, currency: 'USD', rate: 7 }];
    expect(
      mergeRates(a, [
        { month: 1, currency: 'USD', rate: 7.2 },
        { month: 1, currency: 'EUR', rate: 8 },
      ]),
    ).toEqual([
      { month: 1, currency: 'EUR', rate: 8 },
      { month: 1, currency: 'USD', rate: 7.2 },
    ]);
  });

  it('reads pasted rates with or without a header', () => {
    expect(ratesFromText('Month\tCurrency\tRate\n2026-03\tUSD\t7.1\n').rows).toEqual([{ month: m('2026-03'), currency: 'USD', rate: 7.1 }]);
    expect(ratesFromText('2026-03;€;7,7\n2026-03;£;9').rows).toEqual([
      { month: m('2026-03'), currency: 'EUR', rate: 7.7 },
      { month: m('2026-03'), currency: 'GBP', rate: 9 },
    ]);
  });
});
