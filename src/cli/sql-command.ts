import { DEFAULT_STAGES, stagesFromNames } from '../core/pipeline/stages';
import { monthIndexOfSerial, parseMonthKey, serialFromDate } from '../core/util/dates';
import type { Dialect } from '../engines/sql/dialect';
import { metricScript } from '../engines/sql/script';
import { EXIT, type ExitCode, type Output } from './output';

export interface SqlCommandOptions {
  dialect: Dialect;
  month?: string;
  stages?: string;
  table?: string;
}

/** `funnel-report sql --dialect duckdb|spark|trino [--month M]`: prints the metric queries (default month: the last complete one, by the clock). */
export async function sqlCommand(options: SqlCommandOptions, out: Output): Promise<ExitCode> {
  const month = options.month === undefined ? monthIndexOfSerial(serialFromDate(new Date())) - 1 : parseMonthKey(options.month);
  if (month === null) {
    out.error(`"${options.month}" is not a month (YYYY-MM).`);
    return EXIT.unusable;
  }
  const stages = options.stages ? stagesFromNames(options.stages.split(',')) : DEFAULT_STAGES;
  out.info(metricScript(options.dialect, { month, stages, table: options.table }).trimEnd());
  return EXIT.done;
}
