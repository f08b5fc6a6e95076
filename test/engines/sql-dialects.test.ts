import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from 'node-sql-parser';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { SAMPLE_HEADERS } from '../../src/core/sample/sample-pipeline';
import { lastCompleteMonth } from '../../src/core/metrics/data-months';
import { type Dialect, lit } from '../../src/engines/sql/dialect';
import { metricScript, scriptStatements, sourceColumns } from '../../src/engines/sql/script';
import { duckDbEngine } from '../../src/engines/duckdb/duckdb-engine';
import { openDuckDb } from '../../src/engines/duckdb/load-duckdb';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { csvToValues } from '../../src/workbook/csv';
import { csvText } from './csv-text';
import { describeWithDuckDb } from './duckdb-available';
import { edgePipeline } from './edge-pipeline';

/*
 * SPEC §10: one source of definitions, each dialect parsed by a parser for
 * that dialect, the DuckDB one executed. node-sql-parser has grammars for
 * Trino and for Hive (Spark SQL's parent; it has no Spark grammar) but none
 * for DuckDB, whose own parser is the check there (the script runs). The
 * Hive grammar has no CREATE VIEW, so the view's SELECT is parsed alone.
 */

const MONTH = 2026 * 12 + 5;
const PARSERS: [Dialect, string][] = [
  ['spark', 'hive'],
  ['trino', 'trino'],
];

describe('funnel-report sql: every statement parses in its dialect', () => {
  const parser = new Parser();
  for (const [dialect, database] of PARSERS) {
    test(`${dialect} (node-sql-parser, ${database} grammar)`, () => {
      const statements = scriptStatements(dialect, { month: MONTH, stages: DEFAULT_STAGES });
      expect(statements.map((s) => s.name)).toEqual(
        expect.arrayContaining([
          'deals',
          'issues',
          'funnel',
          'closed',
          'cycle_median',
          'new_customers',
          'attainment',
          'repurchase',
          'renewal',
          'cohorts',
          'tiers',
          'revenue_history',
          'stage_probabilities',
          'weighted_pipeline',
        ]),
      );
      for (const s of statements) {
        const sql = dialect === 'spark' && s.name === 'deals' ? s.sql.replace(/^CREATE OR REPLACE TEMPORARY VIEW deals AS\n/, '') : s.sql;
        expect(() => parser.astify(sql, { database })).not.toThrow();
      }
    });
  }

  test('dialects differ only where they must: regex literals, text type, identifiers', () => {
    const spark = metricScript('spark', { month: MONTH, stages: DEFAULT_STAGES });
    const trino = metricScript('trino', { month: MONTH, stages: DEFAULT_STAGES });
    expect(spark).toContain('RLIKE');
    expect(spark).toContain('`Lead Date`');
    expect(spark).not.toContain('VARCHAR');
    expect(trino).toContain('regexp_like(');
    expect(trino).toContain('"Lead Date"');
    // Spark reads backslashes in literals as escapes: its regular expressions carry them doubled.
    expect(spark).toContain("'\\\\s+'");
    expect(trino).toContain("'\\s+'");
  });
});

describeWithDuckDb('funnel-report sql --dialect duckdb runs on DuckDB', () => {
  test('the script over a pipeline table gives the engine figures', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duck-sql-'));
    const values = edgePipeline(5, 800);
    const file = path.join(dir, 'p.csv');
    writeFileSync(file, csvText(values));
    const read = readPipeline(csvToValues(csvText(values)), { stages: DEFAULT_STAGES });
    if (!read.ok) throw new Error('no pipeline');
    const month = lastCompleteMonth(read.pipeline.deals)!;
    // The warehouse's table: the file's columns under the script's names (the sample's headers map to them in order), as text.
    const names = sourceColumns(DEFAULT_STAGES);
    const byHeader: Record<string, string> = {
      'Deal ID': 'id',
      Account: 'account',
      Stage: 'stage',
      Status: 'status',
      'Created Date': 'created',
      'Close Date': 'closed',
      Amount: 'amount',
      Cost: 'cost',
      Owner: 'owner',
      Channel: 'channel',
      Product: 'product',
      Region: 'region',
      'Lost At Stage': 'lost_stage',
      'Contract End': 'contract_end',
      'Lost Reason': 'lost_reason',
      Probability: 'probability',
    };
    const headers = [...SAMPLE_HEADERS, 'Probability'];
    const select = names.map((n) => {
      const at = headers.findIndex((h) => (byHeader[h] ?? h) === n);
      return at < 0 ? `CAST(NULL AS VARCHAR) AS "${n}"` : `"${headers[at]}" AS "${n}"`;
    });
    const db = (await openDuckDb())!;
    try {
      await db.connection.run(`CREATE TABLE pipeline AS SELECT ${select.join(', ')} FROM read_csv(${lit(file)}, header = true, all_varchar = true)`);
      const results: Record<string, Record<string, unknown>[]> = {};
      // The view, materialised once here (a warehouse keeps it a view), then every query.
      for (const s of scriptStatements('duckdb', { month, stages: DEFAULT_STAGES }))
        results[s.name] = (
          await db.connection.runAndReadAll(s.sql.replace(/^CREATE OR REPLACE TEMP VIEW deals AS/, 'CREATE TABLE deals AS'))
        ).getRowObjectsJS();
      const opened = await duckDbEngine().open({ file, stages: DEFAULT_STAGES, locale: 'en-US' });
      if (!opened.ok) throw new Error(opened.error.message);
      const figures = await opened.session.month(month, { targets: [], repurchaseMonths: 3, horizon: 6 });
      await opened.session.close();
      expect(results.funnel!.map((r) => Number(r.reached))).toEqual(figures.metrics.funnel.steps.map((s) => s.reached));
      expect(Number(results.closed![0]!.won_deals)).toBe(figures.metrics.wonDeals);
      expect(Number(results.closed![0]!.revenue)).toBeCloseTo(figures.metrics.revenue, 6);
      expect(results.tiers!.length).toBe(figures.metrics.tiers.length);
      expect(Number(results.issue_count![0]!.issues)).toBe(opened.session.issueCount);
    } finally {
      db.instance.closeSync?.();
    }
  }, 60_000);
});
