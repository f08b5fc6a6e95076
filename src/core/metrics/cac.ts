import { ratio } from '../util/ratio';
import { type DealTable, WON } from './deal-table';
import { firstWonClose } from './first-won-close';
import type { Period } from './period';

export interface CustomerAcquisition {
  /** Accounts whose first won deal ever closes in the period. */
  newCustomers: number;
  /** Σ cost of the won deals closed in the period by new customers (deals with a cost). */
  cost: number;
  /** cost ÷ newCustomers; null with no new customer, or when none of their deals has a cost. */
  cac: number | null;
}

/**
 * CAC and new customers (SPEC §2): a new customer is "an account whose first
 * won deal closes in the period"; CAC = "Σ cost of the won deals closed in
 * the period by new customers ÷ number of new customers". Every won deal of
 * a new customer closed in the period counts, not only the first. CAC is
 * empty when no such deal has a cost: an unknown cost is not a zero cost.
 */
export function customerAcquisition(table: DealTable, period: Period): CustomerAcquisition {
  const first = firstWonClose(table);
  const isNew = new Uint8Array(table.accounts.count);
  let newCustomers = 0;
  for (let a = 0; a < first.length; a++) {
    if (first[a]! >= period.start && first[a]! < period.end) {
      isNew[a] = 1;
      newCustomers++;
    }
  }
  const { status, closed, account, cost } = table;
  let costSum = 0;
  let costed = 0;
  for (let i = 0; i < table.size; i++) {
    const a = account[i]!;
    const c = closed[i]!;
    if (status[i] !== WON || a < 0 || isNew[a] === 0 || !(c >= period.start && c < period.end) || Number.isNaN(cost[i]!)) continue;
    costSum += cost[i]!;
    costed++;
  }
  return { newCustomers, cost: costSum, cac: costed === 0 ? null : ratio(costSum, newCustomers) };
}
