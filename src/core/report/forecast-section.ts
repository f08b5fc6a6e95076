import type { ForecastMethod, ForecastNote } from '../forecast/index';
import type { MonthlyForecast } from '../forecast/monthly-forecast';
import { isMessageKey, type Translate } from '../i18n';
import { monthPeriod } from '../metrics/period';
import { a1 } from '../util/cell';
import { monthKey } from '../util/dates';
import { wonClosedIn } from './criteria';
import { dataColumn } from './data-sheet';
import { formula, sumifs } from './formulas';
import type { VerticalLayout } from './layout';
import type { Block, Cell, CellsBlock, ChartSeries, TableBlock, TableColumn } from './model';

/** Rows the forecast chart spans at least, beside the forecast table. */
const CHART_ROWS = 14;
/** Column of the band's chart data: right of the seven-column forecast table. */
const BAND_COL = 7;
/** Column of the chart: right of the band's two columns and a gap. */
const CHART_COL = 10;
/** Series colours of the forecast chart: actual dark blue, the fit grey and dashed, the forecast orange over a light orange band. */
const COLORS = { actual: '1F4E79', fitted: '7F7F7F', forecast: 'ED7D31', band: 'F4B183' } as const;
/** Columns of the forecast table (zero-based). */
const COL = { month: 0, actual: 1, fitted: 2, forecast: 3, lower: 4, upper: 5 } as const;

interface SectionInput {
  forecast: MonthlyForecast;
  valuesOnly: boolean;
  /** Table names get this suffix (unique per report month). */
  suffix: string;
}

/** A method's name in the user's language (an unknown id is shown as is). */
export function methodLabel(method: ForecastMethod | string, tr: Translate): string {
  const key = `method.${method}`;
  return isMessageKey(key) ? tr(key) : method;
}

/** A forecast note in the user's language, from its code and numbers. */
export function noteText(note: ForecastNote, tr: Translate): string {
  const key = `forecast.note.${note.code}`;
  return isMessageKey(key) ? tr(key, note.values ?? {}) : note.message;
}

/**
 * The forecast part of a report tab (SPEC §2 Forecast, issue #4): a line in
 * words (method, season, caveats), the Forecast table (history with the
 * in-sample fit, then the next months with the band), a chart of the
 * actual, the fit and the forecast as lines over the band as a shaded area
 * (SPEC §7), the backtest scores of every method, the
 * weighted pipeline and the stage probabilities it used. Forecasts are
 * engine-computed values; Actual is a SUMIFS over the data sheet.
 */
export function forecastBlocks(input: SectionInput, layout: VerticalLayout, tr: Translate): Block[] {
  const { forecast, suffix } = input;
  const { series } = forecast;
  const blocks: Block[] = [];
  const heading = (text: string) => blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'heading', cells: [[text]] });

  heading(tr('report.forecast'));
  blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'note', cells: [[summaryText(forecast, tr)]] });

  const bodyRows = forecast.history.length + Math.max(1, series.points.length);
  const tableRow = layout.take(Math.max(bodyRows + 1, CHART_ROWS));
  const history = forecastTable(input, tableRow, tr);
  blocks.push(history);
  const last = tableRow + history.rows.length;
  const range = (col: number) => `${a1(tableRow + 1, col)}:${a1(last, col)}`;
  const level = Math.round(series.level * 100);
  const lines: ChartSeries[] = [
    { name: tr('col.actual'), values: range(COL.actual), color: COLORS.actual },
    { name: tr('col.fitted'), values: range(COL.fitted), color: COLORS.fitted, dashed: true },
    { name: tr('col.forecast'), values: range(COL.forecast), color: COLORS.forecast },
  ];
  const band: ChartSeries[] = [];
  if (series.points.length > 0) {
    blocks.push(bandCells(input, tableRow, tr));
    band.push({ name: tr('chart.band', { level }), kind: 'band', lower: range(BAND_COL), values: range(BAND_COL + 1), color: COLORS.band });
  }
  blocks.push({
    kind: 'chart',
    name: `ForecastChart_${suffix}`,
    type: 'line',
    title: tr('report.forecastChart'),
    row: tableRow,
    col: CHART_COL,
    widthCols: 8,
    heightRows: CHART_ROWS,
    categories: range(COL.month),
    series: [...band, ...lines],
  });

  if (series.backtest.length > 0) {
    heading(tr('report.backtest', { months: forecast.backtestMonths }));
    const rows: Cell[][] = series.backtest.map((s) => [methodLabel(s.method, tr), s.smape, s.mase, s.method === series.method ? '✓' : '']);
    blocks.push(
      table(
        `Backtest_${suffix}`,
        layout.take(rows.length + 1),
        [{ header: tr('col.method') }, { header: 'sMAPE', format: 'decimal' }, { header: 'MASE', format: 'decimal' }, { header: tr('col.chosen') }],
        rows,
      ),
    );
  }

  const { weighted } = forecast;
  heading(tr('report.weightedPipeline'));
  const notes = [
    ...(weighted.overdue.deals > 0 ? [tr('report.weightedPipeline.overdueNote', { deals: weighted.overdue.deals, month: monthKey(forecast.month) })] : []),
    ...(weighted.laterDeals > 0
      ? [tr('report.weightedPipeline.laterNote', { later: weighted.laterDeals, month: monthKey(forecast.month + weighted.months.length) })]
      : []),
  ];
  if (notes.length > 0) blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'muted', cells: [[notes.join(' ')]] });
  const weightedTable = table(
    `Weighted_${suffix}`,
    layout.take(weighted.months.length + 1, 0),
    [
      { header: tr('col.month') },
      { header: tr('col.openDeals'), format: 'integer' },
      { header: tr('col.openAmount'), format: 'currency' },
      { header: tr('col.weightedAmount'), format: 'currency' },
    ],
    weighted.months.map((m) => [monthKey(m.month), m.deals, m.openAmount, m.amount]),
  );
  blocks.push(weightedTable);
  // SPEC §8: overdue deals on a line of their own, outside the table of months (a sum over the table is the pipeline expected ahead).
  blocks.push({
    kind: 'cells',
    row: layout.take(1),
    col: 0,
    style: 'warning',
    formats: [undefined, 'integer', 'currency', 'currency'],
    cells: [[tr('report.weightedPipeline.overdue'), weighted.overdue.deals, weighted.overdue.amount, weighted.overdue.weightedAmount]],
  });

  heading(tr('report.stageProbabilities'));
  blocks.push(
    table(
      `StageProb_${suffix}`,
      layout.take(weighted.stageProbabilities.length + 1),
      [
        { header: tr('col.stage') },
        { header: tr('col.closedDeals'), format: 'integer' },
        { header: tr('kpi.wonDeals'), format: 'integer' },
        { header: tr('col.probability'), format: 'percent' },
        { header: tr('col.source') },
      ],
      weighted.stageProbabilities.map((s) => [
        s.stage,
        s.closedDeals,
        s.wonDeals,
        s.probability,
        tr(s.caveat ? 'forecast.learned.lostStagesUnknown' : s.learned ? 'forecast.learned' : 'forecast.default'),
      ]),
    ),
  );
  return blocks;
}

/** A table of engine values in column A. */
function table(name: string, row: number, columns: TableColumn[], rows: Cell[][], style = 'TableStyleMedium2'): TableBlock {
  return { kind: 'table', name, row, col: 0, style, columns, rows };
}

/** Method, season and caveats in one sentence, or why there is no forecast. */
export function summaryText(forecast: MonthlyForecast, tr: Translate): string {
  const { series } = forecast;
  if (series.reason !== null || series.method === null) return series.reason ? noteText(series.reason, tr) : tr('forecast.none');
  const parts = [
    tr(series.season > 1 ? 'forecast.summary.seasonal' : 'forecast.summary', {
      method: methodLabel(series.method, tr),
      season: series.season,
      horizon: series.horizon,
    }),
    ...series.notes.map((n) => noteText(n, tr)),
  ];
  return parts.join(' ');
}

/**
 * Month | Actual | Fitted | Forecast | Lower | Upper | Method: one row per
 * month of history (Actual, and the one-step fit of the chosen method),
 * then one per month ahead (Forecast and the band). Without a forecast, one
 * row ahead carries the reason in the Method column.
 */
function forecastTable(input: SectionInput, row: number, tr: Translate): TableBlock {
  const { forecast, valuesOnly } = input;
  const { series, history, firstMonth, month } = forecast;
  const method = series.method === null ? '' : methodLabel(series.method, tr);
  const rows: Cell[][] = history.map((actual, i) => {
    const m = firstMonth + i;
    const fitted = series.fitted[i] ?? null;
    const actualCell: Cell = valuesOnly ? actual : formula(sumifs(dataColumn('amount'), wonClosedIn(monthPeriod(m))), actual);
    return [monthKey(m), actualCell, fitted, null, null, null, fitted === null ? '' : method];
  });
  for (const p of series.points) rows.push([monthKey(month + p.step), null, null, p.forecast, p.lower, p.upper, method]);
  if (series.points.length === 0) rows.push([monthKey(month + 1), null, null, null, null, null, summaryText(forecast, tr)]);
  const level = Math.round(series.level * 100);
  const columns: TableColumn[] = [
    { header: tr('col.month') },
    { header: tr('col.actual'), format: 'currency' },
    { header: tr('col.fitted'), format: 'currency' },
    { header: tr('col.forecast'), format: 'currency' },
    { header: tr('col.lower', { level }), format: 'currency' },
    { header: tr('col.upper', { level }), format: 'currency' },
    { header: tr('col.method') },
  ];
  return table(`Forecast_${input.suffix}`, row, columns, rows, 'TableStyleMedium9');
}

/**
 * The chart's band, beside the table it is read from: "from" (the lower
 * bound) and "width" (upper − lower) of each month ahead, engine values as
 * the forecast columns are. The band opens at the report month from the
 * last actual with width 0: an area chart joins each point to the one
 * before, so a band starting from nothing would rise from the axis.
 */
function bandCells(input: SectionInput, tableRow: number, tr: Translate): CellsBlock {
  const { series, history } = input.forecast;
  const rows: Cell[][] = [[tr('chart.bandFrom'), tr('chart.bandWidth')]];
  history.forEach((actual, i) => rows.push(i === history.length - 1 ? [actual, 0] : [null, null]));
  for (const p of series.points) rows.push([p.lower, p.upper - p.lower]);
  return { kind: 'cells', row: tableRow, col: BAND_COL, style: 'muted', formats: ['currency', 'currency'], cells: rows };
}
