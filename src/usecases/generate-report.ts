import { type Locale, t } from '../core/i18n';
import { cohortFunnel, stageNames } from '../core/metrics/funnel';
import { monthPeriod } from '../core/metrics/period';
import type { MappingOverrides } from '../core/pipeline/header';
import { type PipelineError, readPipeline } from '../core/pipeline/read-pipeline';
import { DEFAULT_STAGES, type StageConfig } from '../core/pipeline/stages';
import { buildMonthlyReport, reportSheetName } from '../core/report/monthly-report';
import { extractNotes } from '../core/report/notes';
import type { Cell } from '../core/report/model';
import type { WorkbookSettings } from '../core/settings';
import { type MonthIndex, monthKey, parseMonthKey } from '../core/util/dates';
import { WorkbookError, type WorkbookPort } from '../workbook/port';
import { findPipelineSheet } from './find-pipeline';
import { lastCompleteMonth } from './months';
import { type ReportJson, reportJson } from './report-json';

export type ProgressStep = 'reading' | 'computing' | 'writing';

export interface GenerateReportOptions {
  /** Pipeline sheet; found automatically when absent. */
  sheet?: string;
  /** `YYYY-MM`; default: the last complete month in the data. */
  month?: string;
  stages?: StageConfig;
  mapping?: MappingOverrides;
  valuesOnly?: boolean;
  strict?: boolean;
  locale?: Locale;
  /** Names the workbook in messages (a file name in the CLI). */
  source?: string;
  onProgress?: (step: ProgressStep) => void;
}

export type GenerateErrorCode = PipelineError['code'] | WorkbookError['code'] | 'noSheet' | 'noMonth' | 'badMonth';

export interface GenerateError {
  code: GenerateErrorCode;
  /** What went wrong and what to do, in the user's language. */
  message: string;
}

export type GenerateReportResult =
  | { ok: true; report: ReportJson; sheetName: string; pipelineSheet: string; warnings: string[] }
  | { ok: false; error: GenerateError };

/**
 * The monthly report use case shared by the task pane, the CLI and the
 * browser mode: read the pipeline, compute, lay out, write — and keep the
 * user's Notes from the previous version of the tab.
 */
export async function generateMonthlyReport(port: WorkbookPort, options: GenerateReportOptions = {}): Promise<GenerateReportResult> {
  const locale = options.locale ?? 'en-US';
  const source = options.source ?? 'the workbook';
  try {
    options.onProgress?.('reading');
    const settings = await port.readSettings();
    const stages = options.stages ?? settings.stages ?? DEFAULT_STAGES;
    const mapping = options.mapping ?? settings.mapping;
    const found = await findPipelineSheet(port, settings, stages, options.sheet);
    if (!found) return fail('noSheet', t(locale, 'error.emptySheet', { sheet: '', file: source }));
    const read = readPipeline(found.values, { stages, overrides: mapping });
    if (!read.ok) return { ok: false, error: pipelineError(read.error, found.sheet, source, locale) };
    const pipeline = read.pipeline;

    options.onProgress?.('computing');
    let month: MonthIndex | null;
    if (options.month !== undefined) {
      month = parseMonthKey(options.month);
      if (month === null) return fail('badMonth', t(locale, 'error.badMonth', { month: options.month }));
    } else {
      month = lastCompleteMonth(pipeline.deals);
      if (month === null) return fail('noMonth', t(locale, 'error.noMonth', { sheet: found.sheet, file: source }));
    }
    const funnel = cohortFunnel(pipeline.deals, stages, monthPeriod(month), { strict: options.strict });
    const sheetName = reportSheetName(month);
    const notes = await previousNotes(port, sheetName);
    const model = buildMonthlyReport({
      month,
      sourceSheet: found.sheet,
      deals: pipeline.deals,
      funnel,
      issues: pipeline.issues,
      notes,
      locale,
      valuesOnly: options.valuesOnly === true,
    });

    options.onProgress?.('writing');
    await port.applyReport(model);
    // The configuration travels with the workbook (SPEC §1): the next run, here or in the pane, starts from it.
    const saved: WorkbookSettings = { ...settings, pipelineSheet: found.sheet, stages, ...(mapping ? { mapping } : {}) };
    if (JSON.stringify(saved) !== JSON.stringify(settings)) await port.writeSettings(saved);
    const warnings = pipeline.unknownStages.length > 0 ? [t(locale, 'warning.unknownStages', { configured: stageNames(stages).join(', '), found: pipeline.unknownStages.map((s) => `${s.value} (${s.count})`).join(', ') })] : [];
    return {
      ok: true,
      sheetName,
      pipelineSheet: found.sheet,
      warnings,
      report: reportJson({ month: monthKey(month), sheet: found.sheet, stages: stageNames(stages), pipeline, funnel, locale }),
    };
  } catch (e) {
    if (e instanceof WorkbookError) return fail(e.code, e.message);
    throw e;
  }
}

async function previousNotes(port: WorkbookPort, sheetName: string): Promise<Cell[][]> {
  const exists = (await port.listSheets()).some((s) => s.name === sheetName);
  return exists ? extractNotes(await port.readSheet(sheetName)) : [];
}

function fail(code: GenerateErrorCode, message: string): GenerateReportResult {
  return { ok: false, error: { code, message } };
}

function pipelineError(error: PipelineError, sheet: string, file: string, locale: Locale): GenerateError {
  switch (error.code) {
    case 'emptySheet':
      return { code: error.code, message: t(locale, 'error.emptySheet', { sheet, file }) };
    case 'noHeader':
      return { code: error.code, message: t(locale, 'error.noHeader', { sheet, file, rows: error.rowsSearched, headers: '—' }) };
    case 'missingFields':
      return {
        code: error.code,
        message: t(locale, 'error.missingFields', {
          sheet,
          file,
          row: error.headerRow,
          headers: error.headers.join(', ') || '—',
          missing: error.missing.map((m) => `${m.field} (${m.synonyms.join(' / ')})`).join('; '),
        }),
      };
  }
}
