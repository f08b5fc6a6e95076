import type { SegmentField } from '../pipeline/fields';
import { ratio } from '../util/ratio';
import { type DealTable, LOST, WON } from './deal-table';
import type { Period } from './period';

/** Key of the segment for rows whose segment cell is blank. */
export const BLANK_SEGMENT = '(blank)';

export interface SegmentRow {
  key: string;
  /** Deals created in the period. */
  created: number;
  /** Won deals closed in the period. */
  won: number;
  /** Lost deals closed in the period. */
  lost: number;
  /** won ÷ (won + lost). */
  winRate: number | null;
  /** Σ amount of the won deals closed in the period. */
  revenue: number;
  /** Σ cost of those won deals that have both a cost and an amount. */
  cost: number;
  /** cost ÷ Σ amount over the same deals (a ratio of sums, as `cost-rate.ts`). */
  costRate: number | null;
}

export type Segments = Partial<Record<SegmentField, SegmentRow[]>>;

/**
 * Breakdown by owner, channel, product and region (SPEC §2: "Every table can
 * be broken down by owner, channel, product, region"; cost rate "also per
 * channel, owner and product"), for the fields given (those whose column
 * exists). Each row uses the same definitions as the whole-pipeline figures,
 * so the rows' counts and sums add up to them. Keys are the cell text
 * trimmed; a blank cell goes under "(blank)". Rows are sorted by revenue,
 * highest first, then by key (code-unit order, locale-independent).
 * Only deals created or closed in the period are visited.
 */
export function segments(table: DealTable, period: Period, fields: readonly SegmentField[]): Segments {
  const out: Segments = {};
  if (fields.length === 0) return out;
  const acc = fields.map(() => new Map<string, Accumulator>());
  const { status, created, closed, amount, cost } = table;
  for (let i = 0; i < table.size; i++) {
    const isCreated = created[i]! >= period.start && created[i]! < period.end;
    const isClosed = status[i] !== 0 && closed[i]! >= period.start && closed[i]! < period.end;
    if (!isCreated && !isClosed) continue;
    const deal = table.deals[i]!;
    for (let f = 0; f < fields.length; f++) {
      const key = deal[fields[f]!]?.trim() || BLANK_SEGMENT;
      let row = acc[f]!.get(key);
      if (row === undefined) {
        row = { created: 0, won: 0, lost: 0, revenue: 0, cost: 0, costedAmount: 0 };
        acc[f]!.set(key, row);
      }
      if (isCreated) row.created++;
      if (!isClosed) continue;
      if (status[i] === LOST) row.lost++;
      else if (status[i] === WON) {
        row.won++;
        const a = amount[i]!;
        if (!Number.isNaN(a)) {
          row.revenue += a;
          if (!Number.isNaN(cost[i]!)) {
            row.cost += cost[i]!;
            row.costedAmount += a;
          }
        }
      }
    }
  }
  fields.forEach((field, f) => {
    const rows = [...acc[f]!.entries()].map(([key, r]) => ({
      key,
      created: r.created,
      won: r.won,
      lost: r.lost,
      winRate: ratio(r.won, r.won + r.lost),
      revenue: r.revenue,
      cost: r.cost,
      costRate: ratio(r.cost, r.costedAmount),
    }));
    rows.sort((x, y) => y.revenue - x.revenue || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    out[field] = rows;
  });
  return out;
}

interface Accumulator {
  created: number;
  won: number;
  lost: number;
  revenue: number;
  cost: number;
  costedAmount: number;
}
