/**
 * The CLI's read-and-write path on a generated pipeline, timed beside
 * another build of the CLI in the same run (runs alternate, so a busy
 * machine slows both alike): `tsx scripts/bench-xlsx.ts [deals] [other-cli.cjs]`.
 * Prints the median wall time and peak RSS of `funnel-report report` for each,
 * and its CPU time (user + sys, from GNU time when /usr/bin/time exists): on
 * a box other jobs share, wall times mostly measure the load.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const deals = Number(process.argv[2] ?? 100_000);
const clis = [path.resolve(__dirname, '..', 'lib', 'cli.cjs'), ...process.argv.slice(3).map((p) => path.resolve(p))];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME = '/usr/bin/time';
const CPU_MARK = 'BENCH_CPU ';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
try {
  const input = path.join(dir, 'pipeline.xlsx');
  execFileSync(process.execPath, [clis[0]!, 'sample', input, '--deals', String(deals)]);
  const samples = clis.map(() => [] as { ms: number; maxRssMb: number; cpuS: number }[]);
  for (let run = 0; run < RUNS; run++) {
    // Alternate which build goes first, so a change in the machine's load falls on both alike.
    const order = clis.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    order.forEach((i) => {
      const cli = clis[i]!;
      const command = [process.execPath, cli, 'report', input, '--out', path.join(dir, `out-${i}.xlsx`)];
      const timed = existsSync(TIME) ? [TIME, '-f', `${CPU_MARK}%U %S`, ...command] : command;
      const child = spawnSync(timed[0]!, timed.slice(1), { env: { ...process.env, FUNNEL_REPORT_STATS: '1' }, encoding: 'utf8' });
      const lines = child.stderr.split('\n');
      const line = lines.find((l) => l.startsWith('FUNNEL_REPORT_STATS '));
      if (!line) throw new Error(`${cli} exited ${child.status}: ${child.stderr}`);
      const cpu = lines
        .find((l) => l.startsWith(CPU_MARK))
        ?.slice(CPU_MARK.length)
        .split(' ')
        .map(Number);
      samples[i]!.push({ ...(JSON.parse(line.slice('FUNNEL_REPORT_STATS '.length)) as { ms: number; maxRssMb: number }), cpuS: cpu ? cpu[0]! + cpu[1]! : NaN });
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  clis.forEach((cli, i) => {
    const s = samples[i]!;
    const runs = s.map((x) => `${(x.ms / 1000).toFixed(2)} s / ${x.cpuS.toFixed(2)} s CPU / ${x.maxRssMb} MB`).join(', ');
    console.log(
      `${path.relative(process.cwd(), cli)}: ${deals} deals, median ${(median(s.map((x) => x.ms)) / 1000).toFixed(2)} s, ` +
        `CPU ${median(s.map((x) => x.cpuS)).toFixed(2)} s, peak ${median(s.map((x) => x.maxRssMb)).toFixed(0)} MB (runs: ${runs})`,
    );
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
