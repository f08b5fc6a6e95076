import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { timedCli } from './cli-vs-libreoffice';
import type { BenchRow } from './harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'lib', 'cli.cjs');

/**
 * DuckDB's own plain scan and aggregate of the file (SPEC §10's peer): its
 * CSV reader with type detection, one GROUP BY over every row, in a child
 * process of its own (2 threads, as the engine), reporting its wall time
 * and peak RSS.
 */
function duckDbScan(file: string): { ms: number; maxRssMb: number } {
  const script =
    `
    const { DuckDBInstance } = require('@duckdb/node-api');
    (async () => {
      const started = performance.now();
      const db = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
      await db.runAndReadAll(\`SELECT "Status", COUNT(*), SUM(TRY_CAST("Amount" AS DOUBLE)), MIN("Created Date"), MAX("Close Date"), ` +
    `COUNT(DISTINCT "Account") FROM read_csv(${JSON.stringify(file).replace(/"/g, "'")}, all_varchar = true, quote = '"', escape = '"') GROUP BY "Status"\`);
      process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - started), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    })();`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`DuckDB scan failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { ms: number; maxRssMb: number };
}

/**
 * `funnel-report report FILE.csv --engine duckdb` (every SPEC §2 figure,
 * the forecast and the written tabs) against DuckDB's plain scan of the
 * same file, alternated; with `core` also the in-memory engine on the same
 * CSV (at 1M deals, within Excel's rows).
 */
export async function duckDbEngineVersusScan(deals: number, options: { core?: boolean } = {}): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'funnel-duck-bench-'));
  try {
    const csv = path.join(dir, `pipeline-${deals}.csv`);
    await run(process.execPath, [CLI, 'sample', csv, '--deals', String(deals), '--format', 'csv'], { maxBuffer: 1 << 20 });
    const scan = duckDbScan(csv);
    const ours = await timedCli(['report', csv, '--engine', 'duckdb', '--out', path.join(dir, 'duck.xlsx')]);
    const label = deals >= 1_000_000 ? `${deals / 1_000_000}M deals` : `${deals / 1000}k deals`;
    const rows: BenchRow[] = [
      {
        name: `CSV → report, DuckDB engine, ${label}`,
        unit: 's',
        ours: ours.ms / 1000,
        peerName: 'DuckDB plain scan + GROUP BY of the file',
        peer: scan.ms / 1000,
        note: 'target: at most 3× the scan',
      },
      {
        name: `CSV → report peak memory, DuckDB engine, ${label}`,
        unit: 'MB',
        ours: ours.maxRssMb,
        peerName: 'DuckDB plain scan',
        peer: scan.maxRssMb,
        note: 'target: under 2 GB',
      },
    ];
    if (options.core) {
      const core = await timedCli(['report', csv, '--engine', 'core', '--out', path.join(dir, 'core.xlsx')]);
      rows.push(
        { name: `CSV → report, in-memory engine, ${label}`, unit: 's', ours: core.ms / 1000, peerName: 'DuckDB engine, same file', peer: ours.ms / 1000 },
        {
          name: `CSV → report peak memory, in-memory engine, ${label}`,
          unit: 'MB',
          ours: core.maxRssMb,
          peerName: 'DuckDB engine, same file',
          peer: ours.maxRssMb,
        },
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
