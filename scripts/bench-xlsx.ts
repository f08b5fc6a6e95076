/**
 * The CLI's read-and-write path on a generated pipeline, timed beside
 * another build of the CLI in the same run (runs alternate, so a busy
 * machine slows both alike): `tsx scripts/bench-xlsx.ts [deals] [other-cli.cjs]`.
 * Prints the median wall time and peak RSS of `funnel-report report` for each.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const deals = Number(process.argv[2] ?? 100_000);
const clis = [path.resolve(__dirname, '..', 'lib', 'cli.cjs'), ...process.argv.slice(3).map((p) => path.resolve(p))];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
try {
  const input = path.join(dir, 'pipeline.xlsx');
  execFileSync(process.execPath, [clis[0]!, 'sample', input, '--deals', String(deals)]);
  const samples = clis.map(() => [] as { ms: number; maxRssMb: number }[]);
  for (let run = 0; run < RUNS; run++) {
    // Alternate which build goes first, so a change in the machine's load falls on both alike.
    const order = clis.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    order.forEach((i) => {
      const cli = clis[i]!;
      const child = spawnSync(process.execPath, [cli, 'report', input, '--out', path.join(dir, `out-${i}.xlsx`)], {
        env: { ...process.env, FUNNEL_REPORT_STATS: '1' },
        encoding: 'utf8',
      });
      const line = child.stderr.split('\n').find((l) => l.startsWith('FUNNEL_REPORT_STATS '));
      if (!line) throw new Error(`${cli} exited ${child.status}: ${child.stderr}`);
      samples[i]!.push(JSON.parse(line.slice('FUNNEL_REPORT_STATS '.length)) as { ms: number; maxRssMb: number });
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  clis.forEach((cli, i) => {
    const s = samples[i]!;
    console.log(`${path.relative(process.cwd(), cli)}: ${deals} deals, median ${(median(s.map((x) => x.ms)) / 1000).toFixed(2)} s, peak ${median(s.map((x) => x.maxRssMb)).toFixed(0)} MB (runs: ${s.map((x) => (x.ms / 1000).toFixed(2)).join(', ')} s)`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
