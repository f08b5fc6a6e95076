import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeMetrics } from '../../src/core/metrics/compute-metrics';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { samplePipeline, SAMPLE_HEADERS } from '../../src/core/sample/sample-pipeline';
import { duckDbEngine } from '../../src/engines/duckdb/duckdb-engine';
import { csvToValues } from '../../src/workbook/csv';
import { csvText } from './csv-text';
import { describeWithDuckDb } from './duckdb-available';

/*
 * SPEC §9's text amounts, one per deal, read by the DuckDB engine's SQL and
 * by the core reader (core/currency/currency-rules.ts): the same data
 * issues, the same currency per deal and the same revenue, without a
 * decimal separator and with each of the two.
 */

const AMOUNTS = [
  '1,234',
  '1.234',
  '€1.234',
  '€1,234',
  '1.234,56',
  '1,234.56',
  '+500',
  '(-$5)',
  '(500)',
  '-5',
  '$-5',
  '-$5',
  '12,5',
  '0.25',
  '1 234,5',
  '1 234',
  'USD 99.9',
  '99.9 usd',
  '1 234 SEK',
  'HK$1,000',
  '人民币500',
  '5元',
  'RMB300',
  'CN¥1,234',
  '¥1,234.00',
  'TBD',
  '12abc',
  '1.234.567',
  '1,234 567',
  '-1,234',
  '(1,234)',
  '.5',
  ',5',
  '1,234.',
  'CNYX5',
  'x USD',
  'usd',
  '1.234,567',
  '1,234,567.25 元',
  'US$ 2,500.50',
  '  $ 7  ',
  '1\u00a0234,50 €',
];

describeWithDuckDb('DuckDB engine: text amounts by SPEC §9', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duck-amounts-'));
  const rows = samplePipeline({ deals: 400, seed: 5 }).map((r) => r.slice());
  const amount = SAMPLE_HEADERS.indexOf('Amount');
  // Every amount on many deals, so that won, lost and open deals of several months hold each.
  for (let r = 1; r < rows.length; r++) rows[r]![amount] = AMOUNTS[r % AMOUNTS.length]!;
  const text = csvText(rows);
  const file = path.join(dir, 'amounts.csv');
  writeFileSync(file, text);

  for (const decimal of [undefined, '.', ','] as const) {
    test(`decimal separator ${decimal ?? 'none'}: the same issues, currencies and revenue`, async () => {
      const read = readPipeline(csvToValues(text), { stages: DEFAULT_STAGES, decimal });
      if (!read.ok) throw new Error('the pipeline did not read');
      const pipeline = read.pipeline;
      const opened = await duckDbEngine().open({ file, stages: DEFAULT_STAGES, locale: 'en-US', decimal });
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      try {
        expect(session.issues.map((i) => [i.row, i.address, i.code])).toEqual(pipeline.issues.map((i) => [i.row, i.address, i.code]));
        const codes = new Set(pipeline.issues.map((i) => i.code));
        expect(codes).toContain(decimal === undefined ? 'ambiguousSeparator' : 'notANumber');
        expect(codes).toContain('negativeAmount');
        expect(pipeline.deals.some((d) => d.status === 'won' && d.amount !== null && !Number.isInteger(d.amount))).toBe(true);
        const counts = new Map<string | null, number>();
        for (const d of pipeline.deals) counts.set(d.currency, (counts.get(d.currency) ?? 0) + 1);
        expect(new Map(session.currencies.map((c) => [c.currency, c.deals]))).toEqual(counts);
        const months = (await session.dataMonths()).withData;
        for (const month of months) {
          const core = computeMetrics(pipeline, { month, stages: DEFAULT_STAGES, targets: [], repurchaseMonths: 3 });
          const duck = (await session.month(month, { targets: [], repurchaseMonths: 3, horizon: 6 })).metrics;
          expect(duck.revenue).toBeCloseTo(core.revenue, 6);
        }
      } finally {
        await session.close();
      }
    }, 120_000);
  }
});
