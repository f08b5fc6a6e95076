/* The FUNNEL.* custom functions: thin wrappers over src/core, run in the shared runtime.
 * custom-functions-metadata-plugin reads the JSDoc below to generate functions.json and adds the
 * CustomFunctions.associate calls itself. Ids (the name after @customfunction) never change once published.
 * Parameter types are `any[][]` because Excel passes ranges of mixed numbers, text and blanks; the
 * metadata generator accepts only its own type names, so the wrappers narrow the values themselves. */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { costRateOfColumns } from '../core/metrics/cost-rate-of-ranges';
import { riskScore } from '../core/risk/score';
import { type ExcelRange, flatten, notAvailable, valueError } from './excel-values';

/**
 * Cost rate: total cost ÷ total amount (a ratio of sums), over the rows where both are numbers.
 * @customfunction COSTRATE
 * @param costs Order costs, one per deal (a column of the pipeline).
 * @param amounts Amounts of the same deals, in the same order.
 * @returns The cost rate: 0.5 for a cost of 100 on revenue of 200.
 */
export function costRate(costs: any[][], amounts: any[][]): number | CustomFunctions.Error {
  const c = flatten(costs as ExcelRange);
  const a = flatten(amounts as ExcelRange);
  if (c.length !== a.length) return valueError(`costs has ${c.length} cells and amounts ${a.length}: give two ranges of the same size.`);
  const { rate, rows } = costRateOfColumns(c, a);
  if (rate === null) return notAvailable(rows === 0 ? 'No row has both a numeric cost and a numeric amount.' : 'The amounts add up to zero.');
  return rate;
}

/**
 * Risk score: probability × impact, each a whole number from 1 to 5.
 * @customfunction RISKSCORE
 * @param probability Likelihood of the risk, 1 (rare) to 5 (almost certain).
 * @param impact Impact if it happens, 1 (minor) to 5 (severe).
 * @returns The score, 1 to 25.
 */
export function riskScoreFunction(probability: any, impact: any): number | CustomFunctions.Error {
  const score = riskScore(probability, impact);
  if (score !== null) return score;
  const bad = riskScore(probability, 1) === null ? ['probability', probability] : ['impact', impact];
  return valueError(`${bad[0]} must be a whole number from 1 to 5, not ${JSON.stringify(bad[1])}.`);
}
