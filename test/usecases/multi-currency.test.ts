import { generateMonthlyReport } from '../../src/usecases/generate-report';
import type { ReportJson } from '../../src/usecases/report-json';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { parseMonthKey } from '../../src/core/util/dates';
import { MC_MONTH, MC_PIPELINE, MC_RATES } from '../helpers/multi-currency';

/*
 * SPEC §9 on a three-currency pipeline, against a hand computation (CNY per unit: USD 7.1 and EUR 7.7 in
 * 2026-03; no GBP rate):
 *   won in March, converted: D1 1000, D2 200×7.1 = 1420, D3 100×7.7 = 770, D4 100×7.1 = 710, D7 600 → revenue 4500
 *   D5 (GBP 500, won in March) has no rate: out of every amount, in every count
 *   deal size 4500 / 5 = 900; cost 400 + 50×7.1 + 30×7.7 + 20×7.1 + 300 = 1428, cost rate 1428 / 4500
 *   new customers Acme, Beta, Gamma, Delta (4; Omega first won in 2025-12): cost 400 + 355 + 231 + 142 = 1128, CAC 282
 *   open deals at the latest rate at or before March, default probabilities (Proposal 60%, Negotiation 80%, Lead 10%):
 *   D9 1000×7.1×0.6 = 4260, D10 500×7.7×0.8 = 3080, D11 2000×0.1 = 200 → weighted pipeline 7540; D12 (GBP) has no rate
 */
const MARCH = parseMonthKey(MC_MONTH)!;

async function run(options: Parameters<typeof generateMonthlyReport>[1], rates = true) {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Pipeline', MC_PIPELINE);
  if (rates) wb.addValuesSheet('Rates', MC_RATES);
  const result = await generateMonthlyReport(wb, { month: MC_MONTH, ...options });
  if (!result.ok) throw new Error(result.error.message);
  return { wb, report: result.reports[0]!.report, warnings: result.warnings };
}

const weightedTotal = (r: ReportJson) => r.forecast.weightedPipeline.reduce((s, m) => s + m.amount, 0) + r.forecast.weightedPipelineOverdue.weightedAmount;

describe('multi-currency (SPEC §9): three currencies and a Rates table', () => {
  let report: ReportJson;
  let wb: XlsxPackage;
  beforeAll(async () => {
    ({ report, wb } = await run({ currency: 'CNY' }));
  });

  it('converts before summing: revenue, deal size, cost rate, CAC and weighted pipeline equal the hand computation', () => {
    expect(report.currency).toEqual({ reporting: 'CNY', converted: 6, missingRate: 2 });
    expect(report.revenue).toBeCloseTo(4500, 9);
    expect(report.averageDealSize).toBeCloseTo(900, 9);
    expect(report.cost).toBeCloseTo(1428, 9);
    expect(report.costRate).toBeCloseTo(1428 / 4500, 12);
    expect(report.newCustomers).toBe(4);
    expect(report.cac).toBeCloseTo(1128 / 4, 9);
    expect(weightedTotal(report)).toBeCloseTo(7540, 9);
  });

  it('forecasts from converted revenue, and the §8 figures are in the reporting currency', () => {
    const history = new Map(report.forecast.history.map((h) => [h.month, h.actual]));
    expect(history.get('2025-12')).toBe(800);
    expect(history.get('2026-03')).toBeCloseTo(4500, 9);
    const owners = new Map(report.owners.map((o) => [o.owner, o.revenue]));
    // Wang: D1 1000 + D3 770 + D7 600 (D5 has no rate); Li: D2 1420 + D4 710.
    expect(owners.get('Wang')).toBeCloseTo(2370, 9);
    expect(owners.get('Li')).toBeCloseTo(2130, 9);
    expect(report.winLoss.lostByStage.find((s) => s.stage === 'Proposal')?.amount).toBeCloseTo(50 * 7.1, 9);
  });

  it('leaves a deal without a rate out of every amount and in every count, with a data issue naming row, currency and month', () => {
    expect(report.wonDeals).toBe(6);
    expect(report.lostDeals).toBe(1);
    expect(report.winRate).toBeCloseTo(6 / 7, 12);
    expect(report.forecast.weightedPipeline.reduce((s, m) => s + m.deals, 0) + report.forecast.weightedPipelineOverdue.deals).toBe(3);
    const missing = report.issues.filter((i) => i.code === 'missingRate');
    expect(missing.map((i) => [i.row, i.column, i.address, i.value])).toEqual([
      [6, 'Currency', 'H6', 'GBP 2026-03'],
      [13, 'Currency', 'H13', 'GBP 2026-03'],
    ]);
    expect(missing[0]!.reason).toMatch(/No rate/);
  });

  it('writes the original amount, its currency, the rate and the converted amount on Funnel Data; the revenue formula sums the converted column', async () => {
    const data = await wb.readSheet('Funnel Data');
    const header = data[0]!;
    const col = (h: string) => header.indexOf(h);
    const d2 = data.find((r) => r[1] === 'D2')!;
    expect([d2[col('Original amount')], d2[col('Currency')], d2[col('Rate')], d2[col('Amount')], d2[col('Original cost')], d2[col('Cost')]]).toEqual([
      200,
      'USD',
      7.1,
      200 * 7.1,
      50,
      50 * 7.1,
    ]);
    const d5 = data.find((r) => r[1] === 'D5')!;
    expect([d5[col('Original amount')], d5[col('Currency')], d5[col('Rate')], d5[col('Amount')]]).toEqual([500, 'GBP', null, null]);
    const d1 = data.find((r) => r[1] === 'D1')!;
    expect([d1[col('Currency')], d1[col('Rate')], d1[col('Amount')]]).toEqual(['CNY', 1, 1000]);
  });

  it('defaults to the most frequent currency of the won deals (CNY: D1, D6, D7) and saves a chosen one in the workbook', async () => {
    const plain = await run({});
    expect(plain.report.currency.reporting).toBe('CNY');
    expect(plain.report.revenue).toBeCloseTo(4500, 9);
    expect((await wb.readSettings()).reportingCurrency).toBe('CNY');
  });

  it('reports in another currency when asked: a CNY deal then needs a CNY rate, and is left out without one', async () => {
    // The workbook's Rates are CNY per unit: a USD report needs its own table (here: imported, no Rates sheet).
    const usd = await run({ currency: 'USD', rates: [{ month: parseMonthKey('2026-02')!, currency: 'CNY', rate: 0.14 }] }, false);
    expect(usd.report.currency.reporting).toBe('USD');
    // Only the USD deals count (rate 1): EUR and GBP have no USD rates, and the CNY rate is February's, not the close month's.
    expect(usd.report.revenue).toBeCloseTo(200 + 100, 9);
    expect(usd.report.currency).toEqual({ reporting: 'USD', converted: 1, missingRate: 7 });
  });

  it('warns when the reporting currency changes while the workbook keeps rates (they are per unit of the old one)', async () => {
    const first = await run({ currency: 'CNY' });
    const again = await generateMonthlyReport(first.wb, { month: MC_MONTH, currency: 'USD' });
    expect(again.ok && again.warnings.join(' ')).toMatch(/CNY.*USD/);
  });

  it('imports rates for the run (--rates) into the Rates sheet when there is none', async () => {
    const rows = [
      { month: MARCH, currency: 'USD', rate: 7.1 },
      { month: MARCH, currency: 'EUR', rate: 7.7 },
      { month: MARCH, currency: 'GBP', rate: 9 },
    ];
    const imported = await run({ currency: 'CNY', rates: rows }, false);
    expect(imported.report.currency).toEqual({ reporting: 'CNY', converted: 8, missingRate: 0 });
    expect(imported.report.revenue).toBeCloseTo(4500 + 500 * 9, 9);
    const sheet = await imported.wb.readSheet('Rates');
    expect(sheet).toEqual([
      ['Month', 'Currency', 'Rate'],
      ['2026-03', 'EUR', 7.7],
      ['2026-03', 'GBP', 9],
      ['2026-03', 'USD', 7.1],
    ]);
  });

  it('names the imported rates sheet in the report language (SPEC §7)', async () => {
    const zh = await run({ currency: 'CNY', locale: 'zh-CN', rates: [{ month: MARCH, currency: 'GBP', rate: 9 }] }, false);
    expect(await zh.wb.readSheet('汇率')).toEqual([
      ['月份', '币种', '汇率'],
      ['2026-03', 'GBP', 9],
    ]);
    expect(zh.report.issues.filter((i) => i.code === 'missingRate')).toHaveLength(6);
  });

  it('leaves a Rates sheet of the user untouched and uses the imported rates for the run', async () => {
    const imported = await run({ currency: 'CNY', rates: [{ month: MARCH, currency: 'GBP', rate: 9 }] });
    expect(imported.report.currency.missingRate).toBe(0);
    expect(await imported.wb.readSheet('Rates')).toEqual(MC_RATES);
    expect(imported.warnings.join(' ')).toMatch(/Rates.*yours/);
  });
});
