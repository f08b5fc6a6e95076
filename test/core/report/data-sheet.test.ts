import { dealForecastAsOf } from '../../../src/core/dynamics/pipeline-dynamics';
import { translator } from '../../../src/core/i18n';
import { lastCompleteMonth } from '../../../src/core/metrics/data-months';
import { readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { buildDataSheet, dataColumn } from '../../../src/core/report/data-sheet';
import { fitExcelLimits } from '../../../src/core/report/excel-limits';
import type { TableBlock } from '../../../src/core/report/model';
import { localizeSheetNames, SHEET_NAMES } from '../../../src/core/report/sheet-names';
import { tableRowAt, tableRowCount, tableRows } from '../../../src/core/report/table-rows';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';

const read = readPipeline(samplePipeline({ deals: 400, seed: 5 }), { stages: DEFAULT_STAGES });
if (!read.ok) throw new Error(read.error.code);
const { pipeline } = read;
const month = lastCompleteMonth(pipeline.deals, 46_200)!;
const forecast = dealForecastAsOf(pipeline, DEFAULT_STAGES, month);
const tr = translator('en-US');
const tableOf = (sheet: ReturnType<typeof buildDataSheet>) => sheet.blocks[0] as TableBlock;

describe('Funnel Data: a body of deals, each row made as it is read', () => {
  it('holds the deals, not their cells; every row has a cell per column, in the columns the formulas name', () => {
    const table = tableOf(buildDataSheet(pipeline.deals, tr, forecast));
    expect(table.rows).toEqual([]);
    expect(tableRowCount(table)).toBe(pipeline.deals.length);
    const rows = tableRows(table);
    expect(rows).toHaveLength(pipeline.deals.length);
    for (const row of rows) expect(row).toHaveLength(table.columns.length);
    // `'Funnel Data'!$H:$H` → 7 (the data sheet's columns are A…Y).
    const col = (key: Parameters<typeof dataColumn>[0]) => dataColumn(key).charCodeAt(dataColumn(key).length - 1) - 65;
    const open = pipeline.deals.findIndex((d, i) => d.status === 'open' && forecast.source[i] !== 0);
    const won = pipeline.deals.findIndex((d) => d.status === 'won');
    expect(rows[open]![col('id')]).toBe(pipeline.deals[open]!.id);
    expect(rows[open]![col('status')]).toBe('Open');
    expect(rows[open]![col('probability')]).toBe(forecast.probability[open]);
    expect(["Deal's own", 'Learned', 'Default']).toContain(rows[open]![col('probabilitySource')]);
    expect(rows[won]![col('probability')]).toBeNull();
    expect(rows[won]![col('cycleDays')]).toBe(pipeline.deals[won]!.closed! - pipeline.deals[won]!.created!);
  });

  it(
    'carries the currency columns (original amount, currency, rate, original cost) ' + 'only when a deal names a currency: with none, nothing was converted',
    () => {
      const headers = (deals: typeof pipeline.deals) => tableOf(buildDataSheet(deals, tr, forecast)).columns.map((c) => c.header);
      const oneCurrency = pipeline.deals.map((d) => ({ ...d, currency: null }));
      expect(headers(oneCurrency)).not.toContain('Original amount');
      expect(headers(oneCurrency)).toHaveLength(25);
      const inEuros = oneCurrency.map((d, i) => (i === 3 ? { ...d, currency: 'EUR', originalAmount: 100, rate: 1.1, amount: 110 } : d));
      const table = tableOf(buildDataSheet(inEuros, tr, forecast));
      expect(table.columns.map((c) => c.header).slice(-4)).toEqual(['Original amount', 'Currency', 'Rate', 'Original cost']);
      const row = tableRowAt(table, 3);
      expect(row).toHaveLength(table.columns.length);
      expect(row.slice(-4, -1)).toEqual([100, 'EUR', 1.1]);
      expect(tableRowAt(table, 4).slice(-3, -1)).toEqual([null, 1]);
    },
  );

  it('gives the same row into a reused array as on its own', () => {
    const table = tableOf(buildDataSheet(pipeline.deals, tr, forecast));
    const scratch: (string | number | boolean | null)[] = [];
    const rows = tableRows(table);
    for (let i = 0; i < rows.length; i++) expect([...tableRowAt(table, i, scratch)]).toEqual(rows[i]);
  });

  it("passes Excel's limits as it is when every text fits; a text past 32,767 characters makes it cells, cut and listed", () => {
    const fits = buildDataSheet(pipeline.deals, tr, forecast);
    const same = fitExcelLimits({ sheets: [fits] });
    expect(same.model.sheets[0]).toBe(fits);
    expect(same.adjustments).toEqual([]);

    const deals = pipeline.deals.map((d, i) => (i === 3 ? { ...d, account: 'a'.repeat(40_000) } : d));
    const { model, adjustments } = fitExcelLimits({ sheets: [buildDataSheet(deals, tr, forecast)] });
    const table = tableOf(model.sheets[0]!);
    expect(table.dealRows).toBeUndefined();
    expect(table.rows).toHaveLength(deals.length);
    expect((table.rows[3]![2] as string).length).toBe(32_767);
    expect(adjustments).toEqual([{ sheet: 'Funnel Data', cell: 'C5', kind: 'textCut' }]);
  });

  it('is renamed with the rest of the model without becoming cells (its cells hold no formula and no link)', () => {
    const sheet = buildDataSheet(pipeline.deals, translator('zh-CN'), forecast);
    const renamed = localizeSheetNames({ sheets: [sheet] }, SHEET_NAMES['zh-CN']).sheets[0]!;
    expect(renamed.name).toBe(SHEET_NAMES['zh-CN'].data);
    expect(tableOf(renamed).dealRows).toBe(tableOf(sheet).dealRows);
    expect(tableRows(tableOf(renamed))).toEqual(tableRows(tableOf(sheet)));
  });
});
