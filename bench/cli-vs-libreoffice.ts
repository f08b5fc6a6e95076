import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './harness';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'lib', 'cli.cjs');

/** Wall time and peak memory of `funnel-report report` on a generated workbook, beside LibreOffice opening and re-saving it. */
export async function cliVersusLibreOffice(deals: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'funnel-bench-'));
  const input = path.join(dir, `pipeline-${deals}.xlsx`);
  await run(process.execPath, [CLI, 'sample', input, '--deals', String(deals)]);
  const ours = await timedCli(['report', input, '--out', path.join(dir, 'report.xlsx')]);
  const soffice = libreOfficeSeconds(input, dir);
  const label = `${deals / 1000}k deals`;
  return [
    { name: `CLI report, ${label}`, unit: 's', ours: ours.ms / 1000, peerName: 'LibreOffice open + save (soffice --convert-to xlsx)', peer: soffice },
    { name: `CLI report peak memory, ${label}`, unit: 'MB', ours: ours.maxRssMb, peerName: 'target', peer: 1024, note: 'must stay under 1 GB' },
  ];
}

async function timedCli(args: string[]): Promise<{ ms: number; maxRssMb: number }> {
  const child = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, FUNNEL_REPORT_STATS: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0 && child.status !== 1) throw new Error(`funnel-report ${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  const line = child.stderr.split('\n').find((l) => l.startsWith('FUNNEL_REPORT_STATS '));
  if (!line) throw new Error('no stats line from the CLI');
  return JSON.parse(line.slice('FUNNEL_REPORT_STATS '.length)) as { ms: number; maxRssMb: number };
}

/** Seconds LibreOffice headless takes to open and re-save the workbook; null when it is not installed. */
function libreOfficeSeconds(input: string, dir: string): number | null {
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (!soffice) return null;
  const profile = path.join(dir, 'lo-profile');
  const outDir = path.join(dir, 'lo-out');
  mkdirSync(outDir, { recursive: true });
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, input];
  // A first run creates the profile; time the second, as a user's LibreOffice would already have one.
  spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--terminate_after_init'], { stdio: 'ignore' });
  const start = performance.now();
  const r = spawnSync(soffice, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`soffice exited ${r.status}`);
  return (performance.now() - start) / 1000;
}
