import { type Locale, t } from '../core/i18n';
import type { MappingOverrides } from '../core/pipeline/header';
import { type Pipeline, type PipelineError, PipelineReader, type PipelineResult, type ReadOptions, readPipeline } from '../core/pipeline/read-pipeline';
import { DEFAULT_STAGES, type StageConfig, stagesInLanguage } from '../core/pipeline/stages';
import type { MonthlyTarget, WorkbookSettings } from '../core/settings';
import { findTargetsTable } from '../core/targets';
import { canStreamRows, type WorkbookPort } from '../workbook/port';
import type { SheetModel } from '../core/report/model';
import { DealColumnsWatch, isRecordedOn, type PipelineSheetScan } from '../core/report/deal-columns';
import { choosePipelineSheet, findPipelineSheet } from './find-pipeline';
import { settingsWithOwnership } from './sheet-ownership';
import type { UseCaseError } from './use-case-error';

export interface LoadOptions {
  sheet?: string;
  stages?: StageConfig;
  mapping?: MappingOverrides;
  /** Monthly targets given for this run (CLI `--targets`); else those saved in the workbook. */
  targets?: MonthlyTarget[];
  /** The workbook's decimal separator for text amounts (SPEC §9); default the one in the settings, else none. */
  decimalSeparator?: '.' | ',';
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
  /** What the read saw beside the deals: the used extent and the deal forecast columns' cells (core/report/deal-columns.ts). */
  scan: PipelineSheetScan;
}

/** Reads the settings and the pipeline sheet; the first step of every use case that reports on the data. */
export async function loadPipeline(
  port: WorkbookPort,
  options: LoadOptions,
): Promise<{ ok: true; loaded: LoadedPipeline } | { ok: false; error: UseCaseError }> {
  const { locale, source } = options;
  const settings = await port.readSettings();
  // The default stages are named in the run's language (SPEC §7); a user's own names stay.
  const stages = stagesInLanguage(options.stages ?? settings.stages ?? DEFAULT_STAGES, locale);
  const mapping = options.mapping ?? settings.mapping;
  const decimal = options.decimalSeparator ?? settings.decimalSeparator;
  const found = await readPipelineSheet(port, settings, { stages, overrides: mapping, decimal }, options.sheet, options.onRows);
  if (!found) return { ok: false, error: { code: 'noSheet', message: t(locale, 'error.noSheet', { file: source }) } };
  const { read, sheet, scan } = found;
  if (!read.ok) return { ok: false, error: pipelineError(read.error, sheet, source, locale) };
  const targets = options.targets ?? (await workbookTargets(port)) ?? settings.targets ?? [];
  return { ok: true, loaded: { sheet, pipeline: read.pipeline, stages, mapping, targets, settings, scan } };
}

/**
 * Finds and reads the pipeline sheet: streamed row by row into the reader
 * when the adapter can (the sheet is never held as a grid of values, which
 * for 1,048,576 rows would take more memory than the deals read from it),
 * else read whole. The deal forecast columns the settings record on the
 * sheet are blanked before the reader sees them (they are ours, not the
 * user's columns) and watched (core/report/deal-columns.ts).
 */
async function readPipelineSheet(
  port: WorkbookPort,
  settings: WorkbookSettings,
  read: ReadOptions,
  requested: string | undefined,
  onRows?: (rows: number) => void,
): Promise<{ sheet: string; read: PipelineResult; scan: PipelineSheetScan } | null> {
  const watchOf = (sheet: string) => new DealColumnsWatch(isRecordedOn(settings.dealColumnsBlock, sheet) ? settings.dealColumnsBlock! : null);
  if (canStreamRows(port)) {
    const sheet = await choosePipelineSheet(port, settings, read.stages, requested);
    if (sheet === null) return null;
    const reader = new PipelineReader(read);
    const watch = watchOf(sheet);
    let rows = 0;
    await port.readSheetRows(sheet, (row, index) => {
      if (onRows && ++rows % ROWS_PER_PROGRESS === 0) onRows(rows);
      return reader.push(watch.observe(row, index), index);
    });
    onRows?.(rows);
    return { sheet, read: reader.result(), scan: watch.result() };
  }
  const found = await findPipelineSheet(port, settings, read.stages, requested);
  onRows?.(found?.values.length ?? 0);
  if (!found) return null;
  const watch = watchOf(found.sheet);
  const values = found.values.map((row, index) => watch.observe(row, index));
  return { sheet: found.sheet, read: readPipeline(values, read), scan: watch.result() };
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
export async function rememberSettings(
  port: WorkbookPort,
  loaded: LoadedPipeline,
  written: readonly SheetModel[] = [],
  also: Partial<WorkbookSettings> = {},
): Promise<void> {
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
          missing: error.missing.map((m) => `${t(locale, `field.${m.field}`)} (${m.synonyms.join(' / ')})`).join('; '),
        }),
      };
  }
}
