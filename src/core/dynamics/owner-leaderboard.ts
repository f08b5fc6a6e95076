import { inPeriod, monthPeriod } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import { ownerKey } from '../targets';
import type { MonthIndex } from '../util/dates';
import { ratio } from '../util/ratio';
import { type DynamicsIndex, eachOpenOrClosedSince, indexFor } from './deal-index';
import { percentileInc } from './percentile';

export interface OwnerLine {
  /** The owner as first spelled in the sheet; null for deals without one. */
  owner: string | null;
  revenue: number;
  /** The owner's target for the month (a `Targets` row with the owner); null without one. */
  target: number | null;
  attainment: number | null;
  wonDeals: number;
  winRate: number | null;
  averageDealSize: number | null;
  cycleDaysMedian: number | null;
  /** Σ amount of the owner's open deals (overdue ones included: it is what they hold). */
  openPipeline: number;
  /** Next month's coverage for the owner: open, not overdue, expected next month ÷ (next month's target − revenue won in it). */
  coverage: number | null;
}

interface Tally {
  owner: string | null;
  revenue: number;
  wonWithAmount: number;
  wonDeals: number;
  lostDeals: number;
  cycles: number[];
  openPipeline: number;
  nextOpen: number;
  nextRevenue: number;
}

/**
 * The owner leaderboard (SPEC §8), by revenue (then name): per owner the
 * month's revenue, target and attainment, deals won, win rate, average
 * deal size, median cycle, open pipeline and next month's coverage, each
 * with the definitions of SPEC §2 and §8 restricted to the owner. Owners
 * compare trimmed and case-folded; listed: any with a deal closed in the
 * month, an open deal, or a target for the month.
 */
export function ownerLeaderboard(
  deals: readonly Deal[],
  month: MonthIndex,
  ownerTargets: ReadonlyMap<string, ReadonlyMap<MonthIndex, number>>,
  medianCycleDays: number | null,
  index?: DynamicsIndex,
): OwnerLine[] {
  const period = monthPeriod(month);
  const next = monthPeriod(month + 1);
  const tallies = new Map<string, Tally>();
  // Owners repeat on every deal; the locale-aware folding is the costly part: once per spelling, which then finds its tally at once.
  const bySpelling = new Map<string | null, Tally>();
  const tally = (owner: string | null): Tally => {
    let t = bySpelling.get(owner);
    if (t === undefined) {
      const key = owner === null ? '' : ownerKey(owner);
      t = tallies.get(key);
      if (!t)
        tallies.set(key, (t = { owner, revenue: 0, wonWithAmount: 0, wonDeals: 0, lostDeals: 0, cycles: [], openPipeline: 0, nextOpen: 0, nextRevenue: 0 }));
      bySpelling.set(owner, t);
    }
    return t;
  };
  // Only the open deals and those closed since the month began count; both lists merged, so owners meet in sheet order.
  const found = indexFor(index, deals, month, medianCycleDays);
  eachOpenOrClosedSince(found, (i, k) => {
    const d = deals[i]!;
    const amount = d.amount !== null && Number.isFinite(d.amount) ? d.amount : null;
    if (k >= 0) {
      if (d.stageIndex === null || amount === null) return;
      const t = tally(d.owner);
      t.openPipeline += amount;
      if (found.expected[k]! >= period.end && found.expectedMonth[k] === month + 1) t.nextOpen += amount;
      return;
    }
    if (inPeriod(d.closed, period)) {
      const t = tally(d.owner);
      if (d.status === 'lost') {
        t.lostDeals++;
        return;
      }
      t.wonDeals++;
      if (amount !== null) {
        t.revenue += amount;
        t.wonWithAmount++;
      }
      if (d.created !== null) t.cycles.push(d.closed - d.created);
    } else if (d.status === 'won' && amount !== null && inPeriod(d.closed, next)) {
      tally(d.owner).nextRevenue += amount;
    }
  });
  for (const [key, months] of ownerTargets) {
    if (!tallies.has(key) && months.has(month)) tally(key);
  }
  const lines: OwnerLine[] = [];
  for (const [key, t] of tallies) {
    if (t.wonDeals === 0 && t.lostDeals === 0 && t.openPipeline === 0 && !ownerTargets.get(key)?.has(month)) continue;
    const months = ownerTargets.get(key);
    const target = months?.get(month) ?? null;
    const nextTarget = months?.get(month + 1);
    lines.push({
      owner: t.owner,
      revenue: t.revenue,
      target,
      attainment: target === null ? null : ratio(t.revenue, target),
      wonDeals: t.wonDeals,
      winRate: ratio(t.wonDeals, t.wonDeals + t.lostDeals),
      averageDealSize: ratio(t.revenue, t.wonWithAmount),
      cycleDaysMedian: percentileInc(t.cycles, 0.5),
      openPipeline: t.openPipeline,
      coverage: nextTarget === undefined ? null : ratio(t.nextOpen, nextTarget - t.nextRevenue),
    });
  }
  lines.sort((a, b) => b.revenue - a.revenue || (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff'));
  return lines;
}
