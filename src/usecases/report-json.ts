import { t, type Locale } from '../core/i18n';
import type { MonthlyMetrics } from '../core/metrics/compute-metrics';
import type { Funnel } from '../core/metrics/funnel';
import type { Pipeline } from '../core/pipeline/read-pipeline';
import type { CellValue } from '../core/util/cell';

/** The CLI's `--json` output and the pane's result (stable field names; later issues add fields). */
export interface ReportJson extends Omit<MonthlyMetrics, 'funnel'> {
  schemaVersion: 1;
  month: string;
  sheet: string;
  stages: string[];
  /** Which sheet header feeds each field. */
  mapping: Record<string, string>;
  deals: { read: number; used: number; issues: number };
  funnel: Funnel;
  unknownStages: { value: string; count: number }[];
  issues: { row: number; column: string; address: string; value: CellValue; code: string; reason: string }[];
}

export function reportJson(args: { month: string; sheet: string; stages: string[]; pipeline: Pipeline; metrics: MonthlyMetrics; locale: Locale }): ReportJson {
  const { pipeline } = args;
  const { funnel, ...metrics } = args.metrics;
  return {
    schemaVersion: 1,
    month: args.month,
    sheet: args.sheet,
    stages: args.stages,
    mapping: Object.fromEntries(Object.entries(pipeline.header.mapping).map(([field, col]) => [field, pipeline.header.headers[col!] ?? ''])),
    deals: { read: pipeline.rowsRead, used: pipeline.rowsClean, issues: pipeline.issues.length },
    funnel,
    ...metrics,
    unknownStages: pipeline.unknownStages,
    issues: pipeline.issues.map((i) => ({ row: i.row, column: i.column, address: i.address, value: i.value, code: i.code, reason: t(args.locale, `issue.${i.code}`) })),
  };
}
