import { ratio } from '../util/ratio';
import { type DealTable, WON } from './deal-table';
import type { Period } from './period';

export interface SalesCycle {
  /** Mean of `closed − created` in days; null when no deal qualifies. */
  cycleDaysMean: number | null;
  /** Median (mean of the two middle values for an even count); null when no deal qualifies. */
  cycleDaysMedian: number | null;
  deals: number;
}

/**
 * Sales cycle (SPEC §2): "mean and median days closed − created of won deals
 * closed in period". Deals without a created date are left out (the reader
 * already drops a close date earlier than the created date, with an issue).
 * Only the period's deals are collected and sorted, never the whole pipeline.
 */
export function salesCycle(table: DealTable, period: Period): SalesCycle {
  const { status, closed, created } = table;
  const days: number[] = [];
  let sum = 0;
  for (let i = 0; i < table.size; i++) {
    const c = closed[i]!;
    const s = created[i]!;
    if (status[i] === WON && c >= period.start && c < period.end && !Number.isNaN(s)) {
      days.push(c - s);
      sum += c - s;
    }
  }
  return { cycleDaysMean: ratio(sum, days.length), cycleDaysMedian: median(days), deals: days.length };
}

/** Median (mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
