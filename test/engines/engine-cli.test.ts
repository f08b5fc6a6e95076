import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';
import { describeWithDuckDb } from './duckdb-available';
import { csvText } from './csv-text';
import { edgePipeline } from './edge-pipeline';

function capture(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), error: (m) => lines.push(`error: ${m}`) };
}

test('funnel-report sql prints the queries of a month', async () => {
  const out = capture();
  expect(await runCli(['sql', '--dialect', 'trino', '--month', '2026-06'], out)).toBe(0);
  const text = out.lines.join('\n');
  expect(text).toContain('CREATE OR REPLACE VIEW deals AS');
  expect(text).toContain('-- tiers:');
  expect(await runCli(['sql', '--dialect', 'oracle'], capture())).toBe(2);
});

describeWithDuckDb('funnel-report report --engine duckdb', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duck-cli-'));

  test('a CSV: the tab as values, naming the file and its rows; the JSON names the engine', async () => {
    const csv = path.join(dir, 'export.csv');
    expect(await runCli(['sample', csv, '--deals', '2000', '--format', 'csv'], capture())).toBe(0);
    const out = capture();
    const xlsx = path.join(dir, 'report.xlsx');
    const json = path.join(dir, 'report.json');
    expect(await runCli(['report', csv, '--engine', 'duckdb', '--out', xlsx, '--json', json, '--month', '2026-05'], out)).toBe(1);
    expect(out.lines.join('\n')).toContain('DuckDB engine, from export.csv: 2000 deals read');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.engine).toEqual(expect.objectContaining({ name: 'duckdb', source: 'export.csv', rows: 2000 }));
    expect(report.month).toBe('2026-05');
    // The sample is in yuan (its symbols say CNY): the reporting currency the core engine would choose, nothing converted.
    expect(report.currency).toEqual({ reporting: 'CNY', converted: 0, missingRate: 0 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const tab = book.getWorksheet('Report 2026-05')!;
    const texts: string[] = [];
    tab.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.some((t) => t.includes('Computed by DuckDB from export.csv (2,000 rows below the header)'))).toBe(true);
    // Values only: no formula in the tab but links to its own tabs (tiers, data issues), and no data sheet.
    const formulas: string[] = [];
    tab.eachRow((row) => row.eachCell((c) => void (c.formula && formulas.push(c.formula))));
    for (const f of formulas) expect(f).toMatch(/^HYPERLINK\("#'(Tiers 2026-05|Data Issues)'!A1"/);
    expect(book.getWorksheet('Funnel Data')).toBeUndefined();
  }, 60_000);

  test('a file in several currencies is refused, naming them (the DuckDB engine does not convert)', async () => {
    const csv = path.join(dir, 'currencies.csv');
    writeFileSync(csv, csvText(edgePipeline(3)));
    const out = capture();
    expect(await runCli(['report', csv, '--engine', 'duckdb', '--out', path.join(dir, 'c.xlsx')], out)).toBe(2);
    expect(out.lines.join('\n')).toMatch(/several currencies \(.*CNY.*USD.*\)/);
  }, 60_000);

  test('a Parquet file goes to DuckDB without being asked', async () => {
    const parquet = path.join(dir, 'export.parquet');
    expect(await runCli(['sample', parquet, '--deals', '1500', '--format', 'parquet'], capture())).toBe(0);
    const out = capture();
    expect(await runCli(['report', parquet, '--out', path.join(dir, 'p.xlsx'), '--locale', 'zh-CN'], out)).toBe(1);
    expect(out.lines.join('\n')).toContain('DuckDB engine, from export.parquet: 1500 deals read');
  }, 60_000);
});
