import { t } from '../core/i18n';
import { sampleHistory, samplePipeline, samplePipelineRows, sampleTargets, SAMPLE_DATE_COLUMNS, SAMPLE_WIDTHS } from '../core/sample/sample-pipeline';
import { writeSampleFile } from './sample-file';
import { monthKey } from '../core/util/dates';
import { newWorkbook, saveWorkbookFile } from '../workbook/node-file/file';
import { withGuardedFile } from './guarded-file';
import { EXIT, type ExitCode, type Output } from './output';

export const SAMPLE_SHEET = 'Pipeline';
/** The owner targets of the sample (SPEC §8), where the report finds them. */
export const SAMPLE_TARGETS_SHEET = 'Targets';

export interface SampleCommandOptions {
  deals: number;
  seed: number;
  /** Also the pipeline as it stood at each of the last n month ends, one sheet each (`Pipeline YYYY-MM`). */
  monthsOfHistory?: number;
  /** `xlsx` (default), or a CSV or Parquet file of the pipeline alone, written row by row (SPEC §10). */
  format?: 'xlsx' | 'csv' | 'parquet';
}

/** `funnel-report sample <out.xlsx> [--deals N] [--seed S] [--months-of-history N]`. */
export async function sampleCommand(file: string, options: SampleCommandOptions, out: Output): Promise<ExitCode> {
  const format = options.format ?? 'xlsx';
  if (format !== 'xlsx') return writeSampleFile(file, format, samplePipelineRows({ deals: options.deals, seed: options.seed }), out);
  return withGuardedFile(file, 'en-US', out, () => writeSample(file, options, out));
}

/** The sheet of the pipeline as it stood at the end of a month. */
export function historySheetName(month: number): string {
  return `${SAMPLE_SHEET} ${monthKey(month)}`;
}

async function writeSample(file: string, options: SampleCommandOptions, out: Output): Promise<ExitCode> {
  const workbook = newWorkbook();
  const sample = { deals: options.deals, seed: options.seed };
  workbook.addValuesSheet(SAMPLE_SHEET, samplePipeline(sample), { dateColumns: SAMPLE_DATE_COLUMNS, widths: SAMPLE_WIDTHS });
  workbook.addValuesSheet(SAMPLE_TARGETS_SHEET, sampleTargets(sample), { widths: [10, 16, 12] });
  const history = options.monthsOfHistory ? sampleHistory(sample, options.monthsOfHistory) : [];
  for (const { month, rows } of history) workbook.addValuesSheet(historySheetName(month), rows, { dateColumns: SAMPLE_DATE_COLUMNS, widths: SAMPLE_WIDTHS });
  await saveWorkbookFile(workbook, file);
  // The sample command has no --locale: its sheets are English.
  const months =
    history.length > 0
      ? t('en-US', 'cli.sample.history', {
          months: history.length,
          first: historySheetName(history[0]!.month),
          last: historySheetName(history[history.length - 1]!.month),
        })
      : '';
  out.info(t('en-US', 'cli.sample.done', { deals: options.deals, file, sheet: SAMPLE_SHEET, targets: SAMPLE_TARGETS_SHEET, history: months }));
  return EXIT.done;
}
