import { type DealTable, WON } from './deal-table';

/**
 * For each account, the serial day its first won deal ever closed (SPEC §2
 * "New customer"), `Infinity` when it has none with a close date.
 */
export function firstWonClose(table: DealTable): Float64Array {
  const first = new Float64Array(table.accounts.count).fill(Infinity);
  const { status, closed, account } = table;
  for (let i = 0; i < table.size; i++) {
    const a = account[i]!;
    const c = closed[i]!;
    if (status[i] === WON && a >= 0 && c < first[a]!) first[a] = c; // NaN < x is false
  }
  return first;
}
