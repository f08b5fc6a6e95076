import { inPeriod, monthPeriod } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import { type MonthIndex, monthStartSerial } from '../util/dates';
import type { DynamicsIndex } from './deal-index';
import { openAt } from './expected-close';
import type { SnapshotRow } from './snapshot';

/**
 * Pipeline movement of a month (SPEC §8). With `basis: 'snapshot'` every
 * figure is deal by deal against the previous month's snapshot; with
 * `basis: 'dates'` (no snapshot of the previous month) it is rebuilt from
 * the created and close dates, and the amount changes, removals and slips,
 * which need last month's run, are null.
 * start + new + increased − decreased − won − lost − removed = end, exactly
 * (the sums are kept in whole cents, so no rounding breaks it).
 */
export interface Movement {
  basis: 'snapshot' | 'dates';
  start: number;
  new: number;
  increased: number | null;
  decreased: number | null;
  won: number;
  lost: number;
  removed: number | null;
  end: number;
  /** Open in both with the expected close month moved later: count and (current) amount. */
  slipped: { deals: number; amount: number } | null;
}

/** Amounts in whole cents: integers add exactly (to 2⁵³ cents), so the movement balances to the cent. */
function cents(amount: number | null | undefined): number {
  return amount === null || amount === undefined || !Number.isFinite(amount) ? 0 : Math.round(amount * 100);
}

/**
 * Movement from the snapshot of M − 1 (`previous`: its rows) to the data at
 * the end of M (`current`: this month's snapshot of it, `snapshotOf`),
 * deal by deal: open in both → increased / decreased by the change; open
 * before, won or lost since → won / lost at the closing amount, the change
 * from the snapshot's amount counted as increased / decreased; open before
 * and gone from the data (or no longer open without having closed) →
 * removed; not in the snapshot, open now → new. "Open now" is the snapshot
 * rule (`openAt` the end of M): `end` is this month's snapshot. Rows
 * sharing an ID are one deal (their amounts summed). A deal closed before
 * M cannot have been open at the end of M − 1: if the snapshot has it, the
 * data changed behind it, and it counts as removed (this also keeps the
 * ID look-ups to the deals closed from M on, not the whole history).
 */
export function movementFromSnapshot(
  deals: readonly Deal[],
  month: MonthIndex,
  previous: readonly SnapshotRow[],
  current: readonly SnapshotRow[],
  closedSince?: DynamicsIndex['closedSince'],
): Movement {
  // The snapshot's deals (one per ID), their amounts (cents) and expected months in parallel arrays; each current row's deal in it.
  const { slots: n, slotOfPrevious, slotOfCurrent, lookup } = matchRows(previous, current);
  const beforeCents = new Float64Array(n);
  const beforeExpected: (MonthIndex | null)[] = new Array<MonthIndex | null>(n).fill(null);
  const firstSeen = new Uint8Array(n);
  let start = 0;
  for (let p = 0; p < previous.length; p++) {
    const r = previous[p]!;
    const c = cents(r.amount);
    start += c;
    const i = slotOfPrevious[p]!;
    beforeCents[i]! += c;
    if (firstSeen[i] === 0) beforeExpected[i] = r.expectedMonth;
    firstSeen[i] = 1;
  }
  const nowCents = new Float64Array(n);
  const nowExpected = new Int32Array(n);
  const seenNow = new Uint8Array(n);
  let added = 0;
  let finish = 0;
  for (let j = 0; j < current.length; j++) {
    const r = current[j]!;
    const c = cents(r.amount);
    finish += c;
    const i = slotOfCurrent[j]!;
    if (i < 0) {
      added += c;
      continue;
    }
    if (seenNow[i] === 0) nowExpected[i] = r.expectedMonth ?? NO_EXPECTED;
    seenNow[i] = 1;
    nowCents[i]! += c;
  }
  let increased = 0;
  let decreased = 0;
  let won = 0;
  let lost = 0;
  let slippedDeals = 0;
  let slippedCents = 0;
  const change = (delta: number) => {
    if (delta > 0) increased += delta;
    else decreased -= delta;
  };
  let unmatched = 0;
  for (let i = 0; i < n; i++) {
    if (seenNow[i] === 0) {
      unmatched++;
      continue;
    }
    change(nowCents[i]! - beforeCents[i]!);
    const a = beforeExpected[i];
    const b = nowExpected[i]!;
    if (a !== null && a !== undefined && b !== NO_EXPECTED && b > a) {
      slippedDeals++;
      slippedCents += nowCents[i]!;
    }
  }
  // Open before, not open now: closed in M (or since), else removed.
  const closedCents = new Float64Array(n);
  const closedAs = new Uint8Array(n); // 0 not found, 1 won, 2 lost
  if (unmatched > 0) {
    const from = monthStartSerial(month);
    // Only the deals closed since the month began can be (`DynamicsIndex.closedSince`, in sheet order).
    const unseen = lookup(seenNow);
    const count = closedSince?.length ?? deals.length;
    for (let k = 0; k < count; k++) {
      const d = deals[closedSince ? closedSince[k]! : k]!;
      if (d.status === 'open' || d.id === null || (d.closed !== null && d.closed < from)) continue;
      const i = unseen.get(d.id);
      if (i === undefined || seenNow[i] === 1) continue;
      if (closedAs[i] === 0) closedAs[i] = d.status === 'won' ? 1 : 2;
      closedCents[i]! += cents(d.amount);
    }
  }
  let removed = 0;
  for (let i = 0; i < n; i++) {
    if (seenNow[i] === 1) continue;
    if (closedAs[i] === 0) {
      removed += beforeCents[i]!;
      continue;
    }
    change(closedCents[i]! - beforeCents[i]!);
    if (closedAs[i] === 1) won += closedCents[i]!;
    else lost += closedCents[i]!;
  }
  return {
    basis: 'snapshot',
    start: start / 100,
    new: added / 100,
    increased: increased / 100,
    decreased: decreased / 100,
    won: won / 100,
    lost: lost / 100,
    removed: removed / 100,
    end: finish / 100,
    slipped: { deals: slippedDeals, amount: slippedCents / 100 },
  };
}

interface RowMatch {
  /** Distinct IDs of the previous snapshot: its deals, numbered by first row. */
  slots: number;
  /** Per previous row: its deal. */
  slotOfPrevious: Int32Array;
  /** Per current row: the previous snapshot's deal of that ID, −1 for none. */
  slotOfCurrent: Int32Array;
  /** The previous snapshot's deals by ID, those not seen now at least (`seen`: per deal, 1 when in the current snapshot). */
  lookup: (seen: Uint8Array) => ReadonlyMap<string, number>;
}

/**
 * Matches the rows of two snapshots by deal ID. Both are in sheet order, and
 * a sheet whose IDs increase (a CRM export sorted by ID or by creation, the
 * sample) gives rows whose IDs strictly increase — shorter first, then by
 * code unit (`idOrder`), so `D-999999` comes before `D-1000000` and
 * numbers as text sort as numbers: then every ID is one row and a merge of
 * the two lists matches them with one comparison a row, where hashing a
 * million-deal pipeline's IDs into a map cost most of the movement's time.
 * Any other order, or a repeated ID, is matched through a map (`byMap`):
 * the same matches either way.
 */
export function matchRows(previous: readonly SnapshotRow[], current: readonly SnapshotRow[]): RowMatch {
  const slotOfCurrent = new Int32Array(current.length).fill(-1);
  // The merge, checking as it goes that each list's IDs strictly increase (the rows left over after it, too).
  let p = 0;
  let j = 0;
  while (p < previous.length && j < current.length) {
    const a = previous[p]!.id;
    const b = current[j]!.id;
    const order = idOrder(a, b);
    if (order === 0) slotOfCurrent[j] = p;
    if (order <= 0 && p > 0 && idOrder(previous[p - 1]!.id, a) >= 0) return byMap(previous, current);
    if (order >= 0 && j > 0 && idOrder(current[j - 1]!.id, b) >= 0) return byMap(previous, current);
    if (order <= 0) p++;
    if (order >= 0) j++;
  }
  if (!increasing(previous, Math.max(p, 1)) || !increasing(current, Math.max(j, 1))) return byMap(previous, current);
  const slotOfPrevious = new Int32Array(previous.length);
  for (let k = 0; k < previous.length; k++) slotOfPrevious[k] = k;
  const lookup = (seen: Uint8Array) => {
    const unseen = new Map<string, number>();
    for (let k = 0; k < previous.length; k++) if (seen[k] === 0) unseen.set(previous[k]!.id, k);
    return unseen;
  };
  return { slots: previous.length, slotOfPrevious, slotOfCurrent, lookup };
}

/** `matchRows` for any order: the previous snapshot's IDs in a map (rows sharing an ID are one deal). */
export function byMap(previous: readonly SnapshotRow[], current: readonly SnapshotRow[]): RowMatch {
  const index = new Map<string, number>();
  const slotOfPrevious = new Int32Array(previous.length);
  for (let p = 0; p < previous.length; p++) {
    const id = previous[p]!.id;
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = index.size));
    slotOfPrevious[p] = i;
  }
  const slotOfCurrent = Int32Array.from(current, (r) => index.get(r.id) ?? -1);
  return { slots: index.size, slotOfPrevious, slotOfCurrent, lookup: () => index };
}

/** Shorter IDs first, then by UTF-16 code unit: a total order, in which numbered IDs of any width increase with their number. */
function idOrder(a: string, b: string): number {
  return a.length - b.length || (a === b ? 0 : a < b ? -1 : 1);
}

/** Whether the IDs of `rows` strictly increase from row `from` − 1 on. */
function increasing(rows: readonly SnapshotRow[], from = 1): boolean {
  for (let k = from; k < rows.length; k++) if (idOrder(rows[k - 1]!.id, rows[k]!.id) >= 0) return false;
  return true;
}

/** `nowExpected` of a deal without an expected month. */
const NO_EXPECTED = -2_147_483_648;

/**
 * Movement rebuilt from dates, without last month's snapshot (SPEC §8):
 * start = the deals open at the start of M (`openAt`), new = the deals
 * created in M, won / lost = those closed in M at their amount, end = the
 * deals open at the end of M. Today's amounts stand in for the amounts of
 * then, so it balances with the amount changes, removals and slips unknown
 * (null).
 */
export function movementFromDates(deals: readonly Deal[], month: MonthIndex): Movement {
  const period = monthPeriod(month);
  const startSerial = monthStartSerial(month);
  let start = 0;
  let added = 0;
  let won = 0;
  let lost = 0;
  let finish = 0;
  for (const d of deals) {
    const c = cents(d.amount);
    const createdInMonth = inPeriod(d.created, period);
    const openAtStart = openAt(d, startSerial);
    if (openAtStart) start += c;
    else if (createdInMonth) added += c;
    else continue;
    if (openAt(d, period.end)) finish += c;
    else if (d.status === 'won') won += c;
    else if (d.status === 'lost') lost += c;
  }
  return {
    basis: 'dates',
    start: start / 100,
    new: added / 100,
    increased: null,
    decreased: null,
    won: won / 100,
    lost: lost / 100,
    removed: null,
    end: finish / 100,
    slipped: null,
  };
}
