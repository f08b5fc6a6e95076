import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Locale, t } from '../core/i18n';
import type { SheetValues } from '../core/util/cell';
import { createOrUpdateRiskRegister } from '../usecases/risks';
import { WorkbookError } from '../workbook/port';
import { readCsvFile, saveWorkbookFile } from '../workbook/node-file/file';
import { withGuardedFile } from './guarded-file';
import { openOrCreateWorkbook } from './open-or-create';
import { EXIT, type ExitCode, type Output } from './output';

export interface RisksCommandOptions {
  /** `risks.csv`: rows appended or updated by ID. */
  import?: string;
  /** Insert the starter sales risks. */
  starter?: boolean;
  locale?: Locale;
}

/** `funnel-report risks <file.xlsx> [--import risks.csv] [--starter] [--locale zh-CN]`: creates or updates `Risk Register`. */
export async function risksCommand(file: string, options: RisksCommandOptions, out: Output): Promise<ExitCode> {
  const locale = options.locale ?? 'en-US';
  let importRows: SheetValues | undefined;
  if (options.import) {
    try {
      importRows = readCsvFile(await fs.readFile(options.import), options.import, locale);
    } catch (e) {
      out.error(e instanceof WorkbookError ? e.message : t(locale, 'cli.risks.importUnreadable', { file: options.import, reason: (e as Error).message }));
      return EXIT.unusable;
    }
  }
  return withGuardedFile(file, locale, out, () => writeRisks(file, options, importRows, locale, out));
}

async function writeRisks(file: string, options: RisksCommandOptions, importRows: SheetValues | undefined, locale: Locale, out: Output): Promise<ExitCode> {
  const opened = await openOrCreateWorkbook(file, out, locale);
  if (!opened) return EXIT.unusable;
  const result = await createOrUpdateRiskRegister(opened, { starterRisks: options.starter, importRows, locale });
  if (!result.ok) {
    out.error(result.error.message);
    return EXIT.unusable;
  }
  if (options.import && !result.importRecognised) {
    out.error(`${options.import}: ${t(locale, 'cli.risks.importNoRows')}`);
    return EXIT.unusable;
  }
  try {
    await saveWorkbookFile(opened, file, { locale });
  } catch (e) {
    out.error((e as Error).message);
    return EXIT.unusable;
  }
  for (const issue of result.importIssues) {
    const problem = t(locale, issue.reason === 'notADate' ? 'issue.notADate' : 'issue.notANumber');
    const reason = `${issue.column} "${String(issue.value)}" — ${problem}`;
    out.warn(`${options.import}: ${t(locale, 'cli.risks.importRejected', { row: issue.row, reason })}`);
  }
  out.info(t(locale, 'cli.risks.done', { sheet: result.sheet, file: path.basename(file), risks: result.risks, added: result.added, updated: result.updated }));
  return result.importIssues.length > 0 ? EXIT.doneWithIssues : EXIT.done;
}
