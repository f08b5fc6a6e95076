import type { Period } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import { percentileOfSorted } from './percentile';

/** SPEC §8: a stage's median counts for "stuck" only when at least this many deals were measured. */
export const MIN_MEASURED_FOR_STUCK = 10;

export interface StageTime {
  stage: string;
  /** Median days in the stage of the deals that left it in the period; null when none did. */
  medianDays: number | null;
  /** 75th percentile (Excel `PERCENTILE.INC`) of the same days. */
  p75Days: number | null;
  /** Deals measured: those that left the stage in the period. */
  deals: number;
  /** Open deals in the stage at the period's end with a date for it. */
  openDeals: number;
  /** Median days those open deals have been in the stage so far. */
  openMedianDays: number | null;
}

export interface TimeInStage {
  stages: StageTime[];
  /** Per deal (same order as the deals): an open deal's days in its current stage at the period's end; NaN when unknown or not open. */
  daysInStage: Float64Array;
}

/**
 * Time in stage (SPEC §8), from the `<stage> date` columns. A deal left
 * stage k when it entered the next stage it has a date for, or, with none,
 * when it closed; its days in k are that date minus its date for k. A
 * stage's median and 75th percentile are over the deals that left it in
 * the period. An open deal's days in its current stage are counted to the
 * end of the period (the end of the report month's last day). Negative
 * spans (dates out of order) are not measured.
 */
export function timeInStage(deals: readonly Deal[], stages: StageConfig, period: Period): TimeInStage {
  const n = stages.stages.length;
  const left: number[][] = Array.from({ length: n }, () => []);
  const open: number[][] = Array.from({ length: n }, () => []);
  const daysInStage = new Float64Array(deals.length).fill(NaN);
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    const dates = d.stageDates;
    if (dates === null) continue;
    let leave: number | null = d.status === 'open' ? null : d.closed;
    // Walk back from the last stage, so each stage's leave date is the next dated one after it.
    for (let k = Math.min(n, dates.length) - 1; k >= 0; k--) {
      const entered = dates[k] ?? null;
      if (entered === null) continue;
      if (leave !== null) {
        if (leave >= period.start && leave < period.end && leave >= entered) left[k]!.push(leave - entered);
      } else if (d.status === 'open' && d.stageIndex === k && entered < period.end) {
        const days = period.end - entered;
        daysInStage[i] = days;
        open[k]!.push(days);
      }
      leave = entered;
    }
  }
  return {
    daysInStage,
    stages: stages.stages.map((s, k) => {
      const measured = Float64Array.from(left[k]!).sort();
      const current = Float64Array.from(open[k]!).sort();
      return {
        stage: s.name,
        medianDays: percentileOfSorted(measured, 0.5),
        p75Days: percentileOfSorted(measured, 0.75),
        deals: measured.length,
        openDeals: current.length,
        openMedianDays: percentileOfSorted(current, 0.5),
      };
    }),
  };
}
