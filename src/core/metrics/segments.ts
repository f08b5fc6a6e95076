import type { SegmentField } from '../pipeline/fields';
import { ratio } from '../util/ratio';
import { type DealTable, LOST, WON } from './deal-table';
import { countReached, type FunnelOptions } from './funnel';
import type { Period } from './period';

/** Key of the segment for rows whose segment cell is blank. */
export const BLANK_SEGMENT = '(blank)';

/**
 * Segment keys grouped the way Excel's COUNTIFS and SUMIFS match text in
 * the data sheet, which keeps every cell exactly as typed: case-insensitive
 * ("ACME" and "Acme" are one owner) but space-sensitive (" Web" is not
 * "Web"), so the formulas of a segment row count exactly the deals the
 * engine put in it. Each group is shown with the spelling seen first.
 */
export class SegmentKeys {
  private readonly byFolded = new Map<string, string>();

  keyOf(text: string | null): string {
    if (text === null || text === '') return BLANK_SEGMENT;
    const folded = text.toLocaleLowerCase('en-US');
    let key = this.byFolded.get(folded);
    if (key === undefined) {
      key = text;
      this.byFolded.set(folded, key);
    }
    return key;
  }
}

/** The segment's own cohort funnel: the deals created in the period, and how many of them reached each step (Won last, won so far). */
export interface SegmentCohort {
  created: number;
  /** reached(k) per funnel step, as the whole pipeline's cohort funnel counts it. */
  reached: number[];
}

/** What closed in the period: a different group of deals from the cohort, never divided by it. */
export interface SegmentClosed {
  /** Won deals closed in the period. */
  won: number;
  /** Lost deals closed in the period. */
  lost: number;
  /** won ÷ (won + lost). */
  winRate: number | null;
  /** Σ amount of the won deals closed in the period. */
  revenue: number;
  /** Σ cost of those won deals that have both a cost and an amount; null when none has (SPEC §7: empty, not 0). */
  cost: number | null;
  /** cost ÷ Σ amount over the same deals (a ratio of sums, as `cost-rate.ts`). */
  costRate: number | null;
}

export interface SegmentRow {
  key: string;
  cohort: SegmentCohort;
  closed: SegmentClosed;
}

export type Segments = Partial<Record<SegmentField, SegmentRow[]>>;

/**
 * Breakdown by owner, channel, product and region (SPEC §2, §7): per
 * segment, its own cohort funnel (created in the period → reached each
 * stage → won so far) and, apart, what closed in the period (won, lost, win
 * rate, revenue, cost rate). The two are different groups of deals, so no
 * figure divides one by the other. Each uses the whole pipeline's
 * definitions, so the rows add up to the pipeline's figures. Keys are the
 * cell text, compared case-insensitively as COUNTIFS does (`SegmentKeys`);
 * a blank cell goes under "(blank)". Rows are sorted by revenue, highest
 * first, then by key (code-unit order, locale-independent). Only deals
 * created or closed in the period are visited.
 */
export function segments(
  table: DealTable,
  period: Period,
  fields: readonly SegmentField[],
  funnel: { steps: number; options?: FunnelOptions } = { steps: 0 },
): Segments {
  const out: Segments = {};
  if (fields.length === 0) return out;
  const acc = fields.map(() => new Map<string, Accumulator>());
  const keys = fields.map(() => new SegmentKeys());
  const { status, created, closed, amount, cost } = table;
  const options = funnel.options ?? {};
  for (let i = 0; i < table.size; i++) {
    const isCreated = created[i]! >= period.start && created[i]! < period.end;
    const isClosed = status[i] !== 0 && closed[i]! >= period.start && closed[i]! < period.end;
    if (!isCreated && !isClosed) continue;
    const deal = table.deals[i]!;
    for (let f = 0; f < fields.length; f++) {
      const key = keys[f]!.keyOf(deal[fields[f]!]);
      let row = acc[f]!.get(key);
      if (row === undefined) {
        row = { created: 0, reached: new Array<number>(funnel.steps).fill(0), won: 0, lost: 0, revenue: 0, cost: 0, costedAmount: 0, costed: 0 };
        acc[f]!.set(key, row);
      }
      if (isCreated) {
        row.created++;
        if (funnel.steps > 0) countReached(row.reached, deal, options);
      }
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
            row.costed++;
          }
        }
      }
    }
  }
  fields.forEach((field, f) => {
    const rows = [...acc[f]!.entries()].map(([key, r]): SegmentRow => ({
      key,
      cohort: { created: r.created, reached: r.reached },
      closed: {
        won: r.won,
        lost: r.lost,
        winRate: ratio(r.won, r.won + r.lost),
        revenue: r.revenue,
        cost: r.costed === 0 ? null : r.cost,
        costRate: ratio(r.cost, r.costedAmount),
      },
    }));
    rows.sort((x, y) => y.closed.revenue - x.closed.revenue || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    out[field] = rows;
  });
  return out;
}

interface Accumulator {
  created: number;
  reached: number[];
  won: number;
  lost: number;
  revenue: number;
  cost: number;
  costedAmount: number;
  costed: number;
}
