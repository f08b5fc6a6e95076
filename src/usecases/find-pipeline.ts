import { detectHeader } from '../core/pipeline/header';
import type { StageConfig } from '../core/pipeline/stages';
import type { WorkbookSettings } from '../core/settings';
import type { SheetValues } from '../core/util/cell';
import type { WorkbookPort } from '../workbook/port';

/** Sheets the add-in writes itself; never taken for the pipeline. */
export function isAddinSheet(name: string): boolean {
  return /^Report \d{4}-\d{2}$/.test(name) || ['Funnel Data', 'Reports', 'Sales Plan', 'Risk Register', 'Targets'].includes(name);
}

export interface FoundPipeline {
  sheet: string;
  values: SheetValues;
}

/**
 * The pipeline sheet: the one asked for, else the one saved in the
 * settings, else the active sheet when it has a header row, else the first
 * visible sheet that has one. Null when the workbook has no candidate.
 */
export async function findPipelineSheet(port: WorkbookPort, settings: WorkbookSettings, stages: StageConfig, requested?: string): Promise<FoundPipeline | null> {
  if (requested) return { sheet: requested, values: await port.readSheet(requested) };
  const sheets = (await port.listSheets()).filter((s) => s.visible && !isAddinSheet(s.name)).map((s) => s.name);
  if (settings.pipelineSheet && sheets.includes(settings.pipelineSheet)) return { sheet: settings.pipelineSheet, values: await port.readSheet(settings.pipelineSheet) };
  const active = await port.activeSheet();
  const ordered = active && sheets.includes(active) ? [active, ...sheets.filter((s) => s !== active)] : sheets;
  let first: FoundPipeline | null = null;
  for (const sheet of ordered) {
    const values = await port.readSheet(sheet);
    first ??= { sheet, values };
    if (detectHeader(values, stages, settings.mapping)) return { sheet, values };
  }
  return first;
}
