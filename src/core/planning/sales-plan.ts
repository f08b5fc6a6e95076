import type { Cell } from '../report/model';
import type { CellValue } from '../util/cell';
import type { PlanSectionKey } from './plan-sections';

/** A row of a plan table: cells by column key, and cells of columns the user added. */
export interface PlanRow {
  cells: Record<string, CellValue>;
  extras: CellValue[];
}

export interface PlanSection {
  rows: PlanRow[];
  /** Headers of columns the user added to the right of the table. */
  extraHeaders: string[];
}

/**
 * The Sales Plan as the user keeps it (SPEC §5): one table per section —
 * goals by horizon, key metrics, strategy, team, channel analysis,
 * promotions, customer tiers and the monthly `Targets` — and free notes.
 * Computed cells (goal progress, revenue of revenue goals, channel figures,
 * tiers) are filled in when the sheet is built.
 */
export interface SalesPlan {
  sections: Record<PlanSectionKey, PlanSection>;
  notes: Cell[][];
}

export function planRow(cells: Record<string, CellValue>): PlanRow {
  return { cells, extras: [] };
}
