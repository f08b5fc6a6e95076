import type { Deal } from '../pipeline/deal';
import { inPeriod, monthRangePeriod, type Period } from '../metrics/period';
import { SegmentKeys } from '../metrics/segments';
import type { MonthIndex } from '../util/dates';
import { ratio } from '../util/ratio';

export interface ChannelRow {
  /** The channel as typed, trimmed; `(blank)` for deals without one. */
  channel: string;
  /** Won deals closed in the window. */
  deals: number;
  /** Σ amount of those deals. */
  revenue: number;
  /** Σ cost of those deals that have both a cost and an amount; null when none has one (no cost column: empty, not 0). */
  cost: number | null;
  /** cost ÷ Σ amount over the same deals; null when none has a cost. */
  costRate: number | null;
  /** revenue − cost; null without a cost. */
  margin: number | null;
}

/** The 12 months ending with `month`: the window of the plan's channel analysis. */
export function trailingYear(month: MonthIndex): Period {
  return monthRangePeriod(month - 11, month);
}

/**
 * Channel analysis of the sales plan (SPEC §5): per channel, the won deals
 * closed in the 12 months ending with `month`, their revenue (Σ amount),
 * cost, cost rate = Σ cost ÷ Σ amount over the deals that have a cost (a
 * ratio of sums, SPEC §2, so a missing cost never reads as a free sale) and
 * margin = revenue − cost; without any cost, cost and margin are empty
 * (null), never 0 and "margin = revenue" (SPEC §7). Sorted by revenue, highest first, then by channel
 * (code-unit order, so the machine's locale never changes it).
 */
export function channelAnalysis(deals: readonly Deal[], month: MonthIndex): ChannelRow[] {
  const window = trailingYear(month);
  const byChannel = new Map<string, { deals: number; revenue: number; cost: number; costedAmount: number; costed: number }>();
  const keys = new SegmentKeys();
  for (const d of deals) {
    if (d.status !== 'won' || !inPeriod(d.closed, window)) continue;
    const channel = keys.keyOf(d.channel);
    let acc = byChannel.get(channel);
    if (acc === undefined) {
      acc = { deals: 0, revenue: 0, cost: 0, costedAmount: 0, costed: 0 };
      byChannel.set(channel, acc);
    }
    acc.deals++;
    if (d.amount !== null) acc.revenue += d.amount;
    if (d.amount !== null && d.cost !== null) {
      acc.cost += d.cost;
      acc.costedAmount += d.amount;
      acc.costed++;
    }
  }
  return [...byChannel.entries()]
    .map(([channel, a]) => {
      const cost = a.costed === 0 ? null : a.cost;
      return { channel, deals: a.deals, revenue: a.revenue, cost, costRate: ratio(a.cost, a.costedAmount), margin: cost === null ? null : a.revenue - cost };
    })
    .sort((x, y) => y.revenue - x.revenue || (x.channel < y.channel ? -1 : x.channel > y.channel ? 1 : 0));
}
