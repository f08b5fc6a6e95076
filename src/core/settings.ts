import type { MappingOverrides } from './pipeline/header';
import type { StageConfig } from './pipeline/stages';
import type { DealColumnsRecord } from './report/deal-columns';

/** A monthly revenue target (SPEC §2 attainment). */
export interface MonthlyTarget {
  /** `YYYY-MM`. */
  month: string;
  target: number;
  /** The owner (sales rep) the target is for (SPEC §8: a `Targets` table with an Owner column); the team's month target is the sum of its rows. */
  owner?: string;
}

/**
 * What the add-in saves inside the workbook so the configuration travels
 * with the file (SPEC §1): the column mapping, the stages, the targets.
 */
export interface WorkbookSettings {
  version: 1;
  pipelineSheet?: string;
  mapping?: MappingOverrides;
  stages?: StageConfig;
  targets?: MonthlyTarget[];
  locale?: 'en-US' | 'zh-CN';
  /** The reporting currency chosen (SPEC §9: CLI `--currency`, the pane); absent: the most frequent currency of the won deals. */
  reportingCurrency?: string;
  /** The workbook's decimal separator (its locale), for text amounts such as `1,234` (SPEC §9); absent: such amounts are data issues. */
  decimalSeparator?: '.' | ',';
  /**
   * The sheets the add-in created (SPEC §6: it owns only those): report
   * tabs, `Funnel Data`, `Reports`, `Sales Plan`, `Risk Register`. Any
   * other sheet, whatever its name, is the user's and is never replaced.
   */
  ownedSheets?: string[];
  /** The names the report run gave its one-per-workbook sheets (in the report's language, SPEC §7), so later runs and the other entry points find them. */
  sheetNames?: { data?: string; index?: string; issues?: string };
  /** The option that writes the per-deal forecast columns beside the pipeline (issue #17), as last chosen. */
  dealColumns?: boolean;
  /** Where those columns were written, so the next run clears and rewrites exactly them (SPEC §1: the only cells of the pipeline sheet the add-in writes). */
  dealColumnsBlock?: DealColumnsRecord;
}

export const EMPTY_SETTINGS: WorkbookSettings = { version: 1 };

/** Parses settings JSON read from a workbook; anything unreadable gives the defaults. */
export function parseSettings(json: string | null): WorkbookSettings {
  if (!json) return EMPTY_SETTINGS;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1) return withReadableOwnership(value as WorkbookSettings);
  } catch {
    // A damaged settings sheet must not stop a report: fall back to defaults.
  }
  return EMPTY_SETTINGS;
}

/**
 * A damaged ownership list is dropped (then sheets are recognised by their structure), never trusted; so is a damaged deal columns record (nothing of the
 * pipeline sheet is then taken for ours).
 */
function withReadableOwnership(settings: WorkbookSettings): WorkbookSettings {
  let out = settings;
  const owned: unknown = settings.ownedSheets;
  if (!(owned === undefined || (Array.isArray(owned) && owned.every((n) => typeof n === 'string')))) {
    const { ownedSheets: _dropped, ...rest } = out;
    out = rest;
  }
  if (out.dealColumnsBlock !== undefined && !isDealColumnsRecord(out.dealColumnsBlock)) {
    const { dealColumnsBlock: _dropped, ...rest } = out;
    out = rest;
  }
  return out;
}

function isDealColumnsRecord(value: unknown): value is DealColumnsRecord {
  const r = value as Partial<DealColumnsRecord> | null;
  const column = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 16_384;
  return typeof r === 'object' && r !== null && typeof r.sheet === 'string' && column(r.col) && column(r.width) && r.width! > 0;
}

/** True when the settings record that the add-in created a sheet of this name (names compare as Excel does: ignoring case). */
export function ownsSheet(settings: WorkbookSettings, name: string): boolean {
  const key = name.toLowerCase();
  return (settings.ownedSheets ?? []).some((n) => n.toLowerCase() === key);
}

/** The settings with these sheets recorded as the add-in's (kept in the order first written, each once). */
export function withOwnedSheets(settings: WorkbookSettings, names: readonly string[]): WorkbookSettings {
  const owned = [...(settings.ownedSheets ?? [])];
  for (const name of names) if (!owned.some((n) => n.toLowerCase() === name.toLowerCase())) owned.push(name);
  return owned.length === (settings.ownedSheets ?? []).length ? settings : { ...settings, ownedSheets: owned };
}
