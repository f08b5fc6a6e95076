import { type Field, FIELDS, REQUIRED_FIELDS } from '../core/pipeline/fields';
import { detectHeader, type MappingOverrides } from '../core/pipeline/header';
import { DEFAULT_STAGES, type StageConfig } from '../core/pipeline/stages';
import type { CellValue } from '../core/util/cell';
import type { WorkbookPort } from '../workbook/port';
import { findPipelineSheet, isAddinSheet } from './find-pipeline';
import type { Locale } from '../core/i18n';
import { DealColumnsWatch, isRecordedOn } from '../core/report/deal-columns';
import { type Saved, type UseCaseError, failureOf } from './use-case-error';

/** Rows of the pipeline the pane previews under the mapping. */
export const PREVIEW_ROWS = 5;

export interface PipelineInspection {
  /** Sheets the user may pick as the pipeline. */
  sheets: string[];
  sheet: string;
  /** 1-based row of the header, or null when none was found. */
  headerRow: number | null;
  headers: string[];
  /** The header each field reads from, after the saved overrides. */
  mapping: Partial<Record<Field, string>>;
  missing: Field[];
  /** The first rows below the header, as the sheet has them. */
  preview: CellValue[][];
  /** The stage configuration in force (saved, else the default template). */
  stages: StageConfig;
}

/** The inspection, or null when the workbook has no sheet to read a pipeline from. */
export type InspectResult = { ok: true; inspection: PipelineInspection | null } | { ok: false; error: UseCaseError };

/** What the pane's Pipeline tab shows: the sheet, its headers, the mapping in force and a preview. */
export async function inspectPipeline(port: WorkbookPort, options: { sheet?: string; locale?: Locale } = {}): Promise<InspectResult> {
  try {
    return { ok: true, inspection: await inspect(port, options.sheet) };
  } catch (e) {
    return failureOf(e, options.locale ?? 'en-US');
  }
}

async function inspect(port: WorkbookPort, sheet: string | undefined): Promise<PipelineInspection | null> {
  const settings = await port.readSettings();
  const stages = settings.stages ?? DEFAULT_STAGES;
  const read = await findPipelineSheet(port, settings, stages, sheet);
  if (!read) return null;
  // The deal forecast columns the add-in writes beside the pipeline are not the user's headers (core/report/deal-columns.ts).
  const watch = new DealColumnsWatch(isRecordedOn(settings.dealColumnsBlock, read.sheet) ? settings.dealColumnsBlock! : null);
  const found = { sheet: read.sheet, values: read.values.map((row, index) => watch.observe(row, index)) };
  const sheets = (await port.listSheets()).filter((s) => s.visible && !isAddinSheet(s.name)).map((s) => s.name);
  const overrides = found.sheet === settings.pipelineSheet || !settings.pipelineSheet ? settings.mapping : undefined;
  const header = detectHeader(found.values, stages, overrides);
  if (!header)
    return {
      sheets,
      sheet: found.sheet,
      headerRow: null,
      headers: [],
      mapping: {},
      missing: [...REQUIRED_FIELDS],
      preview: found.values.slice(0, PREVIEW_ROWS),
      stages,
    };
  const mapping: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const col = header.mapping[field];
    if (col !== undefined) mapping[field] = header.headers[col]!;
  }
  return {
    sheets,
    sheet: found.sheet,
    headerRow: header.headerRow + 1,
    headers: header.headers.filter((h) => h !== ''),
    mapping,
    missing: header.missing,
    preview: found.values.slice(header.headerRow + 1, header.headerRow + 1 + PREVIEW_ROWS),
    stages,
  };
}

/**
 * Saves the user's choice of pipeline sheet and column mapping in the
 * workbook (SPEC §1): every field is stored, a blank choice as "not mapped",
 * so automatic matching never overrides what the user picked.
 */
export async function saveMapping(port: WorkbookPort, sheet: string, mapping: Partial<Record<Field, string | null>>, locale: Locale = 'en-US'): Promise<Saved> {
  try {
    const settings = await port.readSettings();
    const overrides: MappingOverrides = Object.fromEntries(FIELDS.map((f) => [f, mapping[f] ?? null]));
    await port.writeSettings({ ...settings, pipelineSheet: sheet, mapping: overrides });
    return { ok: true };
  } catch (e) {
    return failureOf(e, locale);
  }
}

/** Saves the open stages (names, order, probabilities) in the workbook; Won and Lost keep their names. */
export async function saveStages(port: WorkbookPort, stages: StageConfig, locale: Locale = 'en-US'): Promise<Saved> {
  try {
    const settings = await port.readSettings();
    const open = stages.stages
      .filter((s) => s.name.trim() !== '')
      .map((s) => ({ ...s, name: s.name.trim(), probability: Math.min(1, Math.max(0, s.probability)) }));
    await port.writeSettings({ ...settings, stages: { ...stages, stages: open } });
    return { ok: true };
  } catch (e) {
    return failureOf(e, locale);
  }
}
