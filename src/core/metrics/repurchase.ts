import type { MonthIndex } from '../util/dates';
import { ratio } from '../util/ratio';
import { type DealTable, WON } from './deal-table';

/** SPEC §2: the repurchase window defaults to 3 months ending with the report month. */
export const DEFAULT_REPURCHASE_MONTHS = 3;

export interface Repurchase {
  /** repeatAccounts ÷ accounts; null when no account bought in the window. */
  repurchaseRate: number | null;
  /** Accounts with ≥ 2 won deals closed in the window. */
  repeatAccounts: number;
  /** Accounts with ≥ 1 won deal closed in the window. */
  accounts: number;
}

/**
 * Repurchase rate (SPEC §2): over a window of `months` calendar months
 * ending with the report month, "accounts with ≥ 2 won deals closed in the
 * window ÷ accounts with ≥ 1". Accounts are compared by `accountKey`; won
 * deals without an account are left out. A window below one month is one month.
 */
export function repurchaseRate(table: DealTable, month: MonthIndex, months: number = DEFAULT_REPURCHASE_MONTHS): Repurchase {
  const first = month - Math.max(1, Math.floor(months)) + 1;
  const wins = new Uint8Array(table.accounts.count); // saturates at 2: only "one" or "more than one" matters
  const { status, closedMonth, account } = table;
  let accounts = 0;
  let repeat = 0;
  for (let i = 0; i < table.size; i++) {
    const a = account[i]!;
    const m = closedMonth[i]!;
    if (status[i] !== WON || a < 0 || m < first || m > month) continue;
    const w = wins[a]!;
    if (w === 0) accounts++;
    else if (w === 1) repeat++;
    else continue;
    wins[a] = w + 1;
  }
  return { repurchaseRate: ratio(repeat, accounts), repeatAccounts: repeat, accounts };
}
