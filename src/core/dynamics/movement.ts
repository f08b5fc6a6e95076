import { inPeriod, monthPeriod } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import { type MonthIndex, monthEndSerial, monthIndexOfSerial, monthStartSerial } from '../util/dates';
import { expectedCloseSerial, openAt } from './expected-close';
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

interface OpenState {
  cents: number;
  expectedMonth: MonthIndex | null;
}

/**
 * Movement from the snapshot of M − 1 (`previous`: its rows) to the data at
 * the end of M, deal by deal: open in both → increased / decreased by the
 * change; open before, won or lost since → won / lost at the closing amount,
 * the change from the snapshot's amount counted as increased / decreased;
 * open before and gone from the data (or no longer open without having
 * closed) → removed; not in the snapshot, open now → new. "Open now" is the
 * snapshot rule (`openAt` the end of M), so `end` is this month's snapshot.
 * Deals sharing an ID are one deal (their amounts summed).
 */
export function movementFromSnapshot(deals: readonly Deal[], month: MonthIndex, previous: readonly SnapshotRow[], medianCycleDays: number | null): Movement {
  const end = monthEndSerial(month);
  const before = new Map<string, OpenState>();
  for (const r of previous) {
    const seen = before.get(r.id);
    if (seen) seen.cents += cents(r.amount);
    else before.set(r.id, { cents: cents(r.amount), expectedMonth: r.expectedMonth });
  }
  const now = new Map<string, OpenState>();
  const closed = new Map<string, { won: boolean; cents: number }>();
  for (const d of deals) {
    if (d.id === null) continue;
    if (openAt(d, end)) {
      const seen = now.get(d.id);
      const expected = expectedCloseSerial(d, medianCycleDays);
      if (seen) seen.cents += cents(d.amount);
      else now.set(d.id, { cents: cents(d.amount), expectedMonth: expected === null ? null : monthIndexOfSerial(expected) });
    } else if (d.status !== 'open') {
      const seen = closed.get(d.id);
      if (seen) seen.cents += cents(d.amount);
      else closed.set(d.id, { won: d.status === 'won', cents: cents(d.amount) });
    }
  }
  let start = 0;
  let added = 0;
  let increased = 0;
  let decreased = 0;
  let won = 0;
  let lost = 0;
  let removed = 0;
  let finish = 0;
  let slippedDeals = 0;
  let slippedCents = 0;
  const change = (delta: number) => {
    if (delta > 0) increased += delta;
    else decreased -= delta;
  };
  for (const [id, a] of before) {
    start += a.cents;
    const b = now.get(id);
    if (b) {
      change(b.cents - a.cents);
      if (a.expectedMonth !== null && b.expectedMonth !== null && b.expectedMonth > a.expectedMonth) {
        slippedDeals++;
        slippedCents += b.cents;
      }
      continue;
    }
    const c = closed.get(id);
    if (c === undefined) {
      removed += a.cents;
      continue;
    }
    change(c.cents - a.cents);
    if (c.won) won += c.cents;
    else lost += c.cents;
  }
  for (const [id, b] of now) {
    finish += b.cents;
    if (!before.has(id)) added += b.cents;
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
  return { basis: 'dates', start: start / 100, new: added / 100, increased: null, decreased: null, won: won / 100, lost: lost / 100, removed: null, end: finish / 100, slipped: null };
}
