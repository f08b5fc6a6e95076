import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../core/sample/sample-pipeline';
import { newWorkbook, saveWorkbookFile } from '../workbook/xlsx/file';
import { withGuardedFile } from './guarded-file';
import { EXIT, type ExitCode, type Output } from './output';

export const SAMPLE_SHEET = 'Pipeline';

/** `funnel-report sample <out.xlsx> [--deals N] [--seed S]`. */
export async function sampleCommand(file: string, options: { deals: number; seed: number }, out: Output): Promise<ExitCode> {
  return withGuardedFile(file, 'en-US', out, () => writeSample(file, options, out));
}

async function writeSample(file: string, options: { deals: number; seed: number }, out: Output): Promise<ExitCode> {
  const workbook = newWorkbook();
  workbook.addValuesSheet(SAMPLE_SHEET, samplePipeline({ deals: options.deals, seed: options.seed }), {
    dateColumns: SAMPLE_DATE_COLUMNS,
    widths: [12, 24, 14, 9, 13, 13, 12, 10, 16, 12, 14, 9, 14, 13],
  });
  await saveWorkbookFile(workbook, file);
  out.info(`Sample pipeline of ${options.deals} deals written to ${file} (sheet "${SAMPLE_SHEET}").`);
  return EXIT.done;
}
