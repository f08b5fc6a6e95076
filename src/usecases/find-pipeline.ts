import { detectHeader, HEADER_SEARCH_ROWS } from '../core/pipeline/header';
import type { StageConfig } from '../core/pipeline/stages';
import type { WorkbookSettings } from '../core/settings';
import type { SheetValues } from '../core/util/cell';
import type { RowStreamingPort, WorkbookPort } from '../workbook/port';

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
 * settings, else — the active sheet first, then the visible sheets in
 * order — the first whose header row names every required field, else the
 * first with a header row at all (its missing fields are then reported),
 * else the first sheet. Null when the workbook has no candidate.
 */
export async function findPipelineSheet(
  port: WorkbookPort,
  settings: WorkbookSettings,
  stages: StageConfig,
  requested?: string,
): Promise<FoundPipeline | null> {
  const chosen = await chooseSheet(port, settings, stages, requested, (sheet) => port.readSheet(sheet));
  return chosen && { sheet: chosen.sheet, values: chosen.values ?? (await port.readSheet(chosen.sheet)) };
}

/**
 * The same choice as `findPipelineSheet`, reading only the first rows of
 * each candidate (where the header must be) through a row stream: the
 * chosen sheet is then read once, row by row, by the caller.
 */
export async function choosePipelineSheet(
  port: WorkbookPort & RowStreamingPort,
  settings: WorkbookSettings,
  stages: StageConfig,
  requested?: string,
): Promise<string | null> {
  return (await chooseSheet(port, settings, stages, requested, (sheet) => firstRows(port, sheet)))?.sheet ?? null;
}

/** The choice both read the candidates for; `values` is what `read` gave for the chosen sheet, absent when none was read. */
async function chooseSheet(
  port: WorkbookPort,
  settings: WorkbookSettings,
  stages: StageConfig,
  requested: string | undefined,
  read: (sheet: string) => Promise<SheetValues>,
): Promise<{ sheet: string; values?: SheetValues } | null> {
  if (requested) return { sheet: requested };
  const sheets = (await port.listSheets()).filter((s) => s.visible && !isAddinSheet(s.name)).map((s) => s.name);
  if (settings.pipelineSheet && sheets.includes(settings.pipelineSheet)) return { sheet: settings.pipelineSheet };
  const active = await port.activeSheet();
  const ordered = active && sheets.includes(active) ? [active, ...sheets.filter((s) => s !== active)] : sheets;
  let first: { sheet: string; values: SheetValues } | null = null;
  let withHeader: { sheet: string; values: SheetValues } | null = null;
  for (const sheet of ordered) {
    const values = await read(sheet);
    first ??= { sheet, values };
    const header = detectHeader(values, stages, settings.mapping);
    if (header && header.missing.length === 0) return { sheet, values };
    if (header) withHeader ??= { sheet, values };
  }
  return withHeader ?? first;
}

/** The rows where a header may be, the read stopped after them. */
async function firstRows(port: RowStreamingPort, sheet: string): Promise<SheetValues> {
  const rows: SheetValues = [];
  await port.readSheetRows(sheet, (row, index) => {
    if (index >= HEADER_SEARCH_ROWS) return false;
    rows[index] = row;
    return true;
  });
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return rows;
}
