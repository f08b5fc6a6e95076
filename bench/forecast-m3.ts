/**
 * Forecast accuracy on the 1,428 monthly series of the M3 competition
 * (../shared/data/m3-monthly, read in place): each series' train part is
 * forecast 18 months ahead with season 12 and scored against its test part.
 *
 * Per method and for the automatic choice (`forecastSeries`, backtest on
 * the train part): mean sMAPE, mean MASE (M4 definitions, `src/core/forecast/
 * accuracy.ts`), OWA = ½(sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2) with
 * Naive2 from the same run, and the time per series. When `Rscript` with
 * the forecast package is on the PATH, R's `ets()` runs on the same series
 * in one R process and is scored the same way; otherwise a note says so.
 *
 * Exits non-zero only on failure: an error, a non-finite forecast, or an
 * automatic choice with OWA ≥ 1. Slowness never fails it.
 *
 *   npm run bench:forecast [-- --limit 200] [-- --no-r]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FORECAST_METHODS, type ForecastMethod, fitMethod, forecastSeries, mase, smape } from '../src/core/forecast/index';

const DATA = path.resolve(__dirname, '../../shared/data/m3-monthly/m3_monthly.csv');
const HORIZON = 18;
const SEASON = 12;

interface Series {
  id: string;
  train: number[];
  test: number[];
}

interface Row {
  name: string;
  smape: number;
  mase: number;
  msPerSeries: number;
  note?: string;
}

function readM3(file: string): Series[] {
  const lines = readFileSync(file, 'utf8').trimEnd().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const [idCol, tCol, splitCol, valueCol] = ['series_id', 't', 'split', 'value'].map((c) => header.indexOf(c));
  const byId = new Map<string, { t: number; split: string; value: number }[]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const id = cells[idCol!]!;
    let rows = byId.get(id);
    if (!rows) byId.set(id, (rows = []));
    rows.push({ t: Number(cells[tCol!]), split: cells[splitCol!]!, value: Number(cells[valueCol!]) });
  }
  return [...byId].map(([id, rows]) => {
    rows.sort((a, b) => a.t - b.t);
    return { id, train: rows.filter((r) => r.split === 'train').map((r) => r.value), test: rows.filter((r) => r.split === 'test').map((r) => r.value) };
  });
}

/** Mean sMAPE and MASE of forecasts against each series' test part; throws on a non-finite forecast or score. */
function score(name: string, series: readonly Series[], forecasts: readonly (readonly number[])[], ms: number, note?: string): Row {
  let s = 0;
  let m = 0;
  series.forEach((x, i) => {
    const f = forecasts[i]!;
    const a = smape(x.test, f);
    const b = mase(x.train, x.test, f, SEASON);
    if (a === null || b === null) throw new Error(`${name}: no score for ${x.id} (forecast ${f.slice(0, 3).join(', ')}…)`);
    s += a;
    m += b;
  });
  return { name, smape: s / series.length, mase: m / series.length, msPerSeries: ms / series.length, note };
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

const R_SCRIPT = `
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
ids <- unique(d$id)
out <- vector("list", length(ids))
t0 <- proc.time()[["elapsed"]]
for (k in seq_along(ids)) {
  x <- ts(d$value[d$id == ids[k]], frequency = ${SEASON})
  f <- forecast(ets(x), h = ${HORIZON})$mean
  out[[k]] <- data.frame(id = ids[k], step = seq_len(${HORIZON}), value = format(as.numeric(f), digits = 15))
}
elapsed <- proc.time()[["elapsed"]] - t0
write.csv(do.call(rbind, out), args[2], row.names = FALSE)
cat(elapsed, "\\n")
`;

function rAvailable(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v Rscript'], { encoding: 'utf8' });
  if (which.status !== 0) return 'Rscript is not on the PATH';
  const lib = spawnSync('Rscript', ['-e', 'suppressMessages(library(forecast))'], { encoding: 'utf8' });
  return lib.status === 0 ? null : 'the R package forecast is not installed';
}

function runEts(series: readonly Series[]): { forecasts: number[][]; ms: number; version: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'forecast-m3-'));
  try {
    const input = path.join(dir, 'train.csv');
    const output = path.join(dir, 'ets.csv');
    const script = path.join(dir, 'ets.R');
    writeFileSync(input, ['id,value', ...series.flatMap((s) => s.train.map((v) => `${s.id},${v}`))].join('\n'));
    writeFileSync(script, R_SCRIPT);
    const elapsed = Number(execFileSync('Rscript', [script, input, output], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim());
    const version = execFileSync('Rscript', ['-e', 'cat(R.version$major, ".", R.version$minor, " forecast ", as.character(packageVersion("forecast")), sep = "")'], { encoding: 'utf8' }).trim();
    const byId = new Map<string, number[]>();
    for (const line of readFileSync(output, 'utf8').trimEnd().split(/\r?\n/).slice(1)) {
      const [id, step, value] = line.split(',').map((c) => c.replace(/"/g, '').trim());
      let f = byId.get(id!);
      if (!f) byId.set(id!, (f = []));
      f[Number(step) - 1] = Number(value);
    }
    return { forecasts: series.map((s) => byId.get(s.id) ?? []), ms: elapsed * 1000, version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(rows: readonly Row[], naive2: Row): string {
  const owa = (r: Row) => 0.5 * (r.smape / naive2.smape + r.mase / naive2.mase);
  const header = ['method', 'sMAPE', 'MASE', 'OWA', 'ms / series', 'note'];
  const body = rows.map((r) => [r.name, r.smape.toFixed(2), r.mase.toFixed(3), owa(r).toFixed(3), r.msPerSeries.toFixed(2), r.note ?? '']);
  return [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function main(): number {
  const limitArg = process.argv.indexOf('--limit');
  const all = readM3(DATA);
  const series = limitArg > 0 ? all.slice(0, Number(process.argv[limitArg + 1])) : all;
  process.stderr.write(`bench: M3 monthly, ${series.length} series, horizon ${HORIZON}, season ${SEASON}\n`);
  const rows: Row[] = [];
  for (const method of FORECAST_METHODS) {
    process.stderr.write(`bench: ${method}…\n`);
    const [forecasts, ms] = timed(() => series.map((s) => fitMethod(method, s.train, SEASON, HORIZON).forecast));
    rows.push(score(method, series, forecasts, ms));
  }
  // The automatic choice as the report makes it (backtest over the default 6 months), and with the backtest as long as the horizon.
  const autoRows: Row[] = [];
  for (const backtestMonths of [6, HORIZON]) {
    process.stderr.write(`bench: automatic choice, backtest ${backtestMonths} months…\n`);
    const chosen = new Map<ForecastMethod, number>();
    const [auto, autoMs] = timed(() =>
      series.map((s) => {
        const f = forecastSeries(s.train, { horizon: HORIZON, season: SEASON, backtestMonths });
        if (f.method) chosen.set(f.method, (chosen.get(f.method) ?? 0) + 1);
        return f.points.map((p) => p.forecast);
      }),
    );
    const mix = [...chosen].sort((a, b) => b[1] - a[1]).map(([m, k]) => `${m} ${k}`).join(', ');
    autoRows.push(score(`auto, backtest ${backtestMonths}`, series, auto, autoMs, `chosen: ${mix}`));
  }
  rows.push(...autoRows);
  const autoRow = autoRows[0]!;
  const naive2 = rows.find((r) => r.name === 'naive2')!;

  const missing = process.argv.includes('--no-r') ? 'turned off by --no-r' : rAvailable();
  let etsRow: Row | null = null;
  if (missing === null) {
    process.stderr.write('bench: R forecast::ets…\n');
    const ets = runEts(series);
    etsRow = score('R forecast::ets (auto)', series, ets.forecasts, ets.ms, `R ${ets.version}, time inside R`);
    rows.push(etsRow);
  }
  process.stdout.write(`\nM3 monthly: ${series.length} series, h = ${HORIZON}, m = ${SEASON}; OWA relative to Naive2 of this run\n\n${table(rows, naive2)}\n`);
  if (etsRow) {
    process.stdout.write(`\nours (auto, backtest 6) ÷ R ets: sMAPE ${(autoRow.smape / etsRow.smape).toFixed(3)}, MASE ${(autoRow.mase / etsRow.mase).toFixed(3)}, time ${(autoRow.msPerSeries / etsRow.msPerSeries).toFixed(2)}\n`);
  } else {
    process.stdout.write(`\nR ets skipped: ${missing}.\n`);
  }
  const autoOwa = 0.5 * (autoRow.smape / naive2.smape + autoRow.mase / naive2.mase);
  if (!(autoOwa < 1)) {
    process.stderr.write(`bench: FAILED — automatic choice OWA ${autoOwa.toFixed(3)} is not below 1\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench: failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
