import { promises as fs } from 'node:fs';
import path from 'node:path';
import { t } from '../../core/i18n';
import type { MonthlyMetrics } from '../../core/metrics/compute-metrics';
import { COHORT_MONTHS, type CohortRow } from '../../core/metrics/cohort-retention';
import { funnelSteps, stageNames } from '../../core/metrics/funnel';
import type { AccountTier, Tier } from '../../core/metrics/tiers';
import { pipelineVelocity } from '../../core/metrics/velocity';
import type { DataIssue, IssueCode } from '../../core/pipeline/data-issue';
import type { Field } from '../../core/pipeline/fields';
import { detectHeader, HEADER_SEARCH_ROWS, type HeaderDetection } from '../../core/pipeline/header';
import { FIELD_SYNONYMS } from '../../core/pipeline/fields';
import { teamTargetsByMonth } from '../../core/targets';
import type { StageConfig } from '../../core/pipeline/stages';
import { a1, type CellValue } from '../../core/util/cell';
import { type MonthIndex, monthKey, serialFromYmd, ymdFromSerial } from '../../core/util/dates';
import { ratio } from '../../core/util/ratio';
import { csvToValues, decodeCsv, detectDelimiter } from '../../workbook/csv';
import type { DataMonths, EngineMonth, EngineRequest, EngineSession, MetricsEngine, MonthOptions } from '../../usecases/engine';
import { MAX_UNKNOWN_LOST_SHARE, stageProbabilityLine, type WeightedPipeline } from '../../core/forecast/weighted-pipeline';
import { ISSUES_LISTED } from '../../usecases/engine';
import { pipelineError } from '../../usecases/load-pipeline';
import type { UseCaseError } from '../../usecases/use-case-error';
import { ident, lit, monthOfSerialSql } from '../sql/dialect';
import { type DealsSource, dealsTableSelect, issuesSelect } from '../sql/deals-view';
import { metricQueries } from '../sql/metrics';
import { type DuckConnection, type DuckInstance, type DuckValue, openDuckDb } from './load-duckdb';

/*
 * The DuckDB engine (SPEC §10): DuckDB's own CSV and Parquet readers read
 * the file as text columns, the normalised deals table is built once by the
 * SQL of ../sql/deals-view.ts, and each month's figures are the queries of
 * ../sql/metrics.ts. Only the header search (the first 20 rows, by core's
 * detectHeader) and the final ratios run here in TypeScript.
 */

/** Bytes read to find the header and the delimiter. */
const HEAD_BYTES = 1 << 20;

/** `packageName` is for the tests of a machine without DuckDB. */
export function duckDbEngine(options: { threads?: number; memoryLimit?: string; packageName?: string } = {}): MetricsEngine {
  return {
    name: 'duckdb',
    async open(request) {
      return openSession(request, options);
    },
  };
}

type Opened = { ok: true; session: EngineSession } | { ok: false; error: UseCaseError };

async function openSession(request: EngineRequest, options: { threads?: number; memoryLimit?: string; packageName?: string }): Promise<Opened> {
  const { locale, file } = request;
  const name = path.basename(file);
  const kind = fileKind(file);
  if (kind === null)
    return {
      ok: false,
      error: { code: 'engineInput', message: t(locale, 'error.engineInput', { file: name, reason: `${path.extname(file) || 'no extension'} is neither.` }) },
    };
  const db = await openDuckDb(
    {
      threads: String(options.threads ?? 2),
      memory_limit: options.memoryLimit ?? process.env.FUNNEL_DUCKDB_MEMORY ?? '1GB',
      preserve_insertion_order: 'true',
    },
    options.packageName,
  );
  if (db === null) return { ok: false, error: { code: 'engineMissing', message: t(locale, 'error.engineMissing') } };
  const { connection: con, instance } = db;
  const source = kind === 'csv' ? await csvSource(con, file, request, name) : await parquetSource(con, file, request, name);
  if (!source.ok) {
    instance.closeSync?.();
    return source;
  }
  const create = `CREATE TABLE parsed AS ${dealsTableSelect('duckdb', source.source)}`;
  // Row numbers are the table's insertion order: DuckDB keeps it in a plan without joins (a long IN list became a hash join once and shuffled the rows).
  // Should the plan not keep it, one thread does.
  const plan = (await rows(con, `EXPLAIN ${create}`)).map((r) => String(r.explain_value)).join('\n');
  if (!plan.includes('BATCH_CREATE_TABLE_AS')) await con.run('SET threads = 1');
  const started = performance.now();
  await con.run(create);
  trace(create, started);
  if (!plan.includes('BATCH_CREATE_TABLE_AS')) await con.run(`SET threads = ${options.threads ?? 2}`);
  const rowOffset = source.headerRowNumber;
  await con.run(
    source.source.row === null ? `CREATE VIEW deals AS SELECT rowid + ${rowOffset + 1} AS row_no, * FROM parsed` : 'CREATE VIEW deals AS SELECT * FROM parsed',
  );
  return { ok: true, session: await session(con, instance, source.source.header, request.stages) };
}

function fileKind(file: string): 'csv' | 'parquet' | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  return null;
}

type SourceRead = { ok: true; source: DealsSource; headerRowNumber: number } | { ok: false; error: UseCaseError };

/** A CSV: the header among the first rows (as the core finds it), then DuckDB's reader for every row below it, as text. */
async function csvSource(_con: DuckConnection, file: string, request: EngineRequest, name: string): Promise<SourceRead> {
  const { locale } = request;
  const handle = await fs.open(file, 'r');
  let head: Buffer;
  let whole: boolean;
  try {
    const { size } = await handle.stat();
    head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    whole = size <= HEAD_BYTES;
  } finally {
    await handle.close();
  }
  const decoded = decodeCsv(head);
  if (decoded === null || decoded.encoding !== 'UTF-8') {
    return {
      ok: false,
      error: {
        code: 'engineInput',
        message: t(locale, 'error.engineInput', {
          file: name,
          reason:
            `this one is ${decoded?.encoding ?? 'not text'}: save it as UTF-8, ` +
            `or report it with the in-memory engine (without --engine duckdb) if it has at most 1,048,576 rows.`,
        }),
      },
    };
  }
  let text = decoded.text.replace(/^\uFEFF/, '');
  if (!whole) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const delimiter = detectDelimiter(text) ?? ',';
  const values = csvToValues(text).slice(0, HEADER_SEARCH_ROWS);
  const header = detectHeader(values, request.stages, request.mapping);
  const refused = headerRefusal(header, values, name, request);
  if (refused) return refused;
  const width = Math.max(header!.headers.length, ...values.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const from =
    `read_csv(${lit(file)}, header = false, auto_detect = false, all_varchar = true, delim = ${lit(delimiter)}, ` +
    `quote = '"', escape = '"', skip = ${header!.headerRow + 1}, strict_mode = false, null_padding = false, columns = {${columns}})`;
  return {
    ok: true,
    headerRowNumber: header!.headerRow + 1,
    source: { from, column: (i) => `c${i}`, width, row: null, header: header!, stages: request.stages, decimal: request.decimal },
  };
}

/** A Parquet file: its column names are the header; each column is read as text (a DATE as 2026-10-05, a number as its digits). */
async function parquetSource(con: DuckConnection, file: string, request: EngineRequest, name: string): Promise<SourceRead> {
  const described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit(file)})`)).getRowObjectsJS();
  const names = described.map((r) => String(r.column_name));
  const header = detectHeader([names], request.stages, request.mapping);
  const refused = headerRefusal(header, [names], name, request);
  if (refused) return refused;
  const from = `read_parquet(${lit(file)}, file_row_number = true)`;
  return {
    ok: true,
    headerRowNumber: 1,
    source: {
      from,
      column: (i) => `CAST(${ident('duckdb', names[i]!)} AS VARCHAR)`,
      width: names.length,
      row: 'file_row_number + 2',
      header: header!,
      stages: request.stages,
      decimal: request.decimal,
    },
  };
}

function headerRefusal(header: HeaderDetection | null, values: CellValue[][], name: string, request: EngineRequest): { ok: false; error: UseCaseError } | null {
  const sheet = name;
  if (values.every((r) => r.every((c) => c === null))) return { ok: false, error: pipelineError({ code: 'emptySheet' }, sheet, name, request.locale) };
  if (header === null)
    return { ok: false, error: pipelineError({ code: 'noHeader', rowsSearched: Math.min(values.length, HEADER_SEARCH_ROWS) }, sheet, name, request.locale) };
  if (header.missing.length > 0) {
    const error = {
      code: 'missingFields' as const,
      missing: header.missing.map((field) => ({ field, synonyms: FIELD_SYNONYMS[field] })),
      headers: header.headers.filter((h) => h !== ''),
      headerRow: header.headerRow + 1,
    };
    return { ok: false, error: pipelineError(error, sheet, name, request.locale) };
  }
  return null;
}

/** A number from DuckDB (BIGINT and HUGEINT come as bigint), null as null. */
function num(v: DuckValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return null;
}

async function rows(con: DuckConnection, sql: string): Promise<Record<string, DuckValue>[]> {
  const started = performance.now();
  const result = (await con.runAndReadAll(sql)).getRowObjectsJS();
  trace(sql, started);
  return result;
}

/** FUNNEL_DUCKDB_TRACE=1: each statement's time on stderr (what the bench notes are measured with). */
function trace(sql: string, started: number): void {
  if (process.env.FUNNEL_DUCKDB_TRACE) process.stderr.write(`duckdb ${Math.round(performance.now() - started)} ms: ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
}

/** The CSV reader's cell (workbook/csv.ts): a plain number is a number, anything else stays text. */
function cellOf(text: DuckValue | undefined): CellValue {
  if (text === null || text === undefined) return null;
  const s = String(text);
  const trimmed = s.trim();
  if (trimmed === '') return null;
  if (/^-?(?:\d+|\d*\.\d+)$/.test(trimmed) && !/^-?0\d/.test(trimmed)) return Number(trimmed);
  return s;
}

async function session(con: DuckConnection, instance: DuckInstance, header: HeaderDetection, stages: StageConfig): Promise<EngineSession> {
  const issues = issuesSelect('duckdb', header);
  const [counts] = await rows(
    con,
    `SELECT (SELECT COUNT(*) FROM deals WHERE NOT blank) AS read, (SELECT COUNT(*) FROM (${issues}) AS i) AS issues, ` +
      `(SELECT COUNT(DISTINCT row_no) FROM (${issues}) AS i) AS rows_with_issues`,
  );
  const listed = await rows(con, `SELECT * FROM (${issues}) AS i ORDER BY row_no, ord LIMIT ${ISSUES_LISTED}`);
  const fieldOfColumn = new Map<number, Field>();
  for (const [field, c] of Object.entries(header.mapping)) if (c !== undefined && !fieldOfColumn.has(c)) fieldOfColumn.set(c, field as Field);
  const dataIssues: DataIssue[] = listed.map((r) => {
    const row = num(r.row_no)!;
    const c = num(r.col)!;
    return {
      row,
      column: header.headers[c] ?? '',
      field: fieldOfColumn.get(c) ?? 'stage',
      address: a1(row - 1, c),
      value: cellOf(r.value),
      code: String(r.code) as IssueCode,
    };
  });
  const unknown = (
    await rows(con, 'SELECT unknown_stage AS value, COUNT(*) AS n FROM deals WHERE NOT blank AND unknown_stage IS NOT NULL GROUP BY unknown_stage')
  )
    .map((r) => ({ value: String(r.value), count: num(r.n)! }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const currencies = (
    await rows(con, "SELECT currency, COUNT(*) AS n, COUNT(CASE WHEN status = 'won' THEN 1 END) AS won FROM deals WHERE NOT blank GROUP BY currency")
  ).map((r) => ({ currency: r.currency === null || r.currency === undefined ? null : String(r.currency), deals: num(r.n)!, won: num(r.won)! }));
  const rowsRead = num(counts!.read)!;
  return {
    header,
    rowsRead,
    rowsClean: rowsRead - num(counts!.rows_with_issues)!,
    issueCount: num(counts!.issues)!,
    issues: dataIssues,
    unknownStages: unknown,
    currencies,
    dataMonths: (today) => dataMonths(con, today),
    month: (month, options) => monthFigures(con, stages, month, options),
    async close() {
      con.closeSync?.();
      instance.closeSync?.();
    },
  };
}

/** core/metrics/data-months.ts in SQL: the months with a created or close date, and the last complete one. */
async function dataMonths(con: DuckConnection, today?: number): Promise<DataMonths> {
  const months = await rows(
    con,
    `SELECT DISTINCT m FROM (SELECT ${monthOfSerialSql('created')} AS m FROM deals WHERE NOT blank AND created IS NOT NULL ` +
      `UNION ALL SELECT ${monthOfSerialSql('closed')} FROM deals WHERE NOT blank AND closed IS NOT NULL) AS ms ORDER BY m`,
  );
  let limit = Infinity;
  if (today !== undefined) {
    const { year, month, day } = ymdFromSerial(today);
    limit = serialFromYmd(year + 1, month, day);
  }
  const bound = Number.isFinite(limit) ? ` AND d <= ${limit}` : '';
  const [latest] = await rows(
    con,
    `SELECT MAX(d) AS latest FROM (SELECT created AS d FROM deals WHERE NOT blank ` +
      `UNION ALL SELECT closed FROM deals WHERE NOT blank) AS ds WHERE d IS NOT NULL${bound}`,
  );
  const last = num(latest?.latest);
  let lastComplete: MonthIndex | null = null;
  if (last !== null) {
    const [m] = await rows(con, `SELECT ${monthOfSerialSql(String(last))} AS m, ${monthOfSerialSql(String(last + 1))} AS next`);
    lastComplete = num(m!.next) === num(m!.m) ? num(m!.m)! - 1 : num(m!.m)!;
  }
  return { withData: months.map((r) => num(r.m)!), lastComplete };
}

async function monthFigures(con: DuckConnection, stages: StageConfig, month: MonthIndex, options: MonthOptions): Promise<EngineMonth> {
  const openStages = stages.stages.length;
  const team = [...teamTargetsByMonth(options.targets).entries()];
  const targetRows = team.map(([m, v], i) => (i === 0 ? `SELECT ${m} AS month, CAST(${v} AS DOUBLE) AS target` : `SELECT ${m}, CAST(${v} AS DOUBLE)`));
  const targets = team.length === 0 ? null : `(${targetRows.join(' UNION ALL ')})`;
  const queries = metricQueries('duckdb', {
    month,
    openStages,
    repurchaseMonths: options.repurchaseMonths,
    targets,
    horizon: options.horizon,
    stageDefaults: stages.stages.map((s) => s.probability),
  });
  const result: Record<string, Record<string, DuckValue>[]> = {};
  for (const q of queries) result[q.name] = await rows(con, q.sql);
  const one = (name: string) => result[name]![0] ?? {};
  const names = stageNames(stages);
  const reached = Array.from({ length: openStages + 1 }, (_, k) => num(result.funnel!.find((r) => num(r.step) === k)?.reached) ?? 0);
  const closed = one('closed');
  const c = (k: string) => num(closed[k]) ?? 0;
  const winRate = ratio(c('won_deals'), c('won_deals') + c('lost_deals'));
  const averageDealSize = ratio(c('revenue'), c('sized_deals'));
  const cycleDaysMean = ratio(c('cycle_days'), c('cycle_deals'));
  const fresh = one('new_customers');
  const newCustomers = num(fresh.new_customers) ?? 0;
  const costed = num(fresh.costed) ?? 0;
  const goal = one('attainment');
  const rep = one('repurchase');
  const ren = one('renewal');
  const contracts = num(ren.contracts) ?? 0;
  const renewalRate = contracts === 0 ? null : ratio(num(ren.renewed) ?? 0, contracts);
  const metrics: MonthlyMetrics = {
    funnel: { mode: 'cohort', strict: false, steps: funnelSteps(reached, names) },
    winRate,
    wonDeals: c('won_deals'),
    lostDeals: c('lost_deals'),
    revenue: c('revenue'),
    averageDealSize,
    cycleDaysMean,
    cycleDaysMedian: num(one('cycle_median').median),
    velocityPerDay: pipelineVelocity({ openDeals: num(one('open_deals').open_deals) ?? 0, winRate, averageDealSize, cycleDaysMean }),
    cost: c('costed_deals') === 0 ? null : c('cost'),
    costRate: ratio(c('cost'), c('costed_amount')),
    cac: costed === 0 ? null : ratio(num(fresh.cost) ?? 0, newCustomers),
    newCustomers,
    target: num(goal.target),
    attainment: num(goal.attainment),
    attainmentQtd: num(goal.attainment_qtd),
    attainmentYtd: num(goal.attainment_ytd),
    repurchaseRate: ratio(num(rep.repeat_accounts) ?? 0, num(rep.accounts) ?? 0),
    renewalRate,
    churnRate: renewalRate === null ? null : 1 - renewalRate,
    cohortRetention: cohortRows(result.cohorts!, month),
    tiers: result.tiers!.map((r) => ({ account: String(r.account).trim(), revenue12m: num(r.revenue)!, tier: String(r.tier) as Tier }) satisfies AccountTier),
    bottleneck: null,
    segments: {},
  };
  const byMonth = new Map(result.revenue_history!.map((r) => [num(r.month)!, num(r.revenue) ?? 0]));
  const firstWon = Math.min(...byMonth.keys());
  const firstMonth = Math.min(Number.isFinite(firstWon) ? firstWon : Infinity, month);
  const values = Array.from({ length: Math.max(0, month - firstMonth + 1) }, (_, i) => byMonth.get(firstMonth + i) ?? 0);
  return {
    month,
    metrics,
    history: { firstMonth, values },
    weighted: weightedOf(result.stage_probabilities!, result.weighted_pipeline!, stages, month, options.horizon),
  };
}

/** core/forecast/weighted-pipeline.ts from the counts SQL returns: the probabilities' rule (and its caveat) and the buckets. */
function weightedOf(
  probabilityRows: Record<string, DuckValue>[],
  buckets: Record<string, DuckValue>[],
  stages: StageConfig,
  month: MonthIndex,
  horizon: number,
): WeightedPipeline {
  const first = probabilityRows[0] ?? {};
  const lost = num(first.lost) ?? 0;
  const lostStagesUnknown = lost > 0 && (num(first.unknown_lost) ?? 0) / lost > MAX_UNKNOWN_LOST_SHARE;
  const stageProbabilities = stages.stages.map((stage, k) => {
    const r = probabilityRows.find((x) => num(x.k) === k) ?? {};
    return stageProbabilityLine(stage, k, num(r.closed_deals) ?? 0, num(r.won_deals) ?? 0, lostStagesUnknown);
  });
  const bucket = (b: number) => buckets.find((r) => num(r.bucket) === b);
  const months = Array.from({ length: Math.max(0, horizon) }, (_, i) => {
    const r = bucket(i);
    return { month: month + 1 + i, amount: num(r?.weighted) ?? 0, openAmount: num(r?.open_amount) ?? 0, deals: num(r?.deals) ?? 0 };
  });
  const overdue = bucket(-1);
  return {
    stageProbabilities,
    months,
    overdue: { deals: num(overdue?.deals) ?? 0, amount: num(overdue?.open_amount) ?? 0, weightedAmount: num(overdue?.weighted) ?? 0 },
    laterDeals: num(bucket(horizon)?.deals) ?? 0,
    assumedCycleDays: num(first.cycle),
  };
}

function cohortRows(result: Record<string, DuckValue>[], month: MonthIndex): CohortRow[] {
  const firstCohort = month - COHORT_MONTHS + 1;
  const counts = new Map(result.map((r) => [`${num(r.cohort)}:${num(r.since)}`, num(r.accounts)!]));
  return Array.from({ length: COHORT_MONTHS }, (_, row) => {
    const cohort = firstCohort + row;
    const size = counts.get(`${cohort}:0`) ?? 0;
    const rates = Array.from({ length: COHORT_MONTHS }, (_, k) => (size === 0 || cohort + k > month ? null : (counts.get(`${cohort}:${k}`) ?? 0) / size));
    return { cohort: monthKey(cohort), accounts: size, rates };
  });
}
