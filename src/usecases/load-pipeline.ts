import { type Locale, t } from '../core/i18n';
import type { MappingOverrides } from '../core/pipeline/header';
import { type Pipeline, type PipelineError, PipelineReader, type PipelineResult, readPipeline } from '../core/pipeline/read-pipeline';
import { DEFAULT_STAGES, type StageConfig, stagesInLanguage } from '../core/pipeline/stages';
import type { MonthlyTarget, WorkbookSettings } from '../core/settings';
import { findTargetsTable } from '../core/targets';
import { canStreamRows, type WorkbookPort } from '../workbook/port';
import type { SheetModel } from '../core/report/model';
import { choosePipelineSheet, findPipelineSheet } from './find-pipeline';
import { settingsWithOwnership } from './sheet-ownership';
import type { UseCaseError } from './use-case-error';

export interface LoadOptions {
  sheet?: string;
  stages?: StageConfig;
  mapping?: MappingOverrides;
  /** Monthly targets given for this run (CLI `--targets`); else those saved in the workbook. */
  targets?: MonthlyTarget[];
  locale: Locale;
  /** Names the workbook in messages (a file name in the CLI). */
  source: string;
  /** Told how many rows have been read, now and then while reading (progress). */
  onRows?: (rows: number) => void;
}

export interface LoadedPipeline {
  sheet: string;
  pipeline: Pipeline;
  stages: StageConfig;
  mapping: MappingOverrides | undefined;
  targets: MonthlyTarget[];
  settings: WorkbookSettings;
}

/** Reads the settings and the pipeline sheet; the first step of every use case that reports on the data. */
export async function loadPipeline(port: WorkbookPort, options: LoadOptions): Promise<{ ok: true; loaded: LoadedPipeline } | { ok: false; error: UseCaseError }> {
  const { locale, source } = options;
  const settings = await port.readSettings();
  // The default stages are named in the run's language (SPEC §7); a user's own names stay.
  const stages = stagesInLanguage(options.stages ?? settings.stages ?? DEFAULT_STAGES, locale);
  const mapping = options.mapping ?? settings.mapping;
  const found = await readPipelineSheet(port, settings, stages, mapping, options.sheet, options.onRows);
  if (!found) return { ok: false, error: { code: 'noSheet', message: t(locale, 'error.noSheet', { file: source }) } };
  const { read, sheet } = found;
  if (!read.ok) return { ok: false, error: pipelineError(read.error, sheet, source, locale) };
  const targets = options.targets ?? (await workbookTargets(port)) ?? settings.targets ?? [];
  return { ok: true, loaded: { sheet, pipeline: read.pipeline, stages, mapping, targets, settings } };
}

/**
 * Finds and reads the pipeline sheet: streamed row by row into the reader
 * when the adapter can (the sheet is never held as a grid of values, which
 * for 1,048,576 rows would take more memory than the deals read from it),
 * else read whole.
 */
async function readPipelineSheet(
  port: WorkbookPort,
  settings: WorkbookSettings,
  stages: StageConfig,
  mapping: MappingOverrides | undefined,
  requested: string | undefined,
  onRows?: (rows: number) => void,
): Promise<{ sheet: string; read: PipelineResult } | null> {
  if (canStreamRows(port)) {
    const sheet = await choosePipelineSheet(port, settings, stages, requested);
    if (sheet === null) return null;
    const reader = new PipelineReader({ stages, overrides: mapping });
    let rows = 0;
    await port.readSheetRows(sheet, (row, index) => {
      if (onRows && ++rows % ROWS_PER_PROGRESS === 0) onRows(rows);
      return reader.push(row, index);
    });
    onRows?.(rows);
    return { sheet, read: reader.result() };
  }
  const found = await findPipelineSheet(port, settings, stages, requested);
  onRows?.(found?.values.length ?? 0);
  return found && { sheet: found.sheet, read: readPipeline(found.values, { stages, overrides: mapping }) };
}

/** How often the reader reports progress: often enough to move, rarely enough to cost nothing. */
const ROWS_PER_PROGRESS = 5_000;

/** Sheets that may hold the monthly targets table, in order: its own sheet, then the plan template's. */
export const TARGET_SHEETS = ['Targets', 'Sales Plan'];

/** The targets the user keeps in the workbook (SPEC §5: the plan's target table), if any. */
async function workbookTargets(port: WorkbookPort): Promise<MonthlyTarget[] | null> {
  const names = new Set((await port.listSheets()).map((s) => s.name));
  for (const sheet of TARGET_SHEETS) {
    if (!names.has(sheet)) continue;
    const table = findTargetsTable(await port.readSheet(sheet));
    if (table && table.targets.length > 0) return table.targets;
  }
  return null;
}

/** Saves what this run used, so the configuration travels with the workbook (SPEC §1), and the sheets it wrote as the add-in's (SPEC §6). */
export async function rememberSettings(port: WorkbookPort, loaded: LoadedPipeline, written: readonly SheetModel[] = [], also: Partial<WorkbookSettings> = {}): Promise<void> {
  const { settings } = loaded;
  const used: WorkbookSettings = {
    ...settings,
    ...also,
    pipelineSheet: loaded.sheet,
    stages: loaded.stages,
    ...(loaded.mapping ? { mapping: loaded.mapping } : {}),
    ...(loaded.targets.length > 0 ? { targets: loaded.targets } : {}),
  };
  const saved = await settingsWithOwnership(port, used, written);
  if (JSON.stringify(saved) !== JSON.stringify(settings)) await port.writeSettings(saved);
}

export function pipelineError(error: PipelineError, sheet: string, file: string, locale: Locale): UseCaseError {
  switch (error.code) {
    case 'emptySheet':
      return { code: error.code, message: t(locale, 'error.emptySheet', { sheet, file }) };
    case 'noHeader':
      return { code: error.code, message: t(locale, 'error.noHeader', { sheet, file, rows: error.rowsSearched }) };
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
