import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../helpers/workbook-files';
import { csvToValues } from '../../src/workbook/csv';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { stagesFromNames } from '../../src/core/pipeline/stages';
import { dataFile, describeWithData } from './shared-data';

const CSV = () => dataFile('crm-sales-opportunities', 'sales_pipeline.csv');

/** Rows of the CSV as plain objects, split by hand: the file has no quoted fields. */
async function crmRows(): Promise<Record<string, string>[]> {
  const [header, ...lines] = (await fs.readFile(CSV(), 'utf8')).trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}

describeWithData('CRM + Sales Opportunities pipeline (../shared/data)', () => {
  it('maps every column automatically', async () => {
    const result = readPipeline(csvToValues(await fs.readFile(CSV(), 'utf8')), { stages: stagesFromNames(['Prospecting', 'Engaging']) });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const { mapping, headers } = result.pipeline.header;
    const mapped = Object.fromEntries(Object.entries(mapping).map(([field, col]) => [headers[col], field]));
    expect(mapped).toEqual({
      opportunity_id: 'id',
      sales_agent: 'owner',
      product: 'product',
      account: 'account',
      deal_stage: 'stage',
      engage_date: 'created',
      close_date: 'closed',
      close_value: 'amount',
    });
  });

  it.each(['2017-03', '2017-06', '2017-09'])(
    'gives the funnel for deals engaged in %s that the test counts by hand',
    async (month) => {
      const dir = await tempDir();
      const json = path.join(dir, 'crm.json');
      const r = await cli('report', CSV(), '--stages', 'Prospecting,Engaging', '--month', month, '--out', path.join(dir, 'crm.xlsx'), '--json', json);
      expect(r.code).toBe(1);
      const report = JSON.parse(await fs.readFile(json, 'utf8'));

      const cohort = (await crmRows()).filter((d) => d.engage_date!.startsWith(month));
      const won = cohort.filter((d) => d.deal_stage === 'Won').length;
      const engaging = cohort.filter((d) => d.deal_stage === 'Engaging').length;
      // Lost deals carry no stage information: counted at stage 1 only (SPEC §1).
      const expected = [cohort.length, engaging + won, won];
      expect(report.funnel.steps.map((s: { stage: string; reached: number }) => [s.stage, s.reached])).toEqual([
        ['Prospecting', expected[0]],
        ['Engaging', expected[1]],
        ['Won', expected[2]],
      ]);
      expect(report.funnel.steps[2].stepConversion).toBeCloseTo(won / (engaging + won), 12);
    },
    60_000,
  );

  it('reports prospecting deals without an engage date as data issues, not crashes', async () => {
    const rows = await crmRows();
    const result = readPipeline(csvToValues(await fs.readFile(CSV(), 'utf8')), { stages: stagesFromNames(['Prospecting', 'Engaging']) });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const missing = result.pipeline.issues.filter((i) => i.code === 'missingCreated');
    const expectedRows = rows.flatMap((d, i) => (d.engage_date === '' ? [i + 2] : []));
    expect(expectedRows).toHaveLength(500);
    expect(missing.map((i) => i.row)).toEqual(expectedRows);
    expect(missing.every((i) => i.column === 'engage_date' && i.value === null)).toBe(true);
    expect(result.pipeline.deals).toHaveLength(8800);
  });
});
