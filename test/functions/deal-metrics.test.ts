import { dealTableOf } from '../../src/core/metrics/deal-table';
import { ALL_TIME } from '../../src/core/worksheet-functions/deals-of-ranges';
import { monthPeriod } from '../../src/core/metrics/period';
import { renewal } from '../../src/core/metrics/renewal';
import { repurchaseRate } from '../../src/core/metrics/repurchase';
import { salesCycle } from '../../src/core/metrics/sales-cycle';
import { winRate as coreWinRate } from '../../src/core/metrics/win-rate';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { monthEndSerial, monthStartSerial, parseMonthKey, serialFromYmd } from '../../src/core/util/dates';
import { cycleDays, renewalRate, repurchase, winRate } from '../../src/functions/functions';
import { clearFunctionCaches } from '../../src/functions/range-cache';
import { installCustomFunctionsStub } from './custom-functions-stub';
import { asError, cellOf, column, SAMPLE } from './excel-ranges';

beforeAll(installCustomFunctionsStub);
beforeEach(clearFunctionCaches);

const read = readPipeline(SAMPLE, { stages: DEFAULT_STAGES });
if (!read.ok) throw new Error('sample did not read');
const TABLE = dealTableOf(read.pipeline.deals);
const status = cellOf(SAMPLE, 'Status');
const isWon = (row: unknown[]) => status(row as never) === 'Won';
const ymd = (y: number, m: number, d: number) => serialFromYmd(y, m, d);

describe('FUNNEL.WINRATE', () => {
  it('gives the core win rate over all the closed deals of the sample', () => {
    const core = coreWinRate(TABLE, ALL_TIME);
    expect(core.wonDeals + core.lostDeals).toBeGreaterThan(500);
    expect(winRate(column(SAMPLE, 'Status'))).toBeCloseTo(core.winRate!, 12);
    expect(winRate(column(SAMPLE, 'Status', { header: false, blank: null }))).toBeCloseTo(core.winRate!, 12);
  });

  it('reads status words in either language, any case, and ignores open deals, blanks and other text', () => {
    expect(winRate([['Status'], ['won'], ['Closed Lost'], ['成交'], ['流失'], ['Open'], [''], [null], ['进行中'], ['赢单']])).toBeCloseTo(3 / 5, 12);
  });

  it('returns #N/A with a reason when no deal is won or lost', () => {
    const e = asError(winRate([['Status'], ['Open'], ['']]));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('No cell of statuses is Won or Lost (1 cells hold other text).');
    expect(asError(winRate([['']])).message).toBe('No cell of statuses is Won or Lost.');
  });
});

describe('FUNNEL.CYCLEDAYS', () => {
  const created = column(SAMPLE, 'Created Date');
  const closed = column(SAMPLE, 'Close Date');
  const statuses = column(SAMPLE, 'Status');

  it('gives the core mean cycle of the won deals when statuses are given', () => {
    const core = salesCycle(TABLE, ALL_TIME);
    expect(core.deals).toBeGreaterThan(200);
    expect(cycleDays(created, closed, statuses)).toBeCloseTo(core.cycleDaysMean!, 9);
  });

  it('counts every row with both dates when statuses are omitted (pass the won deals only)', () => {
    const won = { rows: isWon };
    const mean = cycleDays(column(SAMPLE, 'Created Date', won), column(SAMPLE, 'Close Date', won));
    expect(mean).toBeCloseTo(salesCycle(TABLE, ALL_TIME).cycleDaysMean!, 9);
    expect(cycleDays(created, closed, null as never)).toBe(cycleDays(created, closed));
  });

  it('takes date text as the reader does, and leaves out a close date before the created date', () => {
    expect(cycleDays([['Created'], ['2026-01-01'], [46023], ['2026-03-01']], [['Closed'], ['2026/01/11'], [46043], ['2026-02-01']])).toBe(15);
  });

  it('returns #VALUE! for ranges of different sizes and #N/A when no row has both dates', () => {
    const e = asError(cycleDays([[1], [2]], [[3]]));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/created has 2 cells and closed 1/);
    const s = asError(cycleDays([[46000]], [[46010]], [['Won'], ['Lost']]));
    expect(s.message).toMatch(/created has 1 cells and statuses 2/);
    const none = asError(cycleDays([['Created'], ['']], [['Closed'], [46000]]));
    expect(none.code).toBe('#N/A');
    expect(none.message).toMatch(/No row has both a created and a close date/);
    expect(asError(cycleDays([[46000]], [[46010]], [['Lost']])).message).toMatch(/on a Won deal/);
  });
});

describe('FUNNEL.REPURCHASE', () => {
  const won = { rows: isWon };
  const accounts = column(SAMPLE, 'Account', won);
  const dates = column(SAMPLE, 'Close Date', won);

  it.each(['2026-06', '2026-03', '2025-12', '2025-01'])('gives the core repurchase rate for windows ending %s', (key) => {
    const month = parseMonthKey(key)!;
    for (const months of [1, 3, 6]) {
      const core = repurchaseRate(TABLE, month, months).repurchaseRate;
      expect(repurchase(accounts, dates, monthStartSerial(month) + 10, months)).toBeCloseTo(core!, 12);
    }
    expect(repurchase(accounts, dates, monthEndSerial(month) - 1)).toBe(repurchaseRate(TABLE, month).repurchaseRate);
  });

  it('compares accounts trimmed and case-insensitively, and takes date text', () => {
    const a = [['Account'], ['Acme'], [' ACME '], ['Globex'], ['Initech'], ['Initech']];
    const d = [['Close'], [ymd(2026, 3, 2)], ['2026-01-20'], [ymd(2026, 2, 1)], [ymd(2025, 11, 30)], [ymd(2026, 3, 31)]];
    expect(repurchase(a, d, '2026-03-15')).toBeCloseTo(1 / 3, 12); // Acme twice; Globex once; Initech once in the window
    expect(repurchase(a, d, ymd(2026, 3, 15), 4)).toBeCloseTo(1 / 3, 12); // Dec–Mar: Initech's November deal is out
    expect(repurchase(a, d, ymd(2026, 3, 15), 5)).toBeCloseTo(2 / 3, 12);
  });

  it('returns #VALUE! naming a bad window_end or months, and #N/A for an empty window', () => {
    expect(asError(repurchase(accounts, dates, 'March')).message).toMatch(/window_end must be a date .* not "March"/);
    expect(asError(repurchase(accounts, dates, '')).code).toBe('#VALUE!');
    expect(asError(repurchase(accounts, dates, ymd(2026, 6, 1), 0)).message).toMatch(/months must be a whole number from 1 to 120, not 0/);
    expect(asError(repurchase(accounts, dates, ymd(2026, 6, 1), 2.5)).message).toMatch(/months .* not 2.5/);
    expect(repurchase(accounts, dates, ymd(2026, 6, 1), '6')).toBe(repurchase(accounts, dates, ymd(2026, 6, 1), 6));
    const empty = asError(repurchase(accounts, dates, ymd(2020, 1, 1)));
    expect(empty.code).toBe('#N/A');
    expect(empty.message).toMatch(/No account has a won deal in the 3 month\(s\) 2019-11 to 2020-01/);
    expect(asError(repurchase([['A']], [[1], [2]], 46000)).message).toMatch(/accounts has 1 cells and dates 2/);
  });
});

describe('FUNNEL.RENEWAL', () => {
  const won = { rows: isWon };
  const accounts = column(SAMPLE, 'Account', won);
  const closes = column(SAMPLE, 'Close Date', won);
  const ends = column(SAMPLE, 'Contract End', won);

  it.each(['2026-06', '2026-01', '2025-09'])('gives the core renewal rate for %s', (key) => {
    const month = parseMonthKey(key)!;
    const core = renewal(TABLE, monthPeriod(month));
    expect(core.contracts).toBeGreaterThan(5);
    expect(renewalRate(accounts, closes, ends, monthStartSerial(month), monthEndSerial(month) - 1)).toBeCloseTo(core.renewalRate!, 12);
  });

  it('counts a renewal from 90 days before to 30 days after the contract end, both ends included', () => {
    const end = ymd(2026, 3, 31);
    const a = [['Acme'], ['Acme'], ['Globex'], ['Globex'], ['Hooli'], ['Hooli']];
    const c = [[ymd(2025, 3, 31)], [end - 90], [ymd(2025, 3, 1)], [end + 31], [ymd(2025, 3, 20)], [ymd(2026, 3, 1) + 30]];
    const e = [[end], [''], [end], [null], [ymd(2026, 3, 1)], ['']];
    expect(renewalRate(a, c, e, '2026-03-01', '2026-03-31')).toBeCloseTo(2 / 3, 12);
  });

  it('returns #VALUE! for a bad period and #N/A when no contract ends in it', () => {
    expect(asError(renewalRate(accounts, closes, ends, ymd(2026, 3, 1), ymd(2026, 2, 1))).message).toMatch(
      /period_end \(2026-02-01\) is before period_start \(2026-03-01\)/,
    );
    expect(asError(renewalRate(accounts, closes, ends, 'soon', ymd(2026, 2, 1))).message).toMatch(/period_start must be a date/);
    const none = asError(renewalRate(accounts, closes, ends, ymd(2000, 1, 1), ymd(2000, 1, 31)));
    expect(none.code).toBe('#N/A');
    expect(none.message).toMatch(/No contract in contract_ends ends from 2000-01-01 to 2000-01-31/);
    expect(asError(renewalRate(accounts, closes, [[1]], 1, 2)).message).toMatch(/accounts has \d+ cells and contract_ends 1/);
  });
});
