import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { computeMetrics } from '../../src/core/metrics/compute-metrics';
import { lastCompleteMonth } from '../../src/core/metrics/data-months';
import { stageNames } from '../../src/core/metrics/funnel';
import { monthlyForecast, unknownLostRowsOf } from '../../src/core/forecast/monthly-forecast';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { monthKey } from '../../src/core/util/dates';
import { duckDbEngine } from '../../src/engines/duckdb/duckdb-engine';
import { ENGINE_NOT_COMPUTED, forecastOf } from '../../src/usecases/engine-report';
import { reportFiguresJson } from '../../src/usecases/report-json';
import { csvToValues } from '../../src/workbook/csv';
import { csvText } from './csv-text';
import { describeWithDuckDb } from './duckdb-available';
import { edgePipeline } from './edge-pipeline';
import { samplePipelineRows } from '../../src/core/sample/sample-pipeline';
import { csvLine } from '../../src/cli/sample-file';

/*
 * SPEC §10 "same numbers": on generated pipelines with the edge cases of
 * SPEC §1, the DuckDB engine's JSON equals the core engine's field by field
 * (sums to 1e-9 relative: SQL adds in another order) for several months.
 * Not compared, because the DuckDB path does not compute them yet:
 * ENGINE_NOT_COMPUTED (the bottleneck, the segments, the dynamics of SPEC §8).
 * `currency` (SPEC §9) is not compared field for field either: these
 * pipelines name several currencies (`$`, `€`, `US$`, `CNY`), which the
 * DuckDB engine refuses to report (it does not convert), so both sides are
 * the amounts as read, without a conversion, and the field is the default
 * on both. What is compared instead: the currency each deal names, counted
 * per currency (the SQL's reading of symbols, codes and separators);
 * engine-cli.test.ts checks the field on a single-currency file.
 */

const TARGETS = [
  { month: '2026-04', target: 900_000 },
  { month: '2026-05', target: 800_000 },
  { month: '2026-06', target: 700_000, owner: 'Alice Chen' },
  { month: '2026-06', target: 100_000, owner: 'Bruno Diaz' },
];

function compare(a: unknown, b: unknown, at: string, out: string[]): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))) out.push(`${at}: core ${a}, duckdb ${b}`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: core ${a.length} items, duckdb ${b.length}`);
    a.forEach((x, i) => compare(x, b[i], `${at}[${i}]`, out));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out);
    return;
  }
  if (a !== b) out.push(`${at}: core ${JSON.stringify(a)}, duckdb ${JSON.stringify(b)}`);
}

describeWithDuckDb('DuckDB engine against the core engine (SPEC §10)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duck-diff-'));
  for (const seed of [3, 11]) {
    test(`edge-case pipeline, seed ${seed}: the same JSON for five months`, async () => {
      const text = csvText(edgePipeline(seed));
      const file = path.join(dir, `pipeline-${seed}.csv`);
      writeFileSync(file, text);
      const stages = DEFAULT_STAGES;
      const read = readPipeline(csvToValues(text), { stages });
      if (!read.ok) throw new Error('the pipeline did not read');
      const pipeline = read.pipeline;
      expect(pipeline.issues.length).toBeGreaterThan(50);
      const opened = await duckDbEngine().open({ file, stages, locale: 'en-US' });
      if (!opened.ok) throw new Error(opened.error.message);
      const session = opened.session;
      try {
        expect({ read: session.rowsRead, clean: session.rowsClean, issues: session.issueCount }).toEqual({
          read: pipeline.rowsRead,
          clean: pipeline.rowsClean,
          issues: pipeline.issues.length,
        });
        const perCurrency = new Map<string | null, { currency: string | null; deals: number; won: number }>();
        for (const d of pipeline.deals) {
          const c = perCurrency.get(d.currency) ?? { currency: d.currency, deals: 0, won: 0 };
          c.deals++;
          if (d.status === 'won') c.won++;
          perCurrency.set(d.currency, c);
        }
        const byCode = (a: { currency: string | null }, b: { currency: string | null }) => String(a.currency).localeCompare(String(b.currency));
        expect(session.currencies.slice().sort(byCode)).toEqual([...perCurrency.values()].sort(byCode));
        expect(perCurrency.size).toBeGreaterThan(2);
        const last = lastCompleteMonth(pipeline.deals)!;
        expect((await session.dataMonths()).lastComplete).toBe(last);
        const diffs: string[] = [];
        for (const month of [last - 12, last - 2, last - 1, last, last + 1]) {
          const metrics = computeMetrics(pipeline, { month, stages, targets: TARGETS, repurchaseMonths: 3 });
          const forecast = monthlyForecast(pipeline.deals, { month, stages, unknownLostRows: unknownLostRowsOf(pipeline.issues) });
          const core = reportFiguresJson({ month: monthKey(month), sheet: 'p', stages: stageNames(stages), pipeline, metrics, forecast, locale: 'en-US' });
          const figures = await session.month(month, { targets: TARGETS, repurchaseMonths: 3, horizon: 6 });
          const summary = {
            header: session.header,
            rowsRead: session.rowsRead,
            rowsClean: session.rowsClean,
            issues: session.issues,
            unknownStages: session.unknownStages,
            issueCount: session.issueCount,
          };
          const duck = reportFiguresJson({
            month: monthKey(month),
            sheet: 'p',
            stages: stageNames(stages),
            pipeline: summary,
            metrics: figures.metrics,
            forecast: forecastOf(figures, 6),
            locale: 'en-US',
          });
          for (const field of ENGINE_NOT_COMPUTED) {
            delete (core as Record<string, unknown>)[field];
            delete (duck as Record<string, unknown>)[field];
          }
          compare(core, duck, monthKey(month), diffs);
        }
        expect(diffs.slice(0, 20)).toEqual([]);
      } finally {
        await session.close();
      }
    }, 120_000);
  }
});

describeWithDuckDb('DuckDB engine on a file DuckDB reads in parallel', () => {
  test('row numbers are the file rows: 150,000 deals, the data issues where the core finds them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duck-rows-'));
    const file = path.join(dir, 'big.csv');
    const rows = [...samplePipelineRows({ deals: 150_000, seed: 9 })];
    writeFileSync(file, `${rows.map((r, i) => csvLine(r, i === 0)).join('\n')}\n`);
    const read = readPipeline(rows, { stages: DEFAULT_STAGES });
    if (!read.ok) throw new Error('no pipeline');
    const opened = await duckDbEngine().open({ file, stages: DEFAULT_STAGES, locale: 'en-US' });
    if (!opened.ok) throw new Error(opened.error.message);
    await opened.session.close();
    expect(opened.session.issues.map((i) => [i.row, i.address, i.code])).toEqual(read.pipeline.issues.map((i) => [i.row, i.address, i.code]));
  }, 120_000);
});
