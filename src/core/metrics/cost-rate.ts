import { ratio } from '../util/ratio';
import { type DealTable, WON } from './deal-table';
import type { Period } from './period';

export interface CostRate {
  /** Σ cost ÷ Σ amount over the deals counted; null on a zero amount sum. */
  costRate: number | null;
  /** Σ cost of the deals counted. */
  cost: number;
  /** Σ amount of the deals counted. */
  amount: number;
  dealsWithCost: number;
  /** Won deals closed in the period left out because their cost (or amount) is missing or unusable. */
  dealsWithoutCost: number;
}

/**
 * Cost rate (SPEC §2): "Σ cost ÷ Σ amount over won deals closed in period",
 * a ratio of sums (cost 100 on revenue 200 is 50 %), taken over the rows
 * that have both a cost and an amount so a missing cost never reads as a
 * free sale; the rows left out are counted for the data-issue note.
 */
export function costRate(table: DealTable, period: Period): CostRate {
  const { status, closed, amount, cost } = table;
  let costSum = 0;
  let amountSum = 0;
  let withCost = 0;
  let withoutCost = 0;
  for (let i = 0; i < table.size; i++) {
    const c = closed[i]!;
    if (status[i] !== WON || !(c >= period.start && c < period.end)) continue;
    const a = amount[i]!;
    const k = cost[i]!;
    if (!Number.isNaN(a) && !Number.isNaN(k)) {
      costSum += k;
      amountSum += a;
      withCost++;
    } else withoutCost++;
  }
  return { costRate: ratio(costSum, amountSum), cost: costSum, amount: amountSum, dealsWithCost: withCost, dealsWithoutCost: withoutCost };
}
