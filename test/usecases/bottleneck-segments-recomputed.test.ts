import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import type { CellValue } from '../../src/core/util/cell';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import type { ReportJson } from '../../src/usecases/report-json';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

/*
 * Issue #16: the bottleneck (mature cohorts only) and the segments' cohort
 * funnels equal a recomputation here, from the raw rows of the sample sheet,
 * with plain loops and none of the engine's code.
 */

const STAGES = ['Lead', 'Qualified', 'Opportunity', 'Proposal', 'Negotiation'];
const MONTH = '2026-03';

/** Excel serial of the first day of a month (1900 system). */
const monthStart = (y: number, m: number) => Date.UTC(y, m - 1, 1) / 86_400_000 + 25_569;
const monthKeyOf = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const shift = (key: string, by: number) => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
};

interface Raw {
  status: string;
  created: number;
  closed: number | null;
  amount: number | null;
  owner: string | null;
  furthest: number | null;
}

function rawDeals(values: CellValue[][]): Raw[] {
  const [header, ...rows] = values;
  const col = (name: string) => header!.indexOf(name);
  return rows
    .map((r): Raw | null => {
      const created = r[col('Created Date')];
      const status = String(r[col('Status')]);
      const stage = String(r[col('Stage')]);
      const lostAt = r[col('Lost At Stage')];
      if (typeof created !== 'number') return null;
      let furthest: number | null;
      if (status === 'Won') furthest = STAGES.length;
      else if (status === 'Lost')
        furthest = typeof lostAt === 'string' && STAGES.includes(lostAt) ? STAGES.indexOf(lostAt) : STAGES.includes(stage) ? STAGES.indexOf(stage) : 0;
      else furthest = STAGES.includes(stage) ? STAGES.indexOf(stage) : null;
      const closed = r[col('Close Date')];
      const amount = r[col('Amount')];
      const owner = r[col('Owner')];
      return {
        status,
        created,
        closed: typeof closed === 'number' ? closed : null,
        amount: typeof amount === 'number' ? amount : null,
        owner: typeof owner === 'string' && owner !== '' ? owner : null,
        furthest,
      };
    })
    .filter((d): d is Raw => d !== null);
}

const inMonth = (serial: number | null, key: string) => {
  const { y, m } = shift(key, 0);
  const next = shift(key, 1);
  return serial !== null && serial >= monthStart(y, m) && serial < monthStart(next.y, next.m);
};
const reached = (deals: Raw[], k: number) => deals.filter((d) => d.furthest !== null && d.furthest >= k).length;

describe('bottleneck and segments, recomputed from the raw rows', () => {
  const values = samplePipeline({ deals: 2500, seed: 11 });
  const deals = rawDeals(values);
  let report: ReportJson;

  beforeAll(async () => {
    const wb = XlsxPackage.create();
    wb.addValuesSheet('Pipeline', values, { dateColumns: SAMPLE_DATE_COLUMNS });
    const result = await generateMonthlyReport(wb, { month: MONTH });
    if (!result.ok) throw new Error(result.error.message);
    report = result.reports[0]!.report;
  });

  it('compares the latest mature cohort with the three before it, on the step that fell most', () => {
    const next = shift(MONTH, 1);
    const end = monthStart(next.y, next.m);
    const cycles = deals
      .filter((d) => d.status === 'Won' && d.closed !== null && d.closed < end)
      .map((d) => d.closed! - d.created)
      .sort((a, b) => a - b);
    const mid = cycles.length >> 1;
    const maturity = Math.ceil(cycles.length % 2 ? cycles[mid]! : (cycles[mid - 1]! + cycles[mid]!) / 2);
    let current = '';
    for (let back = 0; back < 24 && current === ''; back++) {
      const c = shift(MONTH, -back);
      const after = shift(MONTH, -back + 1);
      const cohort = deals.filter((d) => inMonth(d.created, monthKeyOf(c.y, c.m)) && d.furthest !== null);
      if (monthStart(after.y, after.m) + maturity <= end && cohort.length > 0) current = monthKeyOf(c.y, c.m);
    }
    expect(current < MONTH).toBe(true); // the report month's own cohort is too young
    const trailingKeys = [-3, -2, -1].map((b) => shift(current, b)).map((x) => monthKeyOf(x.y, x.m));
    const now = deals.filter((d) => inMonth(d.created, current));
    const before = deals.filter((d) => trailingKeys.some((k) => inMonth(d.created, k)));
    let best = -1;
    let fell = Infinity;
    for (let k = 1; k <= STAGES.length; k++) {
      if (reached(now, k - 1) === 0 || reached(before, k - 1) === 0) continue;
      const change = reached(now, k) / reached(now, k - 1) - reached(before, k) / reached(before, k - 1);
      if (change < fell) [fell, best] = [change, k];
    }
    const names = [...STAGES, 'Won'];
    const b = report.bottleneck!;
    expect(b.step).toEqual({ from: names[best - 1], to: names[best] });
    expect(b.current).toBeCloseTo(reached(now, best) / reached(now, best - 1), 12);
    expect(b.trailing).toBeCloseTo(reached(before, best) / reached(before, best - 1), 12);
    expect(b.cohorts.map((c) => [c.month, c.role, c.reached, c.converted])).toEqual([
      ...trailingKeys.map((k) => {
        const cohort = deals.filter((d) => inMonth(d.created, k));
        return [k, 'trailing', reached(cohort, best - 1), reached(cohort, best)];
      }),
      [current, 'current', reached(now, best - 1), reached(now, best)],
    ]);
    expect(b.text).toContain(current);
    expect(b.text).toContain(`${trailingKeys[0]} – ${trailingKeys[2]}`);
    expect(b.text).toContain(`${maturity} days`);
  });

  it('gives each owner its own cohort funnel and, apart, what closed in the month', () => {
    const owners = report.segments.owner!;
    expect(owners.length).toBeGreaterThan(3);
    for (const row of owners) {
      const mine = deals.filter((d) => (d.owner ?? '(blank)') === row.value);
      const cohort = mine.filter((d) => inMonth(d.created, MONTH));
      expect(row.cohort.created).toBe(cohort.length);
      expect(row.cohort.steps.map((s) => s.reached)).toEqual([...STAGES, 'Won'].map((_, k) => reached(cohort, k)));
      const won = mine.filter((d) => d.status === 'Won' && inMonth(d.closed, MONTH));
      const lost = mine.filter((d) => d.status === 'Lost' && inMonth(d.closed, MONTH));
      expect([row.closed.won, row.closed.lost]).toEqual([won.length, lost.length]);
      expect(row.closed.revenue).toBe(won.reduce((s, d) => s + (d.amount ?? 0), 0));
      expect(row.closed.winRate).toBe(won.length + lost.length === 0 ? null : won.length / (won.length + lost.length));
    }
  });
});
