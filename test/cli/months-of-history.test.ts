import { promises as fs } from 'node:fs';
import path from 'node:path';
import { percentileInc } from '../../src/core/dynamics/percentile';
import { SNAPSHOT_SHEET } from '../../src/core/dynamics/snapshot';
import type { CellValue, SheetValues } from '../../src/core/util/cell';
import { type MonthIndex, monthEndSerial, monthIndexOfSerial, monthKey, monthStartSerial, parseMonthKey } from '../../src/core/util/dates';
import type { ReportJson } from '../../src/usecases/report-json';
import { openWorkbookFile } from '../../src/workbook/node-file/file';
import { cli, tempDir } from '../helpers/workbook-files';

// Issue #17: the sample's pipeline as it stood at six month ends, reported month by month in place (each run reads
// the snapshot the run before stored), every dynamics figure checked against a plain recomputation from the raw rows.

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const STAGES = ['Lead', 'Qualified', 'Opportunity', 'Proposal', 'Negotiation'];
const H = { id: 0, stage: 2, status: 3, created: 4, close: 5, amount: 6, owner: 8, stageDates: 14, reason: 19 };

interface Raw {
  id: string;
  stage: string;
  status: string;
  created: number;
  close: number | null;
  amount: number;
  owner: string;
  stageDates: (number | null)[];
  reason: string | null;
}

const raw = (rows: SheetValues): Raw[] =>
  rows.slice(1).map((r) => ({
    id: String(r[H.id]),
    stage: String(r[H.stage]),
    status: String(r[H.status]),
    created: r[H.created] as number,
    close: (r[H.close] as number | null) ?? null,
    amount: r[H.amount] as number,
    owner: String(r[H.owner]),
    stageDates: STAGES.map((_, k) => (r[H.stageDates + k] as number | null) ?? null),
    reason: (r[H.reason] as string | null) ?? null,
  }));

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const monthOf = (serial: number) => monthIndexOfSerial(serial);

describe('funnel-report sample --months-of-history 6, reported month by month in place', () => {
  let sheets: Map<string, Raw[]>;
  let targets: SheetValues;
  let reports: ReportJson[];
  let snapshotRows: SheetValues;

  beforeAll(async () => {
    const dir = await tempDir('history-');
    const file = path.join(dir, 'history.xlsx');
    expect((await cli('sample', file, '--deals', '1500', '--seed', '5', '--months-of-history', '6')).code).toBe(0);
    reports = [];
    for (const month of MONTHS) {
      const json = path.join(dir, `${month}.json`);
      expect((await cli('report', file, '--sheet', `Pipeline ${month}`, '--month', month, '--json', json)).code).toBeLessThan(2);
      reports.push(JSON.parse(await fs.readFile(json, 'utf8')) as ReportJson);
    }
    const { workbook } = await openWorkbookFile(file);
    sheets = new Map();
    for (const month of MONTHS) sheets.set(month, raw(await workbook.readSheet(`Pipeline ${month}`)));
    targets = await workbook.readSheet('Targets');
    snapshotRows = await workbook.readSheet(SNAPSHOT_SHEET);
    expect((await workbook.listSheets()).find((s) => s.name === SNAPSHOT_SHEET)?.visible).toBe(false);
  }, 240_000);

  const target = (month: MonthIndex, owner?: string) =>
    sum(
      targets
        .slice(1)
        .filter((r) => r[0] === monthKey(month) && (owner === undefined || r[1] === owner))
        .map((r) => r[2] as number),
    );

  it('stores one snapshot per month: the open deals at its end', () => {
    for (const month of MONTHS) {
      const open = sheets.get(month)!.filter((d) => d.status === 'Open');
      const stored = snapshotRows.filter((r: CellValue[]) => r[0] === month);
      expect(stored.map((r) => r[1])).toEqual(open.map((d) => d.id));
      expect(stored.map((r) => r[4])).toEqual(open.map((d) => monthKey(monthOf(d.close!))));
    }
  });

  it('balances the movement deal by deal against the previous month, from the raw rows', () => {
    expect(reports[0]!.movement.basis).toBe('dates');
    for (let i = 1; i < MONTHS.length; i++) {
      const before = sheets.get(MONTHS[i - 1]!)!.filter((d) => d.status === 'Open');
      const nowAll = new Map(sheets.get(MONTHS[i]!)!.map((d) => [d.id, d]));
      const now = [...nowAll.values()].filter((d) => d.status === 'Open');
      const nowOpen = new Map(now.map((d) => [d.id, d]));
      const beforeIds = new Set(before.map((d) => d.id));
      let increased = 0;
      let decreased = 0;
      let won = 0;
      let lost = 0;
      let removed = 0;
      let slipped = 0;
      let slippedAmount = 0;
      for (const a of before) {
        const b = nowAll.get(a.id);
        if (!b) {
          removed += a.amount;
          continue;
        }
        const delta = b.amount - a.amount;
        if (delta > 0) increased += delta;
        else decreased -= delta;
        if (b.status === 'Won') won += b.amount;
        if (b.status === 'Lost') lost += b.amount;
        if (b.status === 'Open' && monthOf(b.close!) > monthOf(a.close!)) {
          slipped++;
          slippedAmount += b.amount;
        }
      }
      const added = sum(now.filter((d) => !beforeIds.has(d.id)).map((d) => d.amount));
      const m = reports[i]!.movement;
      expect(m.basis).toBe('snapshot');
      expect(m).toEqual({
        basis: 'snapshot',
        start: sum(before.map((d) => d.amount)),
        new: added,
        increased,
        decreased,
        won,
        lost,
        removed,
        end: sum([...nowOpen.values()].map((d) => d.amount)),
        slipped: { deals: slipped, amount: slippedAmount },
      });
      expect(m.start + m.new + m.increased! - m.decreased! - m.won - m.lost - m.removed!).toBeCloseTo(m.end, 6);
    }
    // The sample moves: every kind of change happens somewhere in the six months.
    for (const key of ['new', 'increased', 'decreased', 'won', 'lost', 'removed'] as const)
      expect(reports.slice(1).some((r) => (r.movement[key] ?? 0) > 0)).toBe(true);
    expect(reports.slice(1).some((r) => (r.movement.slipped?.deals ?? 0) > 0)).toBe(true);
  });

  it('counts the overdue deals, the coverage and the owners as the raw rows give them', () => {
    MONTHS.forEach((key, i) => {
      const month = parseMonthKey(key)!;
      const deals = sheets.get(key)!;
      const end = monthEndSerial(month);
      const open = deals.filter((d) => d.status === 'Open');
      const overdue = open.filter((d) => d.close! < end);
      const r = reports[i]!;
      expect(r.overdue).toEqual({ deals: overdue.length, amount: sum(overdue.map((d) => d.amount)) });
      expect(r.forecast.weightedPipelineOverdue.deals).toBe(overdue.length);
      const nextOpen = sum(open.filter((d) => monthOf(d.close!) === month + 1).map((d) => d.amount));
      const wonNext = sum(deals.filter((d) => d.status === 'Won' && monthOf(d.close!) === month + 1).map((d) => d.amount));
      const remaining = target(month + 1) - wonNext;
      expect(r.coverage.nextMonth.open).toBe(nextOpen);
      expect(r.coverage.nextMonth.remainingTarget).toBe(remaining);
      expect(r.coverage.nextMonth.coverage).toBeCloseTo(nextOpen / remaining, 12);
      const closedIn = deals.filter((d) => d.status !== 'Open' && monthOf(d.close!) === month);
      for (const o of r.owners) {
        const mine = closedIn.filter((d) => d.owner === o.owner);
        const revenue = sum(mine.filter((d) => d.status === 'Won').map((d) => d.amount));
        expect(o.revenue).toBe(revenue);
        expect(o.target).toBe(target(month, o.owner!));
        expect(o.attainment).toBeCloseTo(revenue / o.target!, 12);
        expect(o.openPipeline).toBe(sum(open.filter((d) => d.owner === o.owner).map((d) => d.amount)));
      }
      expect(sum(r.owners.map((o) => o.target ?? 0))).toBe(target(month));
    });
  });

  it('measures time in stage and win/loss reasons from the raw rows', () => {
    MONTHS.forEach((key, i) => {
      const month = parseMonthKey(key)!;
      const from = monthStartSerial(month);
      const end = monthEndSerial(month);
      const deals = sheets.get(key)!;
      const r = reports[i]!;
      STAGES.forEach((stage, k) => {
        const days: number[] = [];
        for (const d of deals) {
          const entered = d.stageDates[k];
          if (entered === null || entered === undefined) continue;
          const next = d.stageDates.slice(k + 1).find((x) => x !== null) ?? (d.status === 'Open' ? null : d.close);
          if (next !== null && next !== undefined && next >= from && next < end && next >= entered) days.push(next - entered);
        }
        expect(r.timeInStage[k]).toEqual({ stage, medianDays: percentileInc(days, 0.5), p75Days: percentileInc(days, 0.75), deals: days.length });
      });
      const lost = deals.filter((d) => d.status === 'Lost' && monthOf(d.close!) === month);
      const byReason = new Map<string, number>();
      for (const d of lost) byReason.set(d.reason ?? '(blank)', (byReason.get(d.reason ?? '(blank)') ?? 0) + 1);
      for (const line of r.winLoss.reasons) if (line.reason !== 'Other') expect(line.lost).toBe(byReason.get(line.reason) ?? 0);
      expect(sum(r.winLoss.reasons.map((l) => l.lost))).toBe(lost.length);
      expect(r.stuckDeals.every((s) => deals.find((d) => d.id === s.id)?.status === 'Open')).toBe(true);
    });
  });

  it('tracks the weighted pipeline of each month from the snapshot before it', () => {
    for (let i = 1; i < MONTHS.length; i++) {
      const month = parseMonthKey(MONTHS[i]!)!;
      const previous = reports[i - 1]!;
      const p = new Map(previous.forecast.stageProbabilities.map((s) => [s.stage, s.probability]));
      const expected = sum(
        sheets
          .get(MONTHS[i - 1]!)!
          .filter((d) => d.status === 'Open' && monthOf(d.close!) === month)
          .map((d) => d.amount * p.get(d.stage)!),
      );
      const line = reports[i]!.trackRecord.months.find((m) => m.month === MONTHS[i])!;
      expect(line.weighted).toBeCloseTo(expected, 6);
      const actual = sum(
        sheets
          .get(MONTHS[i]!)!
          .filter((d) => d.status === 'Won' && monthOf(d.close!) === month)
          .map((d) => d.amount),
      );
      expect(line.actual).toBe(actual);
      expect(line.weightedApe).toBeCloseTo(Math.abs(expected - actual) / actual, 9);
    }
  });
});
