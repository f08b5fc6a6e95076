import { HyperFormula } from 'hyperformula';
import { forecastSeries } from '../src/core/forecast/index';
import { DEFAULT_STAGES } from '../src/core/pipeline/stages';
import { samplePipeline } from '../src/core/sample/sample-pipeline';
import type { CellValue } from '../src/core/util/cell';
import { conversion, forecast } from '../src/functions/functions';
import { clearFunctionCaches } from '../src/functions/range-cache';
import type { BenchRow } from './harness';

const ROWS = 100_000;
const CALLS = 1_000;
/** HyperFormula takes most of a second per COUNTIF formula over 100k cells: 1,000 would take a quarter of an hour. */
const HYPERFORMULA_CELLS = 10;
const STEPS = [...DEFAULT_STAGES.stages.map((s) => s.name), 'Won'];
/** The 15 ordered (from, to) pairs of the six steps, repeated to 1,000 calls. */
const PAIRS = STEPS.flatMap((from, i) => STEPS.slice(i + 1).map((to) => [from, to] as const));
const pair = (i: number) => PAIRS[i % PAIRS.length]!;

/** Outside Excel there is no CustomFunctions global; the functions only need its Error class to build error values. */
function ensureCustomFunctionsGlobal(): void {
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  if (g.CustomFunctions !== undefined) return;
  class BenchCustomFunctionError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  g.CustomFunctions = { Error: BenchCustomFunctionError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };
}

function ms(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

/** Median of a few timed runs, each after `before` (not timed). */
function median(runs: number, f: () => unknown, before: () => void = () => {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    times.push(ms(f));
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/**
 * FUNNEL.CONVERSION and FUNNEL.FORECAST as Excel calls them on a large
 * sheet: 100k-row ranges, passed as Excel passes them (a 2-D array per
 * call), first call with the caches empty, then 1,000 calls on the same
 * range. The functions never key on the array's identity (Excel passes a
 * fresh copy every time): they fingerprint its contents on every call, and
 * that time is included. The 1,000 CONVERSION calls each get a freshly
 * deserialized copy, as from Excel; the FORECAST calls reuse one array
 * (its cells are numbers and blanks, for which that makes no difference).
 *
 * Peers, measured in this run on the same data:
 * - one cold CONVERSION: a plain JavaScript loop counting the deals at or
 *   beyond each of the two stages (exact names, a Map lookup per cell);
 * - 1,000 CONVERSION calls: the same loop 1,000 times (no cache);
 * - per cell: HyperFormula 3 (a spreadsheet engine) computing the native
 *   formula a user would write instead, a ratio of sums of COUNTIF over the
 *   same 100k cells, for 10 cells (it takes most of a second per cell; the
 *   data is loaded before timing);
 * - FORECAST: the forecasting engine called directly on the same months
 *   already parsed, and without the cache for the per-call figure.
 */
export async function customFunctions(): Promise<BenchRow[]> {
  ensureCustomFunctionsGlobal();
  const sheet = samplePipeline({ deals: ROWS });
  const stageColumn = sheet[0]!.indexOf('Stage');
  const stages: CellValue[][] = sheet.map((row) => [row[stageColumn] ?? '']);

  // CONVERSION, first call: fingerprint, match every cell, count. The shared runtime is long-lived, so both sides
  // are timed warm (compiled): a few untimed runs first.
  for (let i = 0; i < 5; i++) {
    clearFunctionCaches();
    conversion(stages, 'Qualified', 'Won');
    plainConversion(stages, 'Qualified', 'Won');
  }
  const cold = median(5, () => conversion(stages, 'Qualified', 'Won'), clearFunctionCaches);
  const plain = median(5, () => plainConversion(stages, 'Qualified', 'Won'));
  if (Math.abs((conversion(stages, 'Qualified', 'Won') as number) - plainConversion(stages, 'Qualified', 'Won')) > 1e-12)
    throw new Error('CONVERSION and the plain loop disagree');

  // CONVERSION, 1,000 calls with different from/to on the same range (the first one fills the cache). Excel hands
  // every call a freshly deserialized copy of the range, so each call here gets one too (made before the clock
  // starts): with the same array every time, V8 would keep each string's hash from the previous call, which
  // flatters any Map-based loop in a way Excel never does.
  const json = JSON.stringify(stages);
  clearFunctionCaches();
  let thousand = 0;
  let plainThousand = 0;
  for (let i = 0; i < CALLS; i++) {
    const [from, to] = pair(i);
    const mine = JSON.parse(json) as CellValue[][];
    thousand += ms(() => conversion(mine, from, to));
    const theirs = JSON.parse(json) as CellValue[][];
    plainThousand += ms(() => plainConversion(theirs, from, to));
  }
  const hyper = hyperFormulaConversions(stages);

  // FORECAST over a 100k-row reference holding 10 years of months, then blanks (a whole-column style reference).
  const months = monthlyRevenue(120);
  const values: CellValue[][] = [['Revenue'], ...months.map((v) => [v]), ...Array.from({ length: ROWS - months.length - 1 }, () => [''])];
  for (let i = 0; i < 2; i++) {
    clearFunctionCaches();
    forecast(values);
  }
  const forecastCold = median(3, () => forecast(values), clearFunctionCaches);
  const engineOnly = median(3, () => forecastSeries(months, { horizon: 24, level: 0.95, backtestMonths: 6 }));
  clearFunctionCaches();
  const forecastThousand = ms(() => {
    for (let i = 0; i < CALLS; i++) forecast(values, 1 + (i % 24));
  });
  const uncachedRuns = 10;
  const uncached =
    ms(() => {
      for (let i = 0; i < uncachedRuns; i++) {
        clearFunctionCaches();
        forecast(values, 1 + (i % 24));
      }
    }) / uncachedRuns;

  return [
    {
      name: 'FUNNEL.CONVERSION, 100k-row range, first call (cold cache)',
      unit: 'ms',
      ours: cold,
      peerName: 'plain JS loop counting the two stages',
      peer: plain,
    },
    {
      name: 'FUNNEL.CONVERSION, 1,000 calls (different from/to), each on a fresh copy of one 100k-row range',
      unit: 'ms',
      ours: thousand,
      peerName: 'plain JS loop, 1,000 times',
      peer: plainThousand,
      note: 'the first call fills the cache',
    },
    {
      name: 'FUNNEL.CONVERSION, per cell, same 1,000 calls',
      unit: 'ms',
      ours: thousand / CALLS,
      peerName: `HyperFormula 3, native COUNTIF ratio formula (mean of ${HYPERFORMULA_CELLS} cells)`,
      peer: hyper,
    },
    {
      name: 'FUNNEL.FORECAST, 100k-row range (120 months), first call (cold cache)',
      unit: 'ms',
      ours: forecastCold,
      peerName: 'forecastSeries on the 120 numbers (engine alone)',
      peer: engineOnly,
    },
    {
      name: 'FUNNEL.FORECAST, per call, 1,000 calls (horizon 1–24) on one 100k-row range',
      unit: 'ms',
      ours: forecastThousand / CALLS,
      peerName: `same calls without the cache (mean of ${uncachedRuns})`,
      peer: uncached,
      note: 'a history over 1,200 months is refused (#VALUE!): 100k months take about a minute to fit',
    },
  ];
}

/** The peer for one call: a straight loop over the cells, counting deals at or beyond each stage by exact name. */
function plainConversion(range: readonly CellValue[][], from: string, to: string): number {
  const step = new Map<string, number>(STEPS.map((s, k) => [s, k]));
  step.set('Lost', 0);
  const fromStep = step.get(from)!;
  const toStep = step.get(to)!;
  let reachedFrom = 0;
  let reachedTo = 0;
  for (const row of range) {
    const k = step.get(row[0] as string);
    if (k === undefined) continue;
    if (k >= fromStep) reachedFrom++;
    if (k >= toStep) reachedTo++;
  }
  return reachedTo / reachedFrom;
}

/** Mean time for HyperFormula to compute one formula cell equivalent to a CONVERSION call, the data already loaded. */
function hyperFormulaConversions(stages: readonly CellValue[][]): number {
  const hf = HyperFormula.buildFromSheets({ Data: stages.map((r) => [r[0] ?? null]) }, { licenseKey: 'gpl-v3', maxRows: stages.length + 10 });
  const sheet = hf.getSheetId('Data')!;
  const range = `$A$1:$A$${stages.length}`;
  // reached(k): deals whose stage is k or later, or Won; a Lost deal counts at the first step.
  const reached = (k: number) => [...STEPS.slice(k), ...(k === 0 ? ['Lost'] : [])].map((s) => `COUNTIF(${range},"${s}")`).join('+');
  const formulas = Array.from({ length: HYPERFORMULA_CELLS }, (_, i) => [`=(${reached(STEPS.indexOf(pair(i)[1]))})/(${reached(STEPS.indexOf(pair(i)[0]))})`]);
  const took = ms(() => hf.setCellContents({ sheet, row: 0, col: 2 }, formulas));
  const check = hf.getCellValue({ sheet, row: 0, col: 2 });
  const expected = plainConversion(stages, pair(0)[0], pair(0)[1]);
  if (typeof check !== 'number' || Math.abs(check - expected) > 1e-9) throw new Error(`HyperFormula gave ${String(check)}, expected ${expected}`);
  hf.destroy();
  return took / HYPERFORMULA_CELLS;
}

/** A monthly revenue series with trend, a yearly season and noise (deterministic). */
function monthlyRevenue(n: number): number[] {
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648 - 0.5;
  };
  return Array.from({ length: n }, (_, i) => Math.round(100_000 + 900 * i + 18_000 * Math.sin((2 * Math.PI * i) / 12) + 9_000 * noise()));
}
