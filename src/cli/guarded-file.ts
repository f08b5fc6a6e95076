import type { Locale } from '../core/i18n';
import { WorkbookError } from '../workbook/port';
import { checkReplaceable, lockWorkbookFile, removeStaleTemps } from '../workbook/node-file/file-safety';
import { EXIT, type ExitCode, type Output } from './output';

/**
 * Runs a command that rewrites `file` under the file-safety rules (SPEC §6):
 * the file is locked for the whole run, so a second run waits or is refused
 * rather than both reading the old file and one's changes being lost; a
 * read-only file or one open in Excel or LibreOffice is refused before any
 * work; temporary files an interrupted run left behind are removed. A
 * refusal is said and gives exit 2.
 */
export async function withGuardedFile(file: string, locale: Locale, out: Output, run: () => Promise<ExitCode>): Promise<ExitCode> {
  let release: (() => Promise<void>) | null = null;
  try {
    release = (await lockWorkbookFile(file, locale)).release;
    await checkReplaceable(file, locale);
    await removeStaleTemps(file);
  } catch (e) {
    await release?.();
    if (!(e instanceof WorkbookError)) throw e;
    out.error(e.message);
    return EXIT.unusable;
  }
  try {
    return await run();
  } finally {
    await release();
  }
}
