import path from 'node:path';
import { type Locale, t } from '../core/i18n';
import { createOrUpdateSalesPlan } from '../usecases/plan';
import { saveWorkbookFile } from '../workbook/node-file/file';
import { withGuardedFile } from './guarded-file';
import { openOrCreateWorkbook } from './open-or-create';
import { EXIT, type ExitCode, type Output } from './output';

export interface PlanCommandOptions {
  sheet?: string;
  month?: string;
  firstMonth?: string;
  locale?: Locale;
}

/** `funnel-report plan <file.xlsx>`: creates or updates the `Sales Plan` sheet, keeping the user's entries. */
export async function planCommand(file: string, options: PlanCommandOptions, out: Output): Promise<ExitCode> {
  const locale = options.locale ?? 'en-US';
  return withGuardedFile(file, locale, out, () => writePlan(file, options, locale, out));
}

async function writePlan(file: string, options: PlanCommandOptions, locale: Locale, out: Output): Promise<ExitCode> {
  const workbook = await openOrCreateWorkbook(file, out, locale);
  if (!workbook) return EXIT.unusable;
  const result = await createOrUpdateSalesPlan(workbook, {
    sheet: options.sheet,
    month: options.month,
    firstMonth: options.firstMonth,
    locale,
    source: path.basename(file),
  });
  if (!result.ok) {
    out.error(result.error.message);
    return EXIT.unusable;
  }
  try {
    await saveWorkbookFile(workbook, file, { locale });
  } catch (e) {
    out.error((e as Error).message);
    return EXIT.unusable;
  }
  if (result.pipelineSheet === null) out.warn(t(locale, 'cli.plan.noData'));
  out.info(
    t(locale, 'cli.plan.done', {
      sheet: result.sheet,
      file: path.basename(file),
      goals: result.goals,
      channels: result.channels,
      targets: result.targets.length,
    }),
  );
  return EXIT.done;
}
