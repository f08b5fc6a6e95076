import { parseSettings, type WorkbookSettings } from '../../core/settings';
import type { CellValue } from '../../core/util/cell';
import { SETTINGS_SHEET } from '../port';
import { textInput } from './text-input';

/** Excel caps a cell at 32,767 characters; the JSON is split across column A below that. */
export const SETTINGS_CHUNK = 30_000;

/** Settings JSON split into cells of at most SETTINGS_CHUNK characters (at least one cell). */
export function settingsChunks(settings: WorkbookSettings): string[] {
  const json = JSON.stringify(settings);
  const chunks: string[] = [];
  for (let i = 0; i < json.length || i === 0; i += SETTINGS_CHUNK) chunks.push(json.slice(i, i + SETTINGS_CHUNK));
  return chunks;
}

/** Reads the settings JSON from column A of the very hidden settings sheet; defaults when there is none. 1–2 syncs. */
export async function readSettingsSheet(context: Excel.RequestContext): Promise<WorkbookSettings> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  // isNullObject is set by the sync itself; `name` is the one scalar asked for (office-addins/no-navigational-load).
  sheet.load('name');
  await context.sync();
  if (sheet.isNullObject) return parseSettings(null);
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('values');
  await context.sync();
  if (used.isNullObject) return parseSettings(null);
  return parseSettings((used.values as CellValue[][]).map((row) => (typeof row[0] === 'string' ? row[0] : '')).join(''));
}

/**
 * Writes the settings into column A of the very hidden settings sheet
 * (created when absent). The chunks and the blanks over any longer old
 * JSON go in one `formulas` write, so the JSON is never half old, half new.
 * 2–3 syncs.
 */
export async function writeSettingsSheet(context: Excel.RequestContext, settings: WorkbookSettings): Promise<void> {
  const found = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  found.load('name');
  await context.sync();
  let oldRows = 0;
  let sheet: Excel.Worksheet = found;
  if (found.isNullObject) {
    sheet = context.workbook.worksheets.add(SETTINGS_SHEET);
    // Hidden first: a failure later must not leave a visible settings tab.
    sheet.visibility = 'VeryHidden';
  } else {
    const used = found.getUsedRangeOrNullObject(true);
    used.load('rowCount');
    await context.sync();
    oldRows = used.isNullObject ? 0 : used.rowCount;
  }
  const chunks = settingsChunks(settings).map(textInput);
  const rows = Math.max(chunks.length, oldRows);
  sheet.getRange(`A1:A${rows}`).formulas = Array.from({ length: rows }, (_, i) => [chunks[i] ?? '']);
  await context.sync();
}
