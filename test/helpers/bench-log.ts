/**
 * Figures a test measures for the record (syncs, request sizes, steps): printed
 * only when `BENCH_LOG` is set (`BENCH_LOG=1 npm run test:slow`), so the test
 * output stays quiet and the figures are one variable away.
 */
export function benchLog(label: string, figures: unknown): void {
  if (process.env.BENCH_LOG) process.stdout.write(`${label}: ${JSON.stringify(figures)}\n`);
}
