import { type Locale, t } from '../../core/i18n';
import type { Field } from '../../core/pipeline/fields';
import type { StageConfig } from '../../core/pipeline/stages';
import { generateMonthlyReport, type GenerateReportOptions } from '../../usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../usecases/inspect-pipeline';
import { type PlanWizardChanges, readPlanWizard, savePlanWizard } from '../../usecases/plan-wizard';
import type { EngineContext, EngineOps } from './engine-service';
import { type OpenBook, openBook, sampleBook } from './open-book';

/** Options of a run as they cross to the worker: no callbacks (the engine brings its own). */
export type EngineGenerateOptions = Omit<GenerateReportOptions, 'onProgress' | 'shouldStop'>;

/** What the page is told after opening a file or the sample. */
export type Opened = { ok: true; name: string } | { ok: false; message: string };

/**
 * The pane's use cases as the engine worker runs them. In browser mode the
 * workbook lives here, in the worker: reading, parsing, computing and
 * writing the package never touch the page's thread. In Excel, `generate`
 * runs on the host's workbook through the page (`onHost`).
 */
export function paneEngineOps(): EngineOps {
  let book: OpenBook | null = null;
  const missing = (locale: Locale) => ({ ok: false as const, error: { code: 'noSheet' as const, message: t(locale, 'pane.error.noWorkbook') } });
  const opened = (result: ReturnType<typeof openBook>): Opened => {
    // A file that failed to open closes the one before: the pane never shows a workbook that is not the one picked.
    book = result.ok ? result.book : null;
    return result.ok ? { ok: true, name: result.book.fileName } : { ok: false, message: result.error.message };
  };
  return {
    open: async (_c: EngineContext, bytes: Uint8Array, name: string, locale: Locale) => opened(openBook(bytes, name, locale)),
    sample: async (_c: EngineContext, deals?: number) => opened({ ok: true, book: sampleBook(deals) }),
    generate: async (c: EngineContext, options: EngineGenerateOptions, onHost: boolean) => {
      const port = onHost ? c.hostPort : book?.port;
      if (!port) return missing(options.locale ?? 'en-US');
      return generateMonthlyReport(port, { ...options, source: onHost ? options.source : book!.fileName, onProgress: c.onProgress, shouldStop: c.shouldStop });
    },
    dealColumnsOption: async () => (book ? (await book.port.readSettings()).dealColumns === true : false),
    inspect: async (_c: EngineContext, sheet: string | undefined, locale: Locale = 'en-US') =>
      book ? inspectPipeline(book.port, { sheet, locale }) : { ok: true, inspection: null },
    saveMapping: async (_c: EngineContext, sheet: string, mapping: Partial<Record<Field, string | null>>, locale: Locale = 'en-US') =>
      book ? saveMapping(book.port, sheet, mapping, locale) : missing(locale),
    saveStages: async (_c: EngineContext, stages: StageConfig, locale: Locale = 'en-US') => (book ? saveStages(book.port, stages, locale) : missing(locale)),
    readPlan: async (_c: EngineContext, locale: Locale) => (book ? readPlanWizard(book.port, { locale }) : null),
    savePlan: async (_c: EngineContext, changes: PlanWizardChanges) => (book ? savePlanWizard(book.port, changes) : { ...missing(changes.locale), saved: [] }),
    download: async () => (book ? { bytes: book.port.toBytes(), name: book.downloadName } : null),
  };
}
