import { promises as fs } from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { ReportJson } from '../../src/usecases/report-json';
import { cli, formulaOf, loadXlsx, recalculate, rowStartingWith, tableBodyRows, tempDir, valueOf, writeXlsx } from '../helpers/workbook-files';

jest.setTimeout(60_000);

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

/** The body rows of a native table, found by its name. */
function tableRows(ws: ExcelJS.Worksheet, name: string): ExcelJS.Row[] {
  return tableBodyRows(ws, name).map((r) => ws.getRow(r));
}

describe('report: the forecast (issue #4)', () => {
  let json: ReportJson;
  let wb: ExcelJS.Workbook;
  let file: string;

  beforeAll(async () => {
    const sample = path.join(dir, 'sample.xlsx');
    expect((await cli('sample', sample, '--deals', '3000', '--seed', '11')).code).toBe(0);
    file = path.join(dir, 'forecast.xlsx');
    await fs.copyFile(sample, file);
    const run = await cli('report', file, '--month', '2026-03', '--horizon', '4', '--json', path.join(dir, 'f.json'));
    expect(run.code).toBeLessThan(2);
    json = JSON.parse(await fs.readFile(path.join(dir, 'f.json'), 'utf8'));
    wb = await loadXlsx(file);
  });

  it('puts the forecast in the JSON: method, points for the horizon, every method scored, weighted pipeline, stage probabilities', () => {
    const f = json.forecast;
    expect(f.horizon).toBe(4);
    expect(f.points.map((p) => p.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07']);
    for (const p of f.points) {
      expect(p.lower).toBeLessThanOrEqual(p.forecast);
      expect(p.upper).toBeGreaterThanOrEqual(p.forecast);
    }
    expect(f.backtest.map((b) => b.method)).toContain(f.method);
    expect(f.method).toBe('ets-theta-damped-arima');
    expect(f.weightedPipeline.map((w) => w.month)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07']);
    expect(f.stageProbabilities.map((s) => s.stage)).toEqual(json.stages.slice(0, -1)); // the open stages; Won is not an open stage
    expect(f.history[f.history.length - 1]).toMatchObject({ month: '2026-03', actual: json.revenue });
  });

  it('puts overdue open deals on their own line in the JSON and the tab, and in no month', () => {
    const overdue = json.forecast.weightedPipelineOverdue;
    expect(overdue.deals).toBeGreaterThan(0);
    expect(overdue.weightedAmount).toBeGreaterThan(0);
    expect(overdue.weightedAmount).toBeLessThanOrEqual(overdue.amount);
    const ws = wb.getWorksheet('Report 2026-03')!;
    const line = ws.getRow(rowStartingWith(ws, 'Overdue (past expected close)'));
    expect([2, 3, 4].map((c) => line.getCell(c).value)).toEqual([overdue.deals, overdue.amount, overdue.weightedAmount]);
    const months = tableRows(ws, 'Weighted_2026_03');
    expect(months.map((r) => r.getCell(1).value)).toEqual(json.forecast.weightedPipeline.map((w) => w.month));
    months.forEach((r, i) => expect(r.getCell(4).value).toBeCloseTo(json.forecast.weightedPipeline[i]!.amount, 6));
  });

  it('writes the Forecast table: history as SUMIFS formulas that recalculate (HyperFormula) to the JSON, then the forecast values', () => {
    const ws = wb.getWorksheet('Report 2026-03')!;
    const rows = tableRows(ws, 'Forecast_2026_03');
    const header = ws.getRow(rows[0]!.number - 1);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => header.getCell(c).value)).toEqual(['Month', 'Actual', 'Fitted', 'Forecast', 'Lower 95%', 'Upper 95%', 'Method']);
    expect(rows).toHaveLength(json.forecast.history.length + 4);
    const last = rows[json.forecast.history.length - 1]!;
    expect(last.getCell(1).value).toBe('2026-03');
    expect(formulaOf(last.getCell(2))).toMatch(/^SUMIFS\('Funnel Data'!/);
    const { hf, sheetId } = recalculate(wb);
    expect(hf.getCellValue({ sheet: sheetId('Report 2026-03'), row: last.number - 1, col: 1 })).toBeCloseTo(json.revenue, 6);
    const ahead = rows.slice(-4);
    ahead.forEach((row, i) => {
      expect(row.getCell(1).value).toBe(json.forecast.points[i]!.month);
      expect(valueOf(row.getCell(4))).toBeCloseTo(json.forecast.points[i]!.forecast, 6);
      expect(typeof row.getCell(7).value).toBe('string');
    });
  });
});

describe('report: too little history for a forecast', () => {
  it('says why in the JSON and in the tab, and still writes the report', async () => {
    const file = path.join(dir, 'short.xlsx');
    await writeXlsx(file, [
      {
        name: 'Pipeline',
        rows: [
          ['Deal ID', 'Account', 'Stage', 'Status', 'Created', 'Close Date', 'Amount'],
          ['D1', 'Acme', 'Won', 'Won', '2026-02-01', '2026-02-20', 100],
          ['D2', 'Beta', 'Won', 'Won', '2026-03-01', '2026-03-20', 200],
        ],
      },
    ]);
    const run = await cli('report', file, '--month', '2026-03', '--json', path.join(dir, 's.json'));
    expect(run.code).toBeLessThan(2);
    const json: ReportJson = JSON.parse(await fs.readFile(path.join(dir, 's.json'), 'utf8'));
    expect(json.forecast).toMatchObject({ method: null, points: [], reason: { code: 'tooShort' } });
    const ws = (await loadXlsx(file)).getWorksheet('Report 2026-03')!;
    const rows = tableRows(ws, 'Forecast_2026_03');
    expect(String(rows[rows.length - 1]!.getCell(7).value)).toMatch(/at least 3/);
  });

  it('refuses a horizon that is not a whole number of months', async () => {
    const run = await cli('report', path.join(dir, 'short.xlsx'), '--horizon', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"0" is not a whole number of months from 1 to 36/);
  });
});
