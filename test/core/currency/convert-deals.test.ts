import { convertPipeline } from '../../../src/core/currency/convert-deals';
import { readPipeline, type Pipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { parseMonthKey } from '../../../src/core/util/dates';
import { MC_PIPELINE } from '../../helpers/multi-currency';

const march = parseMonthKey('2026-03')!;

function read(values: (string | number | null)[][]): Pipeline {
  const r = readPipeline(values, { stages: DEFAULT_STAGES });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.pipeline;
}

describe("a deal's currency (SPEC §9)", () => {
  it("comes from the amount cell's symbol when there is no currency column, and converts by it", () => {
    const pipeline = read([
      ['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Amount'],
      ['E1', 'A', 'Won', '2026-03-01', '2026-03-02', '€1.234,56'],
      ['E2', 'B', 'Won', '2026-03-01', '2026-03-03', '€100'],
      ['U1', 'C', 'Won', '2026-03-01', '2026-03-04', 'US$100'],
      ['N1', 'D', 'Won', '2026-03-01', '2026-03-05', 50],
    ]);
    expect(pipeline.deals.map((d) => [d.currency, d.amount])).toEqual([
      ['EUR', 1234.56],
      ['EUR', 100],
      ['USD', 100],
      [null, 50],
    ]);
    const out = convertPipeline(pipeline, { rates: [{ month: march, currency: 'USD', rate: 0.9 }], month: march });
    // EUR is the most frequent currency of the won deals; N1 names none and is taken to be in it.
    expect(out.currency).toEqual({ reporting: 'EUR', converted: 1, missingRate: 0 });
    expect(out.pipeline.deals.map((d) => d.amount)).toEqual([1234.56, 100, 90, 50]);
  });
});

describe('convertPipeline (SPEC §9)', () => {
  it('gives a single-currency pipeline back as it was: the same deals, nothing converted', () => {
    const pipeline = read(MC_PIPELINE.filter((r, i) => i === 0 || r[7] === 'CNY' || r[7] === '¥') as (string | number | null)[][]);
    const out = convertPipeline(pipeline, { rates: [], month: march });
    expect(out.pipeline).toBe(pipeline);
    expect(out.currency).toEqual({ reporting: 'CNY', converted: 0, missingRate: 0 });
  });

  it('converts each deal by its rule, keeps what was read, and adds a missing-rate issue in row order', () => {
    const pipeline = read(MC_PIPELINE as (string | number | null)[][]);
    const rates = [
      { month: march, currency: 'USD', rate: 7.1 },
      { month: march - 1, currency: 'EUR', rate: 7.8 },
    ];
    const out = convertPipeline(pipeline, { reporting: 'CNY', rates, month: march });
    const byId = new Map(out.pipeline.deals.map((d) => [d.id, d]));
    expect(byId.get('D2')).toMatchObject({ currency: 'USD', originalAmount: 200, rate: 7.1, amount: 200 * 7.1, originalCost: 50, cost: 50 * 7.1 });
    // Won in March: EUR needs March's rate; open in March: February's is the latest at or before it.
    expect(byId.get('D3')).toMatchObject({ currency: 'EUR', rate: null, amount: null, cost: null, originalAmount: 100 });
    expect(byId.get('D10')).toMatchObject({ currency: 'EUR', rate: 7.8, amount: 500 * 7.8 });
    expect(out.pipeline.issues.filter((i) => i.code === 'missingRate').map((i) => [i.row, i.value])).toEqual([
      [4, 'EUR 2026-03'],
      [6, 'GBP 2026-03'],
      [13, 'GBP 2026-03'],
    ]);
    const rows = out.pipeline.issues.map((i) => i.row);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(out.pipeline.rowsClean).toBe(pipeline.rowsClean - 3);
    // The deals read are never changed (metrics cache their tables by the deals array).
    expect(pipeline.deals.find((d) => d.id === 'D2')!.amount).toBe(200);
  });
});
