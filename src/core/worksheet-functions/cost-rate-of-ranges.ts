import { ratio } from '../util/ratio';

/**
 * Cost rate of two parallel columns as a ratio of sums (SPEC §2): Σ cost ÷
 * Σ amount over the rows where both are numbers, so a row with a missing
 * cost counts in neither sum. Null on a zero denominator.
 */
export function costRateOfColumns(costs: readonly unknown[], amounts: readonly unknown[]): { rate: number | null; rows: number } {
  let cost = 0;
  let amount = 0;
  let rows = 0;
  const n = Math.min(costs.length, amounts.length);
  for (let i = 0; i < n; i++) {
    const c = costs[i];
    const a = amounts[i];
    if (typeof c === 'number' && typeof a === 'number' && Number.isFinite(c) && Number.isFinite(a)) {
      cost += c;
      amount += a;
      rows++;
    }
  }
  return { rate: ratio(cost, amount), rows };
}
