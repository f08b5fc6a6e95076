import { dealTableOf, OPEN } from '../metrics/deal-table';
import { monthOfSerial } from '../metrics/month-of-serial';
import type { Deal } from '../pipeline/deal';
import { type MonthIndex, monthStartSerial } from '../util/dates';
import { expectedCloseSerial } from './expected-close';

/** `DynamicsIndex.expectedMonth` of a deal with no expected close date. */
export const NO_EXPECTED_MONTH = -1;

/**
 * The deals each figure of SPEC §8 looks at, found once per report month
 * and shared (issue #17's speed line): on a large pipeline most deals are
 * closed long ago, and walking a million deal objects once per figure cost
 * more than the figures. Lists are deal indexes in sheet order, so every
 * figure adds in the order it did over all deals (same sums, to the bit).
 */
export interface DynamicsIndex {
  month: MonthIndex;
  medianCycleDays: number | null;
  /** The open deals. */
  open: Int32Array;
  /** Per open deal (parallel to `open`): its expected close date (`expectedCloseSerial`), NaN when none. */
  expected: Float64Array;
  /** Per open deal: the month of that date, else `NO_EXPECTED_MONTH`. */
  expectedMonth: Int32Array;
  /** The won and lost deals with no close date or one on or after the month's first day (closed in the month or since). */
  closedSince: Int32Array;
}

export function dynamicsIndex(deals: readonly Deal[], month: MonthIndex, medianCycleDays: number | null): DynamicsIndex {
  const table = dealTableOf(deals);
  const from = monthStartSerial(month);
  const n = deals.length;
  const { status, closed } = table;
  // A local copy: module bindings read through a getter in some builds, once per deal here.
  const isOpen = OPEN;
  let openCount = 0;
  let closedCount = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] === isOpen) openCount++;
    else if (!(closed[i]! < from)) closedCount++;
  }
  const open = new Int32Array(openCount);
  const closedSince = new Int32Array(closedCount);
  openCount = 0;
  closedCount = 0;
  for (let i = 0; i < n; i++) {
    // NaN (no close date) is not before the month: such a deal may have closed in it.
    if (status[i] === isOpen) open[openCount++] = i;
    else if (!(closed[i]! < from)) closedSince[closedCount++] = i;
  }
  const expected = new Float64Array(open.length);
  const expectedMonth = new Int32Array(open.length);
  for (let k = 0; k < open.length; k++) {
    const e = expectedCloseSerial(deals[open[k]!]!, medianCycleDays);
    expected[k] = e ?? NaN;
    expectedMonth[k] = e === null ? NO_EXPECTED_MONTH : monthOfSerial(e);
  }
  return { month, medianCycleDays, open, expected, expectedMonth, closedSince };
}

/**
 * Visits the open deals and those closed since the month began, merged in
 * sheet order: `visit(deal, k)` with k the deal's position in `open`, or −1
 * for a closed one.
 */
export function eachOpenOrClosedSince(index: DynamicsIndex, visit: (deal: number, k: number) => void): void {
  const { open, closedSince } = index;
  let o = 0;
  let c = 0;
  while (o < open.length || c < closedSince.length) {
    if (c >= closedSince.length || (o < open.length && open[o]! < closedSince[c]!)) {
      visit(open[o]!, o);
      o++;
    } else visit(closedSince[c++]!, -1);
  }
}

/** The index for `month` and `medianCycleDays`: `given` when it is that one, else built. */
export function indexFor(given: DynamicsIndex | undefined, deals: readonly Deal[], month: MonthIndex, medianCycleDays: number | null): DynamicsIndex {
  return given !== undefined && given.month === month && given.medianCycleDays === medianCycleDays ? given : dynamicsIndex(deals, month, medianCycleDays);
}
