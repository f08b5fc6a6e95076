import { medianWonCycle } from '../forecast/weighted-pipeline';
import type { Deal } from '../pipeline/deal';

const cycles = new WeakMap<readonly Deal[], Map<number, number | null>>();

/**
 * `medianWonCycle` of a deals array as of `end`, computed once per report
 * month: the velocity, the overdue and stuck rules, the snapshot and the
 * coverage all date open deals by it, and sorting the won cycles of a large
 * pipeline is not free. Deals are never changed after the reader returns
 * them, so the cache cannot go stale.
 */
export function medianWonCycleOf(deals: readonly Deal[], end: number): number | null {
  let byEnd = cycles.get(deals);
  if (!byEnd) cycles.set(deals, (byEnd = new Map()));
  let cycle = byEnd.get(end);
  if (cycle === undefined) {
    cycle = medianWonCycle(deals, end);
    byEnd.set(end, cycle);
  }
  return cycle;
}
