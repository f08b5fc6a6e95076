import type { SeriesForecast } from '../../../src/core/forecast/index';
import type { MonthlyForecast } from '../../../src/core/forecast/monthly-forecast';
import { weightedPipeline } from '../../../src/core/forecast/weighted-pipeline';
import { translator } from '../../../src/core/i18n';
import { forecastBlocks, summaryText } from '../../../src/core/report/forecast-section';
import { VerticalLayout } from '../../../src/core/report/layout';
import type { CellsBlock, ChartBlock, TableBlock } from '../../../src/core/report/model';
import { monthEndSerial } from '../../../src/core/util/dates';
import { makeDeals, month, STAGES } from '../metrics/make-deal';

const MARCH = month('2026-03');
const en = translator('en-US');

function series(overrides: Partial<SeriesForecast> = {}): SeriesForecast {
  return {
    method: 'linear',
    season: 1,
    horizon: 2,
    level: 0.95,
    fitted: [null, 11, 21],
    points: [
      { step: 1, forecast: 40, lower: 30, upper: 50 },
      { step: 2, forecast: 50, lower: 35, upper: 65 },
    ],
    backtest: [
      { method: 'linear', smape: 5, mase: 0.5 },
      { method: 'theta', smape: 8, mase: null },
    ],
    notes: [],
    reason: null,
    ...overrides,
  };
}

function forecast(s: SeriesForecast): MonthlyForecast {
  return { month: MARCH, firstMonth: MARCH - 2, history: [10, 20, 30], backtestMonths: 6, series: s, weighted: weightedPipeline([], STAGES, MARCH, 2, 0) };
}

function blocksOf(f: MonthlyForecast, valuesOnly = false) {
  const blocks = forecastBlocks({ forecast: f, valuesOnly, suffix: '2026_03' }, new VerticalLayout(10), en);
  const table = (name: string) => blocks.find((b): b is TableBlock => b.kind === 'table' && b.name === name)!;
  const chart = blocks.find((b): b is ChartBlock => b.kind === 'chart')!;
  return { blocks, table, chart };
}

describe('forecast section', () => {
  it('lists the history with the fit, then the months ahead with the band and the method', () => {
    const { table } = blocksOf(forecast(series()), true);
    const t = table('Forecast_2026_03');
    expect(t.columns.map((c) => c.header)).toEqual(['Month', 'Actual', 'Fitted', 'Forecast', 'Lower 95%', 'Upper 95%', 'Method']);
    expect(t.rows).toEqual([
      ['2026-01', 10, null, null, null, null, ''],
      ['2026-02', 20, 11, null, null, null, 'Linear trend'],
      ['2026-03', 30, 21, null, null, null, 'Linear trend'],
      ['2026-04', null, null, 40, 30, 50, 'Linear trend'],
      ['2026-05', null, null, 50, 35, 65, 'Linear trend'],
    ]);
  });

  it('writes Actual as a SUMIFS over the data sheet unless values only', () => {
    const actual = blocksOf(forecast(series())).table('Forecast_2026_03').rows[1]![1];
    expect(actual).toMatchObject({ value: 20 });
    expect((actual as { formula: string }).formula).toMatch(/^SUMIFS\('Funnel Data'!/);
  });

  it('charts the actual, the fit labelled "Fitted" and the forecast as lines over the band as a shaded area', () => {
    const { chart, table } = blocksOf(forecast(series()));
    const t = table('Forecast_2026_03');
    expect(chart.type).toBe('line');
    expect(chart.series.map((s) => [s.name, s.kind ?? 'line'])).toEqual([
      ['95% band', 'band'],
      ['Actual', 'line'],
      ['Fitted', 'line'],
      ['Forecast', 'line'],
    ]);
    const first = t.row + 2;
    const last = t.row + 1 + t.rows.length;
    expect(chart.categories).toBe(`A${first}:A${last}`);
    expect(chart.series.slice(1).map((s) => s.values)).toEqual([`B${first}:B${last}`, `C${first}:C${last}`, `D${first}:D${last}`]);
    expect(chart.series[2]!.dashed).toBe(true);
    for (const s of chart.series) expect(s.color).toMatch(/^[0-9A-F]{6}$/);
    expect(chart.col).toBeGreaterThan(t.col + t.columns.length + 2); // right of the table and the band's two columns
  });

  it('reads the band from cells beside the table: from the lower bound, width upper − lower, opening at the last actual', () => {
    for (const valuesOnly of [true, false]) {
      const { blocks, chart, table } = blocksOf(forecast(series()), valuesOnly);
      const t = table('Forecast_2026_03');
      const band = chart.series[0]!;
      const cells = blocks.find((b): b is CellsBlock => b.kind === 'cells' && b.row === t.row && b.col === t.col + t.columns.length)!;
      expect(cells.cells[0]).toEqual(['Band from (chart)', 'Band width (chart)']);
      const col = (c: number) => String.fromCharCode(65 + t.columns.length + c);
      expect(band.lower).toBe(`${col(0)}${t.row + 2}:${col(0)}${t.row + 1 + t.rows.length}`);
      expect(band.values).toBe(`${col(1)}${t.row + 2}:${col(1)}${t.row + 1 + t.rows.length}`);
      // Nothing under the older history; the report month from the actual (30) with no width; then lower and upper − lower.
      expect(cells.cells.slice(1)).toEqual([
        [null, null],
        [null, null],
        [30, 0],
        [30, 20],
        [35, 30],
      ]);
    }
  });

  it('draws no band without a forecast', () => {
    const none = series({
      method: null,
      points: [],
      fitted: [null, null, null],
      backtest: [],
      reason: { code: 'tooShort', message: 'Only 2 months.', values: { months: 2 } },
    });
    expect(blocksOf(forecast(none)).chart.series.map((s) => s.kind)).not.toContain('band');
  });

  it('scores every method in the backtest table and ticks the chosen one', () => {
    expect(blocksOf(forecast(series())).table('Backtest_2026_03').rows).toEqual([
      ['Linear trend', 5, 0.5, '✓'],
      ['Theta', 8, null, ''],
    ]);
  });

  it('says why there is no forecast, in the summary and in the table', () => {
    const none = series({
      method: null,
      points: [],
      fitted: [null, null, null],
      backtest: [],
      reason: { code: 'tooShort', message: 'Only 2 months.', values: { months: 2 } },
    });
    const f = forecast(none);
    expect(summaryText(f, en)).toBe('No forecast: 2 months of revenue history, at least 3 are needed.');
    const rows = blocksOf(f).table('Forecast_2026_03').rows;
    expect(rows[rows.length - 1]).toEqual(['2026-04', null, null, null, null, null, summaryText(f, en)]);
    expect(summaryText(f, translator('zh-CN'))).toContain('至少需要 3 个月');
  });

  it('names the season and passes on the caveats', () => {
    const f = forecast(series({ method: 'holt-winters', season: 12, notes: [{ code: 'noBacktest', message: 'x' }] }));
    expect(summaryText(f, en)).toBe('Forecast by Holt–Winters; season of 12 months. History too short to backtest: no validation scores.');
  });

  it('shows the stage probabilities the weighted pipeline used', () => {
    const rows = blocksOf(forecast(series())).table('StageProb_2026_03').rows;
    expect(rows[0]).toEqual(['Lead', 0, 0, 0.1, 'Default']);
    expect(blocksOf(forecast(series())).table('Weighted_2026_03').rows).toEqual([
      ['2026-04', 0, 0, 0],
      ['2026-05', 0, 0, 0],
    ]);
  });

  it('shows overdue open deals on their own line below the months, not in the first month', () => {
    const deals = makeDeals([
      { status: 'open', stage: 4, amount: 1000, closed: '2026-04-20' }, // Negotiation 0.8 → April
      { status: 'open', stage: 3, amount: 200, closed: '2026-01-15' }, // Proposal 0.6, overdue
      { status: 'open', stage: 0, amount: 300, closed: '2026-03-20' }, // Lead 0.1, overdue
    ]);
    const f = { ...forecast(series()), weighted: weightedPipeline(deals, STAGES, MARCH, 2, monthEndSerial(MARCH)) };
    const { blocks, table } = blocksOf(f);
    const weighted = table('Weighted_2026_03');
    expect(weighted.columns.map((c) => c.header)).toEqual(['Month', 'Open deals', 'Open amount', 'Weighted amount']);
    expect(weighted.rows).toEqual([
      ['2026-04', 1, 1000, 800],
      ['2026-05', 0, 0, 0],
    ]);
    const line = blocks.find((b): b is CellsBlock => b.kind === 'cells' && b.row === weighted.row + weighted.rows.length + 1)!;
    expect(line.col).toBe(weighted.col);
    expect(line.cells).toEqual([['Overdue (past expected close)', 2, 500, 200 * 0.6 + 300 * 0.1]]);
    expect(line.formats).toEqual([undefined, 'integer', 'currency', 'currency']);
    const zh = forecastBlocks({ forecast: f, valuesOnly: false, suffix: '2026_03' }, new VerticalLayout(10), translator('zh-CN'));
    expect(JSON.stringify(zh)).toContain('已逾期');
  });
});
