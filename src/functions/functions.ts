/* The FUNNEL.* custom functions: thin wrappers over src/core, run in the shared runtime.
 * custom-functions-metadata-plugin reads the JSDoc below to generate functions.json and adds the
 * CustomFunctions.associate calls itself. Ids (the name after @customfunction) never change once published.
 * Parameter types are `any[][]` because Excel passes ranges of mixed numbers, text and blanks; the
 * metadata generator accepts only its own type names, so the wrappers narrow the values themselves. */
/* How every function reads its arguments:
 * - A range is read row by row as one list of cells. Ranges that describe the same deals (created/closed/statuses,
 *   accounts/dates, …) must have the same number of cells, else #VALUE! naming both.
 * - Blank cells, "" or null as hosts pass them, are blanks. Dates are Excel serials (what Excel passes for a date
 *   cell) or date text as the pipeline reader takes it (2026-03-31, 2026/3/31, 2026年3月31日).
 * - Header rows: the first row is not special. A cell that is no usable value for its argument (a header such as
 *   "Stage" or "Close Date", a note such as "n/a") leaves its row out of the figure that needs it, as Excel's SUM
 *   ignores text and as the report leaves out a row with a data issue; so a range may be selected with or without
 *   its header. Two exceptions, where leaving a row out would change the answer: FORECAST/BACKTEST values (text only
 *   before the first number: a dropped month would shift the series) and ATTAINMENT (a month with an actual and no
 *   usable target is #N/A).
 * - Errors are values, never thrown: #VALUE! when an argument cannot be used (the message says which and why), #N/A
 *   when the answer is undefined for the data (a zero denominator, too short a history). Never NaN or Infinity.
 *   The spilling functions (FORECAST, BACKTEST) return their error as a 1×1 array.
 * - Results that depend only on a range's contents are cached by a fingerprint of the contents (range-cache.ts). */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { DEFAULT_BACKTEST_MONTHS, DEFAULT_HORIZON, FORECAST_METHODS, type ForecastMethod, forecastSeries, type SeriesForecast } from '../core/forecast/index';
import { attainmentOfColumns } from '../core/worksheet-functions/attainment-of-ranges';
import { costRateOfColumns } from '../core/worksheet-functions/cost-rate-of-ranges';
import type { DealTable } from '../core/metrics/deal-table';
import { ALL_TIME, type DealColumns, dealTableOfColumns } from '../core/worksheet-functions/deals-of-ranges';
import { stageNames } from '../core/metrics/funnel';
import { funnelStepOf, type ReachedCounts, reachedOfStageColumn, stageOrderOfNames } from '../core/worksheet-functions/funnel-of-ranges';
import { monthOfSerial } from '../core/metrics/month-of-serial';
import { renewal } from '../core/metrics/renewal';
import { DEFAULT_REPURCHASE_MONTHS, repurchaseRate } from '../core/metrics/repurchase';
import { salesCycle } from '../core/metrics/sales-cycle';
import { monthlySeriesOfCells } from '../core/worksheet-functions/series-of-ranges';
import { winRateOfStatuses } from '../core/worksheet-functions/win-rate-of-ranges';
import { DEFAULT_STAGES, type StageConfig } from '../core/pipeline/stages';
import { bandsOfCells, DEFAULT_BAND_ROWS } from '../core/worksheet-functions/bands-of-cells';
import { bandLevel, type BandRow, riskScore } from '../core/risk/score';
import { isoFromSerial, monthKey } from '../core/util/dates';
import { ratio } from '../core/util/ratio';
import {
  asRange,
  dateArgument,
  describeValue,
  type ExcelRange,
  flatten,
  isBlankCell,
  isError,
  isOmittedRange,
  notAvailable,
  type Result,
  sameSize,
  scalarArgument,
  valueError,
  wholeNumberArgument,
} from './excel-values';
import { functionCache, rangeFingerprint } from './range-cache';

/**
 * Cost rate: total cost ÷ total amount (a ratio of sums), over the rows where both are numbers.
 * @customfunction COSTRATE
 * @param costs Order costs, one per deal (a column of the pipeline).
 * @param amounts Amounts of the same deals, in the same order.
 * @returns The cost rate: 0.5 for a cost of 100 on revenue of 200.
 */
export function costRate(costs: any[][], amounts: any[][]): number | CustomFunctions.Error {
  const c = flatten(costs as ExcelRange);
  const a = flatten(amounts as ExcelRange);
  if (c.length !== a.length) return valueError(`costs has ${c.length} cells and amounts ${a.length}: give two ranges of the same size.`);
  const { rate, rows } = costRateOfColumns(c, a);
  if (rate === null) return notAvailable(rows === 0 ? 'No row has both a numeric cost and a numeric amount.' : 'The amounts add up to zero.');
  return rate;
}

/**
 * Risk score: probability × impact, each a whole number from 1 to 5.
 * @customfunction RISKSCORE
 * @param probability Likelihood of the risk, 1 (rare) to 5 (almost certain).
 * @param impact Impact if it happens, 1 (minor) to 5 (severe).
 * @returns The score, 1 to 25.
 */
export function riskScoreFunction(probability: any, impact: any): number | CustomFunctions.Error {
  const score = riskScore(probability, impact);
  if (score !== null) return score;
  const bad = riskScore(probability, 1) === null ? ['probability', probability] : ['impact', impact];
  return valueError(`${bad[0]} must be a whole number from 1 to 5, not ${JSON.stringify(bad[1])}.`);
}

/* ---------- Funnel: CONVERSION, REACHED ---------- */

/** The reached counts of a stages range under a stage order: what every CONVERSION and REACHED cell over that range shares. */
interface StageFunnel {
  stages: StageConfig;
  /** "stage_order" or "the default stages", for messages. */
  orderName: string;
  counts: ReachedCounts;
}

const funnels = functionCache<Result<StageFunnel>>(8);

function stageFunnel(stages: unknown, stageOrder: unknown): Result<StageFunnel> {
  const custom = !isOmittedRange(stageOrder);
  const key = `${rangeFingerprint(asRange(stages))}|${custom ? rangeFingerprint(asRange(stageOrder)) : 'default'}`;
  return funnels.getOrCompute(key, () => {
    let config = DEFAULT_STAGES;
    if (custom) {
      const order = stageOrderOfNames(flatten(asRange(stageOrder)));
      if (!order.ok) {
        return valueError(
          order.problem === 'duplicate'
            ? `stage_order names ${describeValue(order.name)} twice.`
            : 'stage_order names no open stage: list the open stages in order (Won and Lost may follow).',
        );
      }
      config = order.stages;
    }
    const orderName = custom ? 'stage_order' : 'the default stages';
    const counts = reachedOfStageColumn(flatten(asRange(stages)), config);
    if (counts.deals === 0 && counts.unknown > 0) {
      return valueError(`stages: none of its ${counts.unknown} non-blank cells names a stage of ${orderName} (${stepList(config)}, Lost).`);
    }
    return { stages: config, orderName, counts };
  });
}

function stepList(stages: StageConfig): string {
  const names = stageNames(stages);
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 7).join(', ')}, … ${names[names.length - 1]}`;
}

function stepArgument(name: string, value: unknown, funnel: StageFunnel): Result<number> {
  const v = scalarArgument(name, value);
  if (isError(v)) return v;
  const step = funnelStepOf(v, funnel.stages);
  if (step !== null) return step;
  const n = funnel.stages.stages.length + 1;
  return valueError(`${name} must be a stage of ${funnel.orderName} (${stepList(funnel.stages)}) or its number 1–${n}, not ${describeValue(v)}.`);
}

// A deal reached its current stage and every stage before it (the last-reached-stage rule); a Won deal reached
// every stage; a Lost deal counts at the first stage only (its column says only "Lost"). Blank cells are not deals;
// text naming no stage (a header, a typo) is left out, as the report leaves a deal with an unknown stage out.
/**
 * Stage conversion: the share of deals that reached from_stage that also reached to_stage (skipped stages count as reached; a Lost deal counts at the
 *   first stage only).
 * @customfunction CONVERSION
 * @param stages Each deal's current stage (an open stage, Won or Lost): the Stage column of the pipeline.
 * @param from_stage Stage the conversion starts from: its name (e.g. "Lead") or its number in the stage order (1 = first).
 * @param to_stage Stage it ends at, at or after from_stage: a name, "Won", or a number.
 * @param [stage_order] The open stages in order (a range of names; Won and Lost may follow). Default: Lead, Qualified, Opportunity, Proposal, Negotiation.
 * @returns reached(to_stage) ÷ reached(from_stage), from 0 to 1.
 */
export function conversion(stages: any[][], from_stage: any, to_stage: any, stage_order?: any[][]): number | CustomFunctions.Error {
  const funnel = stageFunnel(stages, stage_order);
  if (isError(funnel)) return funnel;
  const from = stepArgument('from_stage', from_stage, funnel);
  if (isError(from)) return from;
  const to = stepArgument('to_stage', to_stage, funnel);
  if (isError(to)) return to;
  const steps = funnel.counts.steps;
  if (to < from) return valueError(`to_stage (${steps[to]!.stage}) comes before from_stage (${steps[from]!.stage}) in ${funnel.orderName}.`);
  const rate = ratio(steps[to]!.reached, steps[from]!.reached);
  return rate ?? notAvailable(`No deal in stages reached ${steps[from]!.stage}.`);
}

/**
 * Deals that reached a stage: those at it, at a later stage, or Won (skipped stages count as reached). A Lost deal counts at the first stage only.
 * @customfunction REACHED
 * @param stages Each deal's current stage (an open stage, Won or Lost): the Stage column of the pipeline.
 * @param stage The stage: its name (e.g. "Proposal", "Won") or its number in the stage order (1 = first).
 * @param [stage_order] The open stages in order (a range of names; Won and Lost may follow). Default: Lead, Qualified, Opportunity, Proposal, Negotiation.
 * @returns The number of deals that reached the stage.
 */
export function reached(stages: any[][], stage: any, stage_order?: any[][]): number | CustomFunctions.Error {
  const funnel = stageFunnel(stages, stage_order);
  if (isError(funnel)) return funnel;
  const step = stepArgument('stage', stage, funnel);
  if (isError(step)) return step;
  return funnel.counts.steps[step]!.reached;
}

/* ---------- Per-deal metrics: WINRATE, CYCLEDAYS, REPURCHASE, RENEWAL ---------- */

const winRates = functionCache<ReturnType<typeof winRateOfStatuses>>(8);

// Open deals, blanks and other text (a header) are in neither count.
/**
 * Win rate: won deals ÷ (won + lost deals). Status words in English or Chinese: Won, Closed Won, 成交, Lost, 流失 …
 * @customfunction WINRATE
 * @param statuses Each deal's status (or its stage, when Won and Lost are stages): the Status column of the pipeline.
 * @returns The win rate, from 0 to 1.
 */
export function winRate(statuses: any[][]): number | CustomFunctions.Error {
  const range = asRange(statuses);
  const counts = winRates.getOrCompute(rangeFingerprint(range), () => winRateOfStatuses(flatten(range)));
  if (counts.winRate !== null) return counts.winRate;
  const other = counts.unknown > 0 ? ` (${counts.unknown} cells hold other text)` : '';
  return notAvailable(`No cell of statuses is Won or Lost${other}.`);
}

/** Parsed per-deal columns, kept without the `Deal` objects: the metrics called here read only the typed columns. */
const tables = functionCache<DealTable>(4);

function cachedTable(kind: string, columns: Record<keyof DealColumns, ExcelRange | undefined>): DealTable {
  const key = `${kind}|${(Object.keys(columns) as (keyof DealColumns)[]).map((k) => `${k}=${rangeFingerprint(columns[k])}`).join('|')}`;
  return tables.getOrCompute(key, () => {
    const flat: DealColumns = {};
    for (const k of Object.keys(columns) as (keyof DealColumns)[]) {
      const range = columns[k];
      if (range !== undefined) flat[k] = flatten(range);
    }
    return { ...dealTableOfColumns(flat), deals: [] };
  });
}

// A close date before the created date is left out, as the report leaves it out (with a data issue).
/**
 * Sales cycle: the mean number of days from created to closed, over the deals with both dates (Won deals only when statuses are given).
 * @customfunction CYCLEDAYS
 * @param created Created dates, one per deal (date cells, serial numbers or date text).
 * @param closed Close dates of the same deals, in the same order.
 * @param [statuses] Statuses of the same deals: only Won deals count. Omitted: every row with both dates counts.
 * @returns The mean sales cycle in days.
 */
export function cycleDays(created: any[][], closed: any[][], statuses?: any[][]): number | CustomFunctions.Error {
  const c = asRange(created);
  const d = asRange(closed);
  const s = isOmittedRange(statuses) ? undefined : asRange(statuses);
  const size = sameSize([{ name: 'created', range: c }, { name: 'closed', range: d }, ...(s ? [{ name: 'statuses', range: s }] : [])]);
  if (size) return size;
  const table = cachedTable('cycle', { created: c, closed: d, status: s, account: undefined, contractEnd: undefined });
  const cycle = salesCycle(table, ALL_TIME);
  return cycle.cycleDaysMean ?? notAvailable(`No row has both a created and a close date${s ? ' on a Won deal' : ''}.`);
}

// Accounts compare trimmed, case-folded, spaces collapsed (SPEC §2). The ranges are the won deals only: pass
// them filtered (e.g. FILTER(...)), as there is no status argument; a row without a usable date is left out.
/**
 * Repurchase rate of won deals: accounts with 2+ deals closed in the window ÷ accounts with 1+. The window: the calendar months (3 by default) ending
 *   with the month of window_end.
 * @customfunction REPURCHASE
 * @param accounts Account of each won deal.
 * @param dates Close date of each won deal, in the same order.
 * @param window_end A date in the last month of the window.
 * @param [months] Length of the window in months, 1 to 120. Default 3.
 * @returns The repurchase rate, from 0 to 1.
 */
export function repurchase(accounts: any[][], dates: any[][], window_end: any, months?: any): number | CustomFunctions.Error {
  const a = asRange(accounts);
  const d = asRange(dates);
  const size = sameSize([
    { name: 'accounts', range: a },
    { name: 'dates', range: d },
  ]);
  if (size) return size;
  const end = dateArgument('window_end', window_end);
  if (isError(end)) return end;
  const length = wholeNumberArgument('months', months, { min: 1, max: 120, fallback: DEFAULT_REPURCHASE_MONTHS });
  if (isError(length)) return length;
  const table = cachedTable('deals', { account: a, closed: d, status: undefined, created: undefined, contractEnd: undefined });
  const month = monthOfSerial(end);
  const result = repurchaseRate(table, month, length);
  return result.repurchaseRate ?? notAvailable(`No account has a won deal in the ${length} month(s) ${monthKey(month - length + 1)} to ${monthKey(month)}.`);
}

// The ranges are the won deals only (as for REPURCHASE). Both ends of the renewal window are included; "another"
// deal is another row. Churn rate = 1 − renewal rate.
/**
 * Renewal rate of won deals: contracts ending in the period whose account has another deal closing 90 days before to 30 days after the contract end ÷
 *   contracts ending in the period.
 * @customfunction RENEWAL
 * @param accounts Account of each won deal.
 * @param close_dates Close date of each won deal, in the same order.
 * @param contract_ends Contract end date of each won deal (blank when it has none).
 * @param period_start First day of the period.
 * @param period_end Last day of the period (included).
 * @returns The renewal rate, from 0 to 1.
 */
export function renewalRate(
  accounts: any[][],
  close_dates: any[][],
  contract_ends: any[][],
  period_start: any,
  period_end: any,
): number | CustomFunctions.Error {
  const a = asRange(accounts);
  const c = asRange(close_dates);
  const e = asRange(contract_ends);
  const size = sameSize([
    { name: 'accounts', range: a },
    { name: 'close_dates', range: c },
    { name: 'contract_ends', range: e },
  ]);
  if (size) return size;
  const start = dateArgument('period_start', period_start);
  if (isError(start)) return start;
  const end = dateArgument('period_end', period_end);
  if (isError(end)) return end;
  if (end < start) return valueError(`period_end (${isoFromSerial(end)}) is before period_start (${isoFromSerial(start)}).`);
  const table = cachedTable('deals', { account: a, closed: c, contractEnd: e, status: undefined, created: undefined });
  const result = renewal(table, { start, end: end + 1 });
  return result.renewalRate ?? notAvailable(`No contract in contract_ends ends from ${isoFromSerial(start)} to ${isoFromSerial(end)}.`);
}

/* ---------- ATTAINMENT, RISKLEVEL ---------- */

// As core attainment: a month with an actual but no target gives #N/A (a partial target would overstate
// attainment); a month with a target and a blank actual had no revenue. A row with no number at all is left out.
/**
 * Target attainment: total actual ÷ total target (a ratio of sums), one row per month. A month with an actual needs a target.
 * @customfunction ATTAINMENT
 * @param actual Actual revenue: one cell, or one per month.
 * @param target Target of the same month(s), in the same order.
 * @returns Attainment: 1 when the actuals meet the targets.
 */
export function attainmentFunction(actual: any[][], target: any[][]): number | CustomFunctions.Error {
  const a = asRange(actual);
  const t = asRange(target);
  const size = sameSize([
    { name: 'actual', range: a },
    { name: 'target', range: t },
  ]);
  if (size) return size;
  const result = attainmentOfColumns(flatten(a), flatten(t));
  if (!result.ok) {
    const cell = `${result.which} (cell ${result.index + 1}) is ${describeValue(result.value)}`;
    return result.problem === 'missingTarget' ? notAvailable(`${cell}: a month with an actual needs a target.`) : valueError(`${cell}, not a number.`);
  }
  return result.attainment ?? notAvailable(result.rows === 0 ? 'No row has a numeric actual or target.' : 'The targets add up to zero.');
}

/**
 * Risk level of a risk: the band that holds probability × impact. Default bands: Low 1–4, Medium 5–9, High 10–16, Critical 20–25.
 * @customfunction RISKLEVEL
 * @param probability Likelihood of the risk, 1 (rare) to 5 (almost certain).
 * @param impact Impact if it happens, 1 (minor) to 5 (severe).
 * @param [bands] Two columns: level name and its lowest score, lowest band first, as the register's bands table (a header row is skipped).
 * @returns The level's name.
 */
export function riskLevelFunction(probability: any, impact: any, bands?: any[][]): string | CustomFunctions.Error {
  const score = riskScoreFunction(probability, impact);
  if (isError(score)) return score;
  let table: readonly BandRow<string>[] = DEFAULT_BAND_ROWS;
  if (!isOmittedRange(bands)) {
    const rows = asRange(bands);
    const width = rows[0]?.length ?? 0;
    if (width !== 2) return valueError(`bands must be two columns (level name, lowest score), not ${width}.`);
    const read = bandsOfCells(rows);
    if (!read.ok) {
      if (read.problem === 'noBands') return valueError('bands has no band.');
      const where = `bands row ${read.index + 1}`;
      if (read.problem === 'noName') return valueError(`${where} has a lowest score but no level name.`);
      if (read.problem === 'notANumber') return valueError(`${where}: the lowest score must be a number, not ${describeValue(read.value)}.`);
      return valueError(`${where}: lowest scores must rise from band to band; ${describeValue(read.value)} does not.`);
    }
    table = read.bands;
  }
  return bandLevel(score, table) ?? notAvailable(`Score ${score} is below the lowest band (${table[0]!.name} from ${table[0]!.from}).`);
}

/* ---------- Forecast: FORECAST, BACKTEST ---------- */

/**
 * Longest history FORECAST and BACKTEST take: 100 years of months. The engine fits and backtests every method,
 * and its time grows faster than the length (measured on this machine: 1,200 values ≈ 0.3 s, 10,000 ≈ 3 s,
 * 100,000 ≈ 60 s), while Excel waits for the answer; a monthly history is never that long.
 */
export const MAX_FORECAST_VALUES = 1200;
/** The fit is cached for at least this many months ahead, so a change of horizon up to it needs no refit. */
const CACHED_HORIZON = 24;

/** A values range read as a series, by fingerprint: parsing 100k cells is skipped on a cache hit. */
const series = functionCache<Result<number[]>>(8);
/** Fitted forecasts by values and options; the horizon is not in the key (see `fittedForecast`). */
const forecasts = functionCache<{ horizon: number; result: SeriesForecast }>(16);

function seriesOf(range: ExcelRange, fingerprint: string): Result<number[]> {
  return series.getOrCompute(fingerprint, () => {
    const read = monthlySeriesOfCells(flatten(range));
    if (!read.ok) return valueError(`values: cell ${read.index + 1} is ${describeValue(read.value)}, not a number (a blank between numbers is a month of 0).`);
    if (read.values.length > MAX_FORECAST_VALUES) {
      return valueError(`values holds ${read.values.length} months: at most ${MAX_FORECAST_VALUES} (100 years) of monthly history are taken.`);
    }
    return read.values;
  });
}

/**
 * The forecast of a series, fitted once per values and options. A forecast's first k points do not depend on
 * the horizon asked for (each step's forecast and band come from the same fit), so one fit for the longest
 * horizon seen serves every shorter one.
 */
function fittedForecast(
  range: ExcelRange,
  options: { season: number | 'auto'; method: ForecastMethod | 'auto'; backtestMonths: number },
  horizon: number,
): Result<SeriesForecast> {
  const fingerprint = rangeFingerprint(range);
  const key = `${fingerprint}|${options.season}|${options.method}|${options.backtestMonths}`;
  const hit = forecasts.get(key);
  if (hit !== undefined && hit.horizon >= horizon) return hit.result;
  const values = seriesOf(range, fingerprint);
  if (isError(values)) return values;
  const fitHorizon = Math.max(horizon, CACHED_HORIZON, hit?.horizon ?? 0);
  const result = forecastSeries(values, { ...options, horizon: fitHorizon, level: 0.95 });
  forecasts.set(key, { horizon: fitHorizon, result });
  return result;
}

const METHOD_NAMES: ReadonlyMap<string, ForecastMethod | 'auto'> = new Map<string, ForecastMethod | 'auto'>([
  ...FORECAST_METHODS.map((m) => [methodKey(m), m] as const),
  ['auto', 'auto'],
  ['forecastets', 'holt-winters'],
  ['forecastlinear', 'linear'],
  ['naive', 'seasonal-naive'],
]);

function methodKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function methodArgument(value: unknown): Result<ForecastMethod | 'auto'> {
  const v = scalarArgument('method', value);
  if (isError(v)) return v;
  if (isBlankCell(v)) return 'auto';
  const method = typeof v === 'string' ? METHOD_NAMES.get(methodKey(v)) : undefined;
  return method ?? valueError(`method must be auto or one of ${FORECAST_METHODS.join(', ')}, not ${describeValue(v)}.`);
}

function seasonArgument(value: unknown): Result<number | 'auto'> {
  const v = scalarArgument('season', value);
  if (isError(v)) return v;
  if (isBlankCell(v) || (typeof v === 'string' && v.trim().toLowerCase() === 'auto')) return 'auto';
  const n = wholeNumberArgument('season', v, { min: 0, max: 120, fallback: 0 });
  if (isError(n)) return valueError(`season must be auto, or a season length in months from 1 (no season) to 120, not ${describeValue(v)}.`);
  return Math.max(1, n); // 0 is "no season", as in Excel's FORECAST.ETS
}

/** A spilled function's error: Excel shows an error inside a returned array in its cell. */
function spillError(error: CustomFunctions.Error): any[][] {
  return [[error]];
}

// Values: text before the first number (a header) and blanks around the numbers are skipped; a blank between numbers is
// a month of 0 (SPEC §2: months with no won deal are 0); other text is #VALUE!. Season: "auto" lets the ETS model
// selection decide (12 or none); 1 or 0 means none (note: in FORECAST.ETS, 1 means auto). The method is the default
// (ETS + Theta + damped) unless one is given (names as in BACKTEST; "forecastets" = holt-winters, Excel's FORECAST.ETS model).
/**
 * Forecast of a monthly series: spills one row per month ahead with the forecast and its 95% band (lower, upper). The method is the default (the mean of
 *   ETS, Theta and damped trend) unless given.
 * @customfunction FORECAST
 * @param values Monthly history, oldest first (e.g. revenue by month); a header and trailing blanks are skipped, a blank month is 0.
 * @param [horizon] Months to forecast, 1 to 120. Default 6.
 * @param [method] auto (default: ets-theta-damped-arima), seasonal-naive, linear, holt-winters (forecast.ets), damped, naive2, theta, comb, ets,
 *   ets-theta-damped, arima or ets-theta-damped-arima.
 * @param [season] Season length in months; auto (default) lets the model selection decide (12 or none); 1 means no season.
 * @returns A horizon × 3 array: forecast, lower 95%, upper 95%.
 */
export function forecast(values: any[][], horizon?: any, method?: any, season?: any): any[][] {
  const h = wholeNumberArgument('horizon', horizon, { min: 1, max: 120, fallback: DEFAULT_HORIZON });
  if (isError(h)) return spillError(h);
  const m = methodArgument(method);
  if (isError(m)) return spillError(m);
  const s = seasonArgument(season);
  if (isError(s)) return spillError(s);
  const result = fittedForecast(asRange(values), { season: s, method: m, backtestMonths: DEFAULT_BACKTEST_MONTHS }, h);
  if (isError(result)) return spillError(result);
  if (result.reason !== null) return spillError(notAvailable(`values: ${result.reason.message}`));
  return result.points.slice(0, h).map((p) => [p.forecast, p.lower, p.upper]);
}

/**
 * Backtest of every forecast method on a monthly series: spills one row per method with its name, sMAPE (percent) and MASE over the last h months; blank
 *   where a score cannot be computed.
 * @customfunction BACKTEST
 * @param values Monthly history, oldest first (e.g. revenue by month); a header and trailing blanks are skipped, a blank month is 0.
 * @param [h] Months of the rolling-origin backtest, 1 to 120. Default 6.
 * @returns A 9 × 3 array: method, sMAPE, MASE: validation of each method; FORECAST uses the default unless told.
 */
export function backtestFunction(values: any[][], h?: any): any[][] {
  const months = wholeNumberArgument('h', h, { min: 1, max: 120, fallback: DEFAULT_BACKTEST_MONTHS });
  if (isError(months)) return spillError(months);
  const result = fittedForecast(asRange(values), { season: 'auto', method: 'auto', backtestMonths: months }, 1);
  if (isError(result)) return spillError(result);
  if (result.reason !== null) return spillError(notAvailable(`values: ${result.reason.message}`));
  return result.backtest.map((score) => [score.method, score.smape ?? '', score.mase ?? '']);
}
