import type { ReportModel, SheetModel, TableBlock } from '../../core/report/model';
import { sheetWithRowsMaterialized } from '../../core/report/table-rows';
import type { TableSheetBefore } from './in-place';

/** One sheet of the model on its way in: where it is built, where the old contents wait, and what is renamed. */
export interface SheetPlan {
  model: SheetModel;
  /** A new tab is built under this name. */
  temp: string;
  /** An existing sheet's full copy (or the data sheet's restorable copy) has this name once complete, until the commit has succeeded. */
  backup: string;
  existed: boolean;
  /** The existing sheet as it was: its tables' names (in order), visibility and place. */
  oldTables: string[];
  visibility: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden';
  position: number;
  /** Set when the sheet is rewritten in place (the data sheet): its table, its state before, and the restorable copy's name while the copy is under way. */
  inPlace?: { block: TableBlock; before: TableSheetBefore; copying: string };
}

/** Before any request: a plan per sheet of the model, with this run's temporary and backup names. */
export function planSheets(model: ReportModel, token: string): SheetPlan[] {
  return model.sheets.map((sheet, i) => ({
    // Office.js takes cells: the data sheet's rows are made from its deals here (and written in request-sized blocks).
    model: sheetWithRowsMaterialized(sheet),
    temp: `~FR${token}t${i}`,
    backup: `~FR${token}b${i}`,
    existed: false,
    oldTables: [],
    visibility: 'Visible',
    position: -1,
  }));
}
