import { installCustomFunctionsStub, StubCustomFunctionError } from './custom-functions-stub';
import { costRate, riskScoreFunction } from '../../src/functions/functions';
import { costRateOfColumns } from '../../src/core/worksheet-functions/cost-rate-of-ranges';

beforeAll(installCustomFunctionsStub);

describe('FUNNEL.COSTRATE', () => {
  it('is a ratio of sums: cost 100 on revenue 200 is 50 %', () => {
    expect(costRate([[40], [60]], [[50], [150]])).toBe(0.5);
  });

  it('skips text headers, blanks as "" or null, and rows missing either number', () => {
    const costs = [['Cost'], [40], [''], [null], [60], [10]];
    const amounts = [['Amount'], [50], [100], [100], [150], ['n/a']];
    expect(costRate(costs, amounts)).toBe(0.5);
    expect(costRate(costs, amounts)).toBe(costRateOfColumns(costs.flat(), amounts.flat()).rate);
  });

  it('returns #N/A with a reason when there is nothing to divide by', () => {
    const e = costRate([['x']], [['y']]) as unknown as StubCustomFunctionError;
    expect(e).toBeInstanceOf(StubCustomFunctionError);
    expect(e.code).toBe('#N/A');
    expect(e.message).toMatch(/No row has both/);
    expect((costRate([[5]], [[0]]) as unknown as StubCustomFunctionError).message).toMatch(/add up to zero/);
  });

  it('returns #VALUE! naming the arguments when the ranges differ in size', () => {
    const e = costRate([[1], [2]], [[1]]) as unknown as StubCustomFunctionError;
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/costs has 2 cells and amounts 1/);
  });
});

describe('FUNNEL.RISKSCORE', () => {
  it('multiplies probability and impact', () => {
    expect(riskScoreFunction(4, 5)).toBe(20);
    expect(riskScoreFunction(1, 1)).toBe(1);
  });

  it.each([
    [0, 3, /probability must be a whole number from 1 to 5, not 0/],
    [6, 3, /probability .* not 6/],
    [3, 'high', /impact .* not "high"/],
    [2.5, 3, /probability/],
    ['', 3, /probability/],
  ])('refuses %p × %p with #VALUE! and says which argument', (p, i, message) => {
    const e = riskScoreFunction(p, i) as unknown as StubCustomFunctionError;
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(message);
  });
});
