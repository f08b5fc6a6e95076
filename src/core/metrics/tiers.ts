import type { MonthIndex } from '../util/dates';
import { type DealTable, WON } from './deal-table';

export type Tier = 'A' | 'B' | 'C';

export interface AccountTier {
  /** Display name: the account's most frequent spelling (ties: the one seen first). */
  account: string;
  revenue12m: number;
  tier: Tier;
}

/** SPEC §2: A while the accounts above hold < 80 % of the revenue, B while < 95 %. */
export const TIER_A_SHARE = 80;
export const TIER_B_SHARE = 95;

/**
 * Customer tiers A/B/C (SPEC §2): accounts ranked by trailing-12-month
 * revenue (the 12 months ending with the report month), highest first, ties
 * by account name; an account is A when the accounts ranked above it hold
 * less than 80 % of that revenue, B when they hold less than 95 %, else C.
 * Accounts are compared by `accountKey` (trimmed, case-folded, spaces
 * collapsed) and shown in their most frequent spelling, trimmed. The
 * ranked accounts are those with a won deal of usable amount closing in
 * the 12 months (a row is left out of the metrics that need its bad cell,
 * SPEC §1); name ties compare keys by code unit so the order never depends
 * on the machine's locale. The shares are compared in integers
 * (above × 100 < 80 × total) so an account at exactly 80 % is B. When the
 * total is 0 (or less) there are no tiers.
 */
export function customerTiers(table: DealTable, month: MonthIndex): AccountTier[] {
  const first = month - 11;
  const revenue = new Float64Array(table.accounts.count);
  const present = new Uint8Array(table.accounts.count);
  const { status, closedMonth, account, amount } = table;
  for (let i = 0; i < table.size; i++) {
    const a = account[i]!;
    const m = closedMonth[i]!;
    // A deal whose amount is unusable is left out of revenue (SPEC §1), so it ranks no account.
    if (status[i] !== WON || a < 0 || m < first || m > month || Number.isNaN(amount[i]!)) continue;
    present[a] = 1;
    revenue[a]! += amount[i]!;
  }
  const ranked: number[] = [];
  let total = 0;
  for (let a = 0; a < present.length; a++) {
    if (present[a] === 1) {
      ranked.push(a);
      total += revenue[a]!;
    }
  }
  // Without revenue there is nothing to rank by: no tiers (not every account A).
  if (total <= 0) return [];
  const keys = table.accounts.keys;
  ranked.sort((x, y) => revenue[y]! - revenue[x]! || (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : 0));
  let above = 0;
  return ranked.map((a) => {
    const tier: Tier = above * 100 < TIER_A_SHARE * total ? 'A' : above * 100 < TIER_B_SHARE * total ? 'B' : 'C';
    above += revenue[a]!;
    return { account: table.accounts.names[a]!.trim(), revenue12m: revenue[a]!, tier };
  });
}
