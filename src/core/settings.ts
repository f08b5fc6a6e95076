import type { MappingOverrides } from './pipeline/header';
import type { StageConfig } from './pipeline/stages';

/** A monthly revenue target (SPEC §2 attainment). */
export interface MonthlyTarget {
  /** `YYYY-MM`. */
  month: string;
  target: number;
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
}

export const EMPTY_SETTINGS: WorkbookSettings = { version: 1 };

/** Parses settings JSON read from a workbook; anything unreadable gives the defaults. */
export function parseSettings(json: string | null): WorkbookSettings {
  if (!json) return EMPTY_SETTINGS;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1) return value as WorkbookSettings;
  } catch {
    // A damaged settings sheet must not stop a report: fall back to defaults.
  }
  return EMPTY_SETTINGS;
}
