/**
 * Forecast accuracy on the 1,428 monthly series of the M3 competition
 * (../shared/data/m3-monthly, read in place): each series' train part is
 * forecast 18 months ahead and scored against its test part.
 *
 * Headline: the product's defaults (`forecastSeries(train)`, no season
 * given: ETS decides the season, the default method, the backtest run as
 * in the report), then every method at the season those defaults chose,
 * then every method and the old backtest choice with season 12 given.
 * Per row: mean sMAPE, mean MASE (M4 definitions, `src/core/forecast/
 * accuracy.ts`), OWA = ½(sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2) with
 * Naive2 (season 12) from the same run, and the time per series. When
 * `Rscript` with the forecast package is on the PATH, R's `ets()` runs on
 * the same series in one R process and is scored the same way.
 *
 * Then the classic monthly sales series (../shared/data/monthly-sales-
 * classic): every 12 months, the 36 and the 48 months before are forecast
 * 12 months ahead (realistic revenue histories), default against R's
 * `ets()`.
 *
 * Exits non-zero only on failure: an error, a non-finite forecast, or a
 * default with OWA ≥ 1. Slowness never fails it.
 *
 *   npm run bench:forecast [-- --limit 200] [-- --every 7] [-- --no-r] [-- --r-cache DIR [--r-only | --r-wait]]
 *
 * `--r-cache DIR` keeps R's forecasts in DIR, keyed by a hash of the input
 * (R takes about 11 minutes on all of M3; `--r-only` just fills the cache,
 * `--r-wait` waits for such a run's file instead of starting R itself);
 * a cached run says so in its note.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_METHOD, FORECAST_METHODS, type ForecastMethod, fitMethod, forecastSeries, mase, type MethodScore, smape } from '../src/core/forecast/index';
import type { EtsMethodFit } from '../src/core/forecast/ets-method';

const DATA = path.resolve(__dirname, '../../shared/data/m3-monthly/m3_monthly.csv');
const CLASSIC = path.resolve(__dirname, '../../shared/data/monthly-sales-classic');
const HORIZON = 18;
const SEASON = 12;
const CLASSIC_HORIZON = 12;
const CLASSIC_WINDOWS = [36, 48];

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
  cpuMsPerSeries?: number;
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

/** The classic series cut into realistic histories: every 12 months, the `window` months before, with the next 12 as the test. */
function readClassic(): Series[] {
  const files: [string, string][] = [
    ['a10_antidiabetic_drug_sales.csv', 'sales_aud_millions'],
    ['airline_passengers.csv', 'passengers_thousands'],
    ['car_sales_quebec.csv', 'sales'],
    ['champagne_sales.csv', 'sales'],
    ['shampoo_sales.csv', 'sales'],
    ['wineind.csv', 'winesales'],
    ['writing_paper_sales.csv', 'sales'],
  ];
  const out: Series[] = [];
  for (const [file, column] of files) {
    const lines = readFileSync(path.join(CLASSIC, file), 'utf8').trimEnd().split(/\r?\n/);
    const col = lines[0]!.split(',').indexOf(column);
    const y = lines.slice(1).map((l) => Number(l.split(',')[col]));
    for (const window of CLASSIC_WINDOWS) {
      for (let end = y.length - CLASSIC_HORIZON; end - window >= 0; end -= 12) {
        out.push({ id: `${file.replace(/\.csv$/, '')}@${end}/${window}`, train: y.slice(end - window, end), test: y.slice(end, end + CLASSIC_HORIZON) });
      }
    }
  }
  return out;
}

/** Mean sMAPE and MASE of forecasts against each series' test part; throws on a non-finite forecast or score. */
function score(name: string, series: readonly Series[], forecasts: readonly (readonly number[])[], ms: number, note?: string, cpuMs?: number): Row {
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
  return {
    name,
    smape: s / series.length,
    mase: m / series.length,
    msPerSeries: ms / series.length,
    cpuMsPerSeries: cpuMs === undefined ? undefined : cpuMs / series.length,
    note,
  };
}

/** The value, the wall time and the CPU time of this process (the box is shared: CPU time is the fairer of the two). */
function timed<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return [value, performance.now() - t0, (c.user + c.system) / 1000];
}

/**
 * A method on the series scaled to a largest |value| of 1, as `forecastSeries` fits it, scaled back. `etsCache`: one
 * per series, shared by the rows that fit the same ETS selection (ETS with seasons [12] does not depend on m), so ETS
 * is fitted once per series and timed in its own row.
 */
function scaledFit(
  method: ForecastMethod,
  train: readonly number[],
  m: number,
  horizon: number,
  etsSeasons: number[],
  adjustment?: { m: number; force: boolean },
  etsCache?: Map<string, EtsMethodFit | null>,
): number[] {
  let scale = 0;
  for (const v of train) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0)) scale = 1;
  return fitMethod(
    method,
    train.map((v) => v / scale),
    m,
    horizon,
    { etsSeasons, etsUnit: scale, adjustment, etsCache },
  ).forecast.map((v) => v * scale);
}

const R_SCRIPT = `
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
h <- as.integer(args[3])
d <- read.csv(args[1], stringsAsFactors = FALSE)
ids <- unique(d$id)
out <- vector("list", length(ids))
t0 <- proc.time()[["elapsed"]]
for (k in seq_along(ids)) {
  x <- ts(d$value[d$id == ids[k]], frequency = ${SEASON})
  fit <- ets(x)
  f <- forecast(fit, h = h)$mean
  out[[k]] <- data.frame(id = ids[k], step = seq_len(h), value = format(as.numeric(f), digits = 15), model = fit$method)
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

interface EtsRun {
  forecasts: number[][];
  models: string[];
  ms: number;
  version: string;
  cached: boolean;
}

/** R's ets() on every series' train part, in one R process (or from the cache directory, keyed by the input's hash). */
function runEts(series: readonly Series[], horizon: number, cacheDir: string | null): EtsRun {
  const input = ['id,value', ...series.flatMap((s) => s.train.map((v) => `${s.id},${v}`))].join('\n');
  const key = createHash('sha256').update(`${horizon}\n${R_SCRIPT}\n${input}`).digest('hex').slice(0, 16);
  const cacheFile = cacheDir ? path.join(cacheDir, `ets-${key}.csv`) : null;
  let text: string;
  let ms: number;
  let version: string;
  let cached = false;
  // Beside a `--r-only` run filling the same cache: wait for its file rather than running R twice on a shared box.
  if (cacheFile && process.argv.includes('--r-wait')) for (let waited = 0; !existsSync(cacheFile) && waited < 3600; waited += 10) spawnSync('sleep', ['10']);
  if (cacheFile && existsSync(cacheFile)) {
    const [head, ...rest] = readFileSync(cacheFile, 'utf8').split('\n');
    const meta = JSON.parse(head!) as { ms: number; version: string };
    [ms, version, text, cached] = [meta.ms, meta.version, rest.join('\n'), true];
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'forecast-m3-'));
    try {
      const inFile = path.join(dir, 'train.csv');
      const outFile = path.join(dir, 'ets.csv');
      const script = path.join(dir, 'ets.R');
      writeFileSync(inFile, input);
      writeFileSync(script, R_SCRIPT);
      ms = 1000 * Number(execFileSync('Rscript', [script, inFile, outFile, String(horizon)], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim());
      version = execFileSync(
        'Rscript',
        ['-e', 'cat(R.version$major, ".", R.version$minor, " forecast ", as.character(packageVersion("forecast")), sep = "")'],
        { encoding: 'utf8' },
      ).trim();
      text = readFileSync(outFile, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (cacheDir && cacheFile) {
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(cacheFile, `${JSON.stringify({ ms, version })}\n${text}`);
    }
  }
  const byId = new Map<string, number[]>();
  const modelOf = new Map<string, string>();
  for (const line of text.trimEnd().split(/\r?\n/).slice(1)) {
    const [id, step, value, model] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/"/g, '').trim());
    let f = byId.get(id!);
    if (!f) byId.set(id!, (f = []));
    f[Number(step) - 1] = Number(value);
    modelOf.set(id!, model!);
  }
  return { forecasts: series.map((s) => byId.get(s.id) ?? []), models: series.map((s) => modelOf.get(s.id) ?? ''), ms, version, cached };
}

function owaOf(r: Row, naive2: Row): number {
  return 0.5 * (r.smape / naive2.smape + r.mase / naive2.mase);
}

function table(rows: readonly Row[], naive2: Row): string {
  const header = ['method', 'sMAPE', 'MASE', 'OWA', 'ms / series', 'CPU ms / series', 'note'];
  const body = rows.map((r) => [
    r.name,
    r.smape.toFixed(2),
    r.mase.toFixed(3),
    owaOf(r, naive2).toFixed(3),
    r.msPerSeries.toFixed(2),
    r.cpuMsPerSeries?.toFixed(2) ?? '',
    r.note ?? '',
  ]);
  return [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, c]) => `${k} ${c}`)
    .join(', ');
}

/** The seasonal adjustment `forecastSeries` gives Theta and damped when the default chose `season`. */
function defaultsAdjustment(season: number): { m: number; force: boolean } {
  return season > 1 ? { m: season, force: true } : { m: SEASON, force: false };
}

/** The default forecast (`forecastSeries`, no options but the horizon) of every series, timed, with the seasons it chose and its backtest. */
function defaults(
  series: readonly Series[],
  horizon: number,
): { forecasts: number[][]; seasons: number[]; backtests: MethodScore[][]; ms: number; cpuMs: number } {
  const seasons: number[] = [];
  const backtests: MethodScore[][] = [];
  const [forecasts, ms, cpuMs] = timed(() =>
    series.map((s) => {
      const f = forecastSeries(s.train, { horizon });
      if (f.method !== DEFAULT_METHOD) throw new Error(`${s.id}: the default forecast used ${f.method}`);
      seasons.push(f.season);
      backtests.push(f.backtest);
      return f.points.map((p) => p.forecast);
    }),
  );
  return { forecasts, seasons, backtests, ms, cpuMs };
}

/** The method with the lowest backtest MASE (the rule before issue #21; ties to the earlier method), else the default. */
function lowestMase(scores: readonly MethodScore[]): ForecastMethod {
  let best: MethodScore | null = null;
  for (const s of scores) if (s.mase !== null && (best === null || s.mase < best.mase! - 1e-9 * Math.max(1, best.mase!))) best = s;
  return best?.method ?? DEFAULT_METHOD;
}

/**
 * Every method on every series at the season the defaults chose (`seasons`), or at `fixedSeason`; ETS once per
 * series (the combination reuses it, and its time includes ETS's).
 */
function perMethod(
  label: string,
  series: readonly Series[],
  horizon: number,
  seasons: readonly number[] | null,
  fixedSeason: number,
  caches: Map<string, EtsMethodFit | null>[],
): { rows: Row[]; forecasts: Map<ForecastMethod, number[][]> } {
  const rows: Row[] = [];
  const forecasts = new Map<ForecastMethod, number[][]>();
  let etsTime: [number, number] = [0, 0];
  for (const method of FORECAST_METHODS) {
    process.stderr.write(`bench: ${method}, ${label}…\n`);
    const [f, ms, cpuMs] = timed(() =>
      series.map((s, i) => {
        const m = seasons ? seasons[i]! : fixedSeason;
        return scaledFit(method, s.train, m, horizon, [SEASON], seasons ? defaultsAdjustment(m) : undefined, caches[i]);
      }),
    );
    forecasts.set(method, f);
    if (method === 'ets') etsTime = [ms, cpuMs];
    const withEts = method === 'ets-theta-damped' || method === 'ets-theta-damped-arima';
    rows.push(
      score(
        `${method}, ${label}`,
        series,
        f,
        withEts ? ms + etsTime[0] : ms,
        withEts ? 'time includes the ETS row’s' : undefined,
        withEts ? cpuMs + etsTime[1] : cpuMs,
      ),
    );
  }
  return { rows, forecasts };
}

function main(): number {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const all = readM3(DATA);
  const limit = arg('--limit');
  // `--every k`: every k-th series, a sample across M3's domains (micro, industry, macro, finance, demographic, other).
  const every = Math.max(1, Number(arg('--every') ?? 1));
  const sampled = all.filter((_, i) => i % every === 0);
  const series = limit ? sampled.slice(0, Number(limit)) : sampled;
  const cacheDir = arg('--r-cache') ?? null;
  const missing = process.argv.includes('--no-r') ? 'turned off by --no-r' : rAvailable();
  const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
  log(`M3 monthly, ${series.length} series${every > 1 ? ` (every ${every}th)` : ''}, horizon ${HORIZON}`);
  if (process.argv.includes('--r-only')) {
    // Fills the R cache only (run it beside the rest: R is the slow part).
    if (missing !== null || cacheDir === null) throw new Error(`--r-only needs R and --r-cache (${missing ?? 'no --r-cache'})`);
    runEts(series, HORIZON, cacheDir);
    runEts(readClassic(), CLASSIC_HORIZON, cacheDir);
    return 0;
  }

  // 1. The product's defaults: no season given.
  log('product defaults (forecastSeries, no season given)…');
  const d = defaults(series, HORIZON);
  const headline = score(
    `**default (${DEFAULT_METHOD}), product defaults**`,
    series,
    d.forecasts,
    d.ms,
    `everything the report runs (ETS selection, backtest, choice); season used: ${tally(d.seasons.map(String))}`,
    d.cpuMs,
  );
  const caches = series.map(() => new Map<string, EtsMethodFit | null>());
  const atDefaults = perMethod("defaults' season", series, HORIZON, d.seasons, SEASON, caches);
  const chosen = d.backtests.map(lowestMase);
  const oldRule = score(
    "lowest backtest MASE (the rule before #21), defaults' season",
    series,
    chosen.map((m, i) => atDefaults.forecasts.get(m)![i]!),
    0,
    `chosen: ${tally(chosen)}; time: not measured apart`,
  );

  // 2. Season 12 given, as the bench ran before issue #21 (ETS reused from section 1: with seasons [12] it does not depend on m).
  const given = perMethod('season 12', series, HORIZON, null, SEASON, caches).rows;
  const naive2 = given.find((r) => r.name === 'naive2, season 12')!;

  let etsRow: Row | null = null;
  if (missing === null) {
    log('R forecast::ets on M3…');
    const ets = runEts(series, HORIZON, cacheDir);
    etsRow = score('R forecast::ets (auto)', series, ets.forecasts, ets.ms, `R ${ets.version}, time inside R${ets.cached ? ' (cached run)' : ''}`);
  }
  const rows = [headline, ...atDefaults.rows, oldRule, ...given, ...(etsRow ? [etsRow] : [])];
  process.stdout.write(
    `\nM3 monthly: ${series.length} series${every > 1 ? ` (every ${every}th of ${all.length})` : ''}, h ` +
      `= ${HORIZON}; OWA relative to Naive2 (season 12) of this run\n\n${table(rows, naive2)}\n`,
  );
  const headlineOwa = owaOf(headline, naive2);
  const theta = atDefaults.rows.find((r) => r.name.startsWith('theta'))!;
  process.stdout.write(
    `\ndefault OWA ${headlineOwa.toFixed(3)} (target ≤ 0.81); ` +
      `Theta ${owaOf(theta, naive2).toFixed(3)}` +
      `${etsRow ? `; R ets ${owaOf(etsRow, naive2).toFixed(3)}` : ''}\n`,
  );
  if (etsRow)
    process.stdout.write(
      `default ÷ R ets: sMAPE ${(headline.smape / etsRow.smape).toFixed(3)}, ` +
        `MASE ${(headline.mase / etsRow.mase).toFixed(3)}, time ` +
        `${(headline.msPerSeries / etsRow.msPerSeries).toFixed(3)}\n`,
    );
  else process.stdout.write(`\nR ets skipped: ${missing}.\n`);

  // 3. The classic series as realistic histories.
  const classic = readClassic();
  log(`classic series: ${classic.length} histories of ${CLASSIC_WINDOWS.join(' and ')} months…`);
  const c = defaults(classic, CLASSIC_HORIZON);
  const classicRows: Row[] = [score(`default (${DEFAULT_METHOD})`, classic, c.forecasts, c.ms, `season used: ${tally(c.seasons.map(String))}`, c.cpuMs)];
  for (const method of ['ets', 'theta', 'damped', 'arima', 'naive2'] as const) {
    const [forecasts, ms, cpuMs] = timed(() =>
      classic.map((s, i) =>
        scaledFit(method, s.train, method === 'naive2' ? SEASON : c.seasons[i]!, CLASSIC_HORIZON, [SEASON], defaultsAdjustment(c.seasons[i]!)),
      ),
    );
    classicRows.push(score(method, classic, forecasts, ms, undefined, cpuMs));
  }
  if (missing === null) {
    log('R forecast::ets on the classic histories…');
    const ets = runEts(classic, CLASSIC_HORIZON, cacheDir);
    classicRows.push(score('R forecast::ets (auto)', classic, ets.forecasts, ets.ms, `R ${ets.version}${ets.cached ? ' (cached run)' : ''}`));
    let wins = 0;
    classic.forEach((s, i) => {
      if (smape(s.test, c.forecasts[i]!)! <= smape(s.test, ets.forecasts[i]!)!) wins++;
    });
    classicRows[0]!.note += `; at least as accurate (sMAPE) as R ets on ${wins} of ${classic.length}`;
  }
  const classicNaive2 = classicRows.find((r) => r.name === 'naive2')!;
  process.stdout.write(
    `\nClassic monthly sales series: ${classic.length} histories (the ${CLASSIC_WINDOWS.join(' or ')} months before every ` +
      `12th month), h = ${CLASSIC_HORIZON}; OWA relative to Naive2\n\n${table(classicRows, classicNaive2)}\n`,
  );

  if (!(headlineOwa < 1)) {
    log(`FAILED — default OWA ${headlineOwa.toFixed(3)} is not below 1`);
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
