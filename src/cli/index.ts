import { runCli } from './main';

const started = performance.now();
// For the benchmarks: how long the run took and its peak memory, on stderr.
if (process.env.FUNNEL_REPORT_STATS) {
  process.on('exit', () => {
    process.stderr.write(
      `FUNNEL_REPORT_STATS ${JSON.stringify({ ms: Math.round(performance.now() - started), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
  });
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
