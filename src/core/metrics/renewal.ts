import { ratio } from '../util/ratio';
import { type DealTable, WON } from './deal-table';
import type { Period } from './period';

/** SPEC §2: a renewal is another won deal closing within [contractEnd − 90 days, contractEnd + 30 days]. */
export const RENEWAL_DAYS_BEFORE = 90;
export const RENEWAL_DAYS_AFTER = 30;

export interface Renewal {
  /** renewed ÷ contracts; null when no contract ends in the period. */
  renewalRate: number | null;
  /** 1 − renewal rate; null with it. */
  churnRate: number | null;
  /** Contracts (won deals with an account) whose contract end falls in the period. */
  contracts: number;
  renewed: number;
}

/**
 * Renewal and churn (SPEC §2): "contracts (won deals) whose contractEnd falls
 * in the period and whose account has another won deal closing within
 * [contractEnd − 90 days, contractEnd + 30 days] ÷ all contracts ending in
 * the period. Churn rate = 1 − renewal rate." Both ends of the window are
 * inclusive; "another" means another row, whatever its amount. A contract
 * without an account cannot be matched to a renewal and is left out.
 */
export function renewal(table: DealTable, period: Period): Renewal {
  const { status, closed, contractEnd, account } = table;
  // Contracts ending in the period, grouped by account (a small set: one period's worth).
  const contractsOf = new Map<number, number[]>();
  let contracts = 0;
  for (let i = 0; i < table.size; i++) {
    const e = contractEnd[i]!;
    const a = account[i]!;
    if (status[i] !== WON || a < 0 || !(e >= period.start && e < period.end)) continue;
    const list = contractsOf.get(a);
    if (list) list.push(i);
    else contractsOf.set(a, [i]);
    contracts++;
  }
  if (contracts === 0) return { renewalRate: null, churnRate: null, contracts: 0, renewed: 0 };
  const renewed = new Set<number>();
  for (let i = 0; i < table.size; i++) {
    if (status[i] !== WON || account[i]! < 0) continue;
    const list = contractsOf.get(account[i]!);
    if (list === undefined) continue;
    const c = closed[i]!;
    for (const contract of list) {
      const end = contractEnd[contract]!;
      if (contract !== i && c >= end - RENEWAL_DAYS_BEFORE && c <= end + RENEWAL_DAYS_AFTER) renewed.add(contract);
    }
  }
  const renewalRate = ratio(renewed.size, contracts);
  return { renewalRate, churnRate: renewalRate === null ? null : 1 - renewalRate, contracts, renewed: renewed.size };
}
