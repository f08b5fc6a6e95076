import { promises as fs } from 'node:fs';
import { computeMetrics } from '../../src/core/metrics/compute-metrics';
import { readPipeline, type Pipeline } from '../../src/core/pipeline/read-pipeline';
import { type StageConfig, stagesFromNames } from '../../src/core/pipeline/stages';
import type { CellValue, SheetValues } from '../../src/core/util/cell';
import { parseMonthKey } from '../../src/core/util/dates';
import { dataFile, describeWithData } from './shared-data';

/**
 * The shared CSVs have no quoted fields (checked below), so a plain split
 * reads them (lines end in CRLF in sales_pipeline.csv, whatever its README
 * says); a blank cell becomes null as the workbook adapters give it.
 */
async function readCsv(...parts: string[]): Promise<{ header: string[]; rows: string[][] }> {
  const text = await fs.readFile(dataFile(...parts), 'utf8');
  expect(text.includes('"')).toBe(false);
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  return { header: header!.split(','), rows: lines.map((line) => line.split(',')) };
}

function sheetOf(header: string[], rows: string[][]): SheetValues {
  return [header, ...rows.map((r) => r.map((v): CellValue => (v === '' ? null : v)))];
}

function read(values: SheetValues, stages: StageConfig): Pipeline {
  const result = readPipeline(values, { stages });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.pipeline;
}

const month = (key: string) => parseMonthKey(key)!;

describeWithData('metrics on the CRM + Sales Opportunities pipeline (../shared/data)', () => {
  const stages = stagesFromNames(['Prospecting', 'Engaging']);
  let csv: { header: string[]; rows: string[][] };
  let pipeline: Pipeline;
  const col = (name: string) => csv.header.indexOf(name);

  beforeAll(async () => {
    csv = await readCsv('crm-sales-opportunities', 'sales_pipeline.csv');
    pipeline = read(sheetOf(csv.header, csv.rows), stages);
  });

  it('reads all 8,800 opportunities', () => {
    expect(csv.rows).toHaveLength(8800);
    expect(pipeline.deals).toHaveLength(8800);
  });

  // Won revenue and deals by close month as published in the data set's README.
  it.each([
    ['2017-03', 1_134_672, 531],
    ['2017-04', 721_932, 285],
    ['2017-05', 1_025_713, 438],
    ['2017-06', 1_338_466, 531],
    ['2017-07', 696_932, 308],
    ['2017-08', 1_050_059, 446],
    ['2017-09', 1_235_264, 503],
    ['2017-10', 731_980, 279],
    ['2017-11', 938_943, 406],
    ['2017-12', 1_131_573, 511],
  ])('gives the README’s won revenue for %s (%i from %i deals)', (key, revenue, deals) => {
    const m = computeMetrics(pipeline, { month: month(key), stages });
    expect(m.revenue).toBe(revenue);
    expect(m.wonDeals).toBe(deals);
    expect(m.averageDealSize).toBeCloseTo(revenue / deals, 9);
  });

  it.each(['2017-03', '2017-06', '2017-09', '2017-12'])('gives win rate, revenue and the funnel for %s as plain loops over the CSV do', (key) => {
    const m = computeMetrics(pipeline, { month: month(key), stages });
    const [stage, engaged, closed, value] = ['deal_stage', 'engage_date', 'close_date', 'close_value'].map(col) as [number, number, number, number];
    let won = 0;
    let lost = 0;
    let revenue = 0;
    let cohort = 0;
    let engaging = 0;
    let cohortWon = 0;
    for (const r of csv.rows) {
      if (r[closed]!.startsWith(key)) {
        if (r[stage] === 'Won') {
          won++;
          revenue += Number(r[value]);
        } else if (r[stage] === 'Lost') lost++;
      }
      if (r[engaged]!.startsWith(key)) {
        cohort++;
        if (r[stage] === 'Engaging') engaging++;
        if (r[stage] === 'Won') cohortWon++;
      }
    }
    expect(m.wonDeals).toBe(won);
    expect(m.lostDeals).toBe(lost);
    expect(m.winRate).toBeCloseTo(won / (won + lost), 12);
    expect(m.revenue).toBe(revenue);
    // Lost deals carry no stage information: counted at stage 1 only (SPEC §1).
    expect(m.funnel.steps.map((s) => [s.stage, s.reached])).toEqual([
      ['Prospecting', cohort],
      ['Engaging', engaging + cohortWon],
      ['Won', cohortWon],
    ]);
    // The agents are the only segment column of this data set.
    expect(Object.keys(m.segments)).toEqual(['owner', 'product']);
    expect(m.segments.owner!.reduce((a, r) => a + r.closed.won, 0)).toBe(won);
  });
});

describeWithData('cohort retention on the CDNOW purchases (../shared/data)', () => {
  const stages = stagesFromNames(['Order']);
  let pipeline: Pipeline;
  let expected: { cohort: string; size: number; since: number; active: number; rate: number }[];

  beforeAll(async () => {
    const purchases = await readCsv('cdnow-transactions', 'cdnow_master.csv');
    expect(purchases.header).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    // One won deal per purchase: account = customer, created = closed = date, amount = dollar value.
    const sheet: SheetValues = [['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Amount']];
    purchases.rows.forEach(([customer, date, , dollars], i) => sheet.push([`P${i + 1}`, customer!, 'Won', date!, date!, dollars!]));
    pipeline = read(sheet, stages);
    const computed = await readCsv('cdnow-transactions', 'cohort_retention_computed.csv');
    expected = computed.rows.map(([cohort, size, since, active, rate]) => ({
      cohort: cohort!,
      size: Number(size),
      since: Number(since),
      active: Number(active),
      rate: Number(rate),
    }));
  });

  it('reads every purchase without a data issue', () => {
    expect(pipeline.deals).toHaveLength(69_659);
    expect(pipeline.issues).toEqual([]);
  });

  // Report month 1997-12 holds the Jan cohort's 12 columns; Feb's last and Mar's last two fall after it, so
  // those are checked with the report months 1998-01 and 1998-02 (whose 12 cohorts still start at Feb and Mar).
  it.each([
    ['1997-12', '1997-01', 12],
    ['1997-12', '1997-02', 11],
    ['1997-12', '1997-03', 10],
    ['1998-01', '1997-02', 12],
    ['1998-02', '1997-03', 12],
  ])('for report month %s matches cohort_retention_computed.csv for the %s cohort in its %i months up to the report month', (report, cohort, filled) => {
    const table = computeMetrics(pipeline, { month: month(report), stages }).cohortRetention;
    const row = table.find((r) => r.cohort === cohort)!;
    const want = expected.filter((e) => e.cohort === cohort && e.since < 12);
    expect(want).toHaveLength(12);
    expect(row.accounts).toBe(want[0]!.size);
    for (const e of want) {
      if (e.since >= filled) {
        expect(row.rates[e.since]).toBeNull();
        continue;
      }
      expect(row.rates[e.since]! * row.accounts).toBeCloseTo(e.active, 9);
      expect(Math.abs(row.rates[e.since]! - e.rate)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('leaves the cohorts after Q1 1997 empty: every customer first bought then', () => {
    const table = computeMetrics(pipeline, { month: month('1997-12'), stages }).cohortRetention;
    expect(table.filter((r) => r.accounts > 0).map((r) => r.cohort)).toEqual(['1997-01', '1997-02', '1997-03']);
    expect(table.map((r) => r.accounts).reduce((a, b) => a + b, 0)).toBe(23_570);
  });
});
