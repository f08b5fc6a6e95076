import { FIELDS } from '../../core/pipeline/fields';
import { detectHeader } from '../../core/pipeline/header';
import type { StageConfig } from '../../core/pipeline/stages';
import { DEFAULT_REPURCHASE_MONTHS } from '../../core/metrics/repurchase';
import { DEFAULT_HORIZON } from '../../core/forecast/forecast-series';
import { monthKey, type MonthIndex } from '../../core/util/dates';
import { type Dialect, ident } from './dialect';
import { dealsTableSelect, issuesSelect } from './deals-view';
import { metricQueries, queryComment, type MetricQuery } from './metrics';
import { ISSUES_LISTED } from '../../usecases/engine';

/*
 * `funnel-report sql`: the deals view and every metric query of a month for
 * a warehouse, from the same definitions the DuckDB engine runs. The source
 * is a table with one row per deal whose text columns are named by field
 * (`id`, `account`, `stage`, …, `lost_reason`, and `<Stage> Date` per open
 * stage); a view over your own table renames its columns to these.
 */

export interface ScriptOptions {
  month: MonthIndex;
  stages: StageConfig;
  /** The source table (default `pipeline`). */
  table?: string;
}

/** The source table's columns, in order: the fields, then one date column per open stage. */
export function sourceColumns(stages: StageConfig): string[] {
  return [...FIELDS.map((f) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)), ...stages.stages.map((s) => `${s.name} Date`)];
}

/** Each statement of the script, with a comment naming it: the view first, then the data issues, then the metrics. */
export function scriptStatements(d: Dialect, options: ScriptOptions): MetricQuery[] {
  const columns = sourceColumns(options.stages);
  const header = detectHeader([columns], options.stages)!;
  const table = options.table ?? 'pipeline';
  const idColumn = ident(d, columns[header.mapping.id!]!);
  const select = dealsTableSelect(d, {
    from: `${table} AS src`,
    column: (i) => `CAST(${ident(d, columns[i]!)} AS ${d === 'spark' ? 'STRING' : 'VARCHAR'})`,
    width: columns.length,
    row: `ROW_NUMBER() OVER (ORDER BY ${idColumn}) + 1`,
    header,
    stages: options.stages,
  });
  const create = d === 'spark' ? 'CREATE OR REPLACE TEMPORARY VIEW' : d === 'duckdb' ? 'CREATE OR REPLACE TEMP VIEW' : 'CREATE OR REPLACE VIEW';
  const issues = issuesSelect(d, header);
  return [
    { name: 'deals', title: `The normalised deals (SPEC §1) over ${table}`, sql: `${create} deals AS\n${select}` },
    { name: 'issue_count', title: 'Data issues, counted', sql: `SELECT COUNT(*) AS issues, COUNT(DISTINCT row_no) AS rows_with_issues FROM (${issues}) AS i` },
    {
      name: 'issues',
      title: `The first ${ISSUES_LISTED} data issues (row, order in the row, column number, value, reason code)`,
      sql: `SELECT * FROM (${issues}) AS i ORDER BY row_no, ord LIMIT ${ISSUES_LISTED}`,
    },
    ...metricQueries(d, {
      month: options.month,
      openStages: options.stages.stages.length,
      repurchaseMonths: DEFAULT_REPURCHASE_MONTHS,
      horizon: DEFAULT_HORIZON,
      stageDefaults: options.stages.stages.map((s) => s.probability),
    }),
  ];
}

/** The printed script. */
export function metricScript(d: Dialect, options: ScriptOptions): string {
  const columns = sourceColumns(options.stages);
  const head = [
    `-- Funnel Reporter: the metrics of SPEC §2 for ${monthKey(options.month)}, ${d === 'spark' ? 'Spark SQL' : d === 'trino' ? 'Trino' : 'DuckDB'} dialect.`,
    `-- Source: a table ${options.table ?? 'pipeline'} with one row per deal and these columns (text): ${columns.join(', ')}.`,
    '-- Dates are Excel serial days (1899-12-30 = 0), months year × 12 + month − 1; ratios are left to the reader (null on a zero denominator).',
    '-- Targets: replace the empty targets subquery of "attainment" by a table (month, target) with one row a month.',
  ];
  return `${[...head, ...scriptStatements(d, options).map((q) => `\n${queryComment(q)}\n${q.sql};`)].join('\n')}\n`;
}
