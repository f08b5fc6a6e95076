import { promises as fs } from 'node:fs';
import { monthlyForecast, unknownLostRowsOf } from '../../src/core/forecast/monthly-forecast';
import { readPipeline } from '../../src/core/pipeline/read-pipeline';
import { stagesFromNames } from '../../src/core/pipeline/stages';
import type { CellValue } from '../../src/core/util/cell';
import { parseMonthKey } from '../../src/core/util/dates';
import { dataFile, describeWithData } from './shared-data';

/** The forecast of the CRM + Sales Opportunities pipeline, checked against plain loops over the CSV. */
describeWithData('forecast on the CRM + Sales Opportunities pipeline (../shared/data)', () => {
  const stages = stagesFromNames(['Prospecting', 'Engaging']);
  let rows: string[][];
  let header: string[];
  let forecast: ReturnType<typeof monthlyForecast>;

  beforeAll(async () => {
    const text = await fs.readFile(dataFile('crm-sales-opportunities', 'sales_pipeline.csv'), 'utf8');
    const [head, ...lines] = text.trimEnd().split(/\r?\n/);
    header = head!.split(',');
    rows = lines.map((l) => l.split(','));
    const read = readPipeline([header, ...rows.map((r) => r.map((v): CellValue => (v === '' ? null : v)))], { stages });
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    forecast = monthlyForecast(read.pipeline.deals, { month: parseMonthKey('2017-12')!, stages, unknownLostRows: unknownLostRowsOf(read.pipeline.issues) });
  });

  it('has the revenue history of the CSV: won close_value summed by close month', () => {
    const byMonth = new Map<string, number>();
    for (const r of rows)
      if (r[header.indexOf('deal_stage')] === 'Won')
        byMonth.set(
          r[header.indexOf('close_date')]!.slice(0, 7),
          (byMonth.get(r[header.indexOf('close_date')]!.slice(0, 7)) ?? 0) + Number(r[header.indexOf('close_value')]),
        );
    expect(forecast.history).toHaveLength(byMonth.size);
    forecast.history.forEach((v, i) => expect(v).toBeCloseTo(byMonth.get(`2017-${String(3 + i).padStart(2, '0')}`)!, 6));
  });

  it('learns each stage from won ÷ closed as SPEC §1 counts, and flags Engaging: the data set records no lost stage', () => {
    const stage = (r: string[]) => r[header.indexOf('deal_stage')];
    const won = rows.filter((r) => stage(r) === 'Won').length;
    const lost = rows.filter((r) => stage(r) === 'Lost').length;
    const [prospecting, engaging] = forecast.weighted.stageProbabilities;
    expect(prospecting).toMatchObject({ learned: true, closedDeals: won + lost, wonDeals: won });
    expect(prospecting!.probability).toBeCloseTo(won / (won + lost), 12);
    // Lost deals without a lost stage count at the first stage only (SPEC §1): Engaging sees the won deals alone.
    expect(engaging).toMatchObject({ learned: true, closedDeals: won, wonDeals: won, probability: 1, caveat: 'lostStagesUnknown' });
  });

  it('forecasts the next six months with a finite band, by the default method, every method backtested', () => {
    const { series } = forecast;
    expect(series.points).toHaveLength(6);
    for (const p of series.points) expect([p.lower, p.forecast, p.upper].every(Number.isFinite) && p.lower <= p.forecast && p.forecast <= p.upper).toBe(true);
    expect(series).toMatchObject({ method: 'ets-theta-damped-arima', chosenBy: 'default' });
    expect(series.backtest.map((b) => b.method)).toContain(series.method);
  });
});
