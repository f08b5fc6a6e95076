import { type Locale, t } from '../../core/i18n';
import { SAMPLE_DATE_COLUMNS, samplePipeline } from '../../core/sample/sample-pipeline';
import type { UseCaseError } from '../../usecases/use-case-error';
import { csvFailureMessage, readCsv } from '../../workbook/csv';
import { WorkbookError, workbookErrorMessage } from '../../workbook/port';
import { XlsxPackage } from '../../workbook/xlsx-package/xlsx-package';

/** Browser mode: the workbook the user opened, held in memory (in the engine worker), and the name its download gets. */
export interface OpenBook {
  port: XlsxPackage;
  fileName: string;
  downloadName: string;
}

export type OpenResult = { ok: true; book: OpenBook } | { ok: false; error: UseCaseError };

/** Deals in the built-in sample: enough for a year of months to show, quick to generate. */
export const SAMPLE_DEALS = 1_500;
export const SAMPLE_FILE = 'sample-pipeline.xlsx';

/**
 * An .xlsx file as a package edited in place (the user's charts, pivot
 * tables and images come back byte for byte in the download), or a CSV
 * export as a new one-sheet workbook named after the file, downloaded as
 * .xlsx. What cannot be read is refused with a message naming the file.
 */
export function openBook(bytes: Uint8Array, fileName: string, locale: Locale): OpenResult {
  try {
    if (/\.(csv|txt)$/i.test(fileName)) {
      const read = readCsv(bytes);
      if (!read.ok) return { ok: false, error: { code: 'notAWorkbook', message: csvFailureMessage(fileName, read, locale) } };
      const port = XlsxPackage.create();
      port.addValuesSheet(csvSheetName(fileName), read.values);
      return { ok: true, book: { port, fileName, downloadName: fileName.replace(/\.[^.]+$/, '') + '.xlsx' } };
    }
    return { ok: true, book: { port: XlsxPackage.fromBytes(bytes), fileName, downloadName: fileName } };
  } catch (e) {
    if (e instanceof WorkbookError)
      return { ok: false, error: { code: e.code, message: t(locale, 'pane.open.failed', { file: fileName, reason: workbookErrorMessage(e, locale) }) } };
    return { ok: false, error: { code: 'notAWorkbook', message: t(locale, 'pane.open.failed', { file: fileName, reason: (e as Error).message }) } };
  }
}

/** The built-in sample pipeline (src/core/sample) as a new workbook, to try the pane without a file. */
export function sampleBook(deals = SAMPLE_DEALS): OpenBook {
  const port = XlsxPackage.create();
  port.addValuesSheet('Pipeline', samplePipeline({ deals }), {
    dateColumns: SAMPLE_DATE_COLUMNS,
    widths: [12, 24, 14, 9, 13, 13, 12, 10, 16, 12, 14, 9, 14, 13],
  });
  return { port, fileName: SAMPLE_FILE, downloadName: SAMPLE_FILE };
}

/** A sheet name from a file name: at most 31 characters, none of `[]:*?/\`. */
function csvSheetName(fileName: string): string {
  return (
    fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[[\]:*?/\\]/g, '_')
      .slice(0, 31) || 'Pipeline'
  );
}
