import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'lib', 'cli.cjs');
/** A pipeline at Excel's row limit: 1,048,576 rows, the header and one deal per row. */
export const EXCEL_ROW_LIMIT_DEALS = 1_048_575;

/**
 * Wall time and peak memory of `funnel-report report` on a generated
 * workbook, beside LibreOffice opening and re-saving the same workbook in
 * the same run. Rows: our time with LibreOffice's and the ratio; our peak
 * RSS against its target: issue #13's, at or below the code before it
 * (240 MB at 100k deals, 1.1 GB at Excel's row limit; 1 GB and 4 GB before).
 */
export async function cliVersusLibreOffice(deals: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'funnel-bench-'));
  try {
    const input = path.join(dir, `pipeline-${deals}.xlsx`);
    await run(process.execPath, [CLI, 'sample', input, '--deals', String(deals)], { maxBuffer: 1 << 20 });
    const ours = await timedCli(['report', input, '--out', path.join(dir, 'report.xlsx')]);
    const soffice = libreOfficeSeconds(input, dir);
    const label = deals === EXCEL_ROW_LIMIT_DEALS ? '1,048,575 deals (Excel’s row limit)' : `${deals / 1000}k deals`;
    const rssTarget = deals > 100_000 ? 1126 : 240;
    return [
      {
        name: `CLI report, ${label}`,
        unit: 's',
        ours: ours.ms / 1000,
        peerName: 'LibreOffice open + save (soffice --convert-to xlsx)',
        peer: soffice.seconds,
        note: soffice.note,
      },
      {
        name: `CLI report peak memory, ${label}`,
        unit: 'MB',
        ours: ours.maxRssMb,
        peerName: 'target',
        peer: rssTarget,
        note: `must stay under ${deals > 100_000 ? '1.1 GB' : '240 MB'} (issue #13)`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function timedCli(args: string[]): Promise<{ ms: number; maxRssMb: number }> {
  const child = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, FUNNEL_REPORT_STATS: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0 && child.status !== 1) throw new Error(`funnel-report ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const line = child.stderr.split('\n').find((l) => l.startsWith('FUNNEL_REPORT_STATS '));
  if (!line) throw new Error('no stats line from the CLI');
  return JSON.parse(line.slice('FUNNEL_REPORT_STATS '.length)) as { ms: number; maxRssMb: number };
}

/** LibreOffice is given this long; a run past it is reported as such, not waited for. */
const LIBREOFFICE_TIMEOUT_MS = 10 * 60_000;

/** Seconds LibreOffice headless takes to open and re-save the workbook; null when it is not installed or did not finish. */
function libreOfficeSeconds(input: string, dir: string): { seconds: number | null; note?: string } {
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (!soffice) return { seconds: null, note: 'LibreOffice not installed' };
  const profile = path.join(dir, 'lo-profile');
  const outDir = path.join(dir, 'lo-out');
  mkdirSync(outDir, { recursive: true });
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, input];
  // A first run creates the profile; time the second, as a user's LibreOffice would already have one.
  spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--terminate_after_init'], { stdio: 'ignore' });
  const start = performance.now();
  const r = spawnSync(soffice, args, { stdio: 'ignore', timeout: LIBREOFFICE_TIMEOUT_MS, killSignal: 'SIGKILL' });
  const seconds = (performance.now() - start) / 1000;
  if (r.error || r.signal) return { seconds: null, note: `LibreOffice did not finish within ${LIBREOFFICE_TIMEOUT_MS / 60_000} min` };
  if (r.status !== 0) throw new Error(`soffice exited ${r.status}`);
  return { seconds };
}
