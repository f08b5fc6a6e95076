/**
 * The benchmark table: each figure, the peer's figure from the same run and
 * the ratio (ours ÷ peer; below 1 means we are faster or smaller). A row
 * that fails prints its error and makes the bench exit non-zero; a slow row
 * never does.
 */
export interface BenchRow {
  name: string;
  unit: string;
  ours: number;
  peerName: string;
  peer: number | null;
  note?: string;
}

export type BenchCase = () => Promise<BenchRow[]>;

export async function runBench(cases: { name: string; run: BenchCase }[]): Promise<number> {
  const rows: BenchRow[] = [];
  let failed = 0;
  for (const c of cases) {
    process.stderr.write(`bench: ${c.name}…\n`);
    try {
      rows.push(...(await c.run()));
    } catch (e) {
      failed++;
      process.stderr.write(`bench: ${c.name} failed: ${(e as Error).stack ?? String(e)}\n`);
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  return failed === 0 ? 0 : 1;
}

export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'ours', 'peer', 'peer figure', 'ratio', 'note'];
  const body = rows.map((r) => [
    r.name,
    `${fmt(r.ours)} ${r.unit}`,
    r.peerName,
    r.peer === null ? '—' : `${fmt(r.peer)} ${r.unit}`,
    r.peer ? (r.ours / r.peer).toFixed(2) : '—',
    r.note ?? '',
  ]);
  const lines = [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3);
}
