import type { CellValue } from '../util/cell';
import type { Field } from './fields';

/** Catalogue keys for the reasons a cell is unusable; the text lives in i18n. */
export type IssueCode =
  | 'notADate'
  | 'dateOutOfRange'
  | 'notANumber'
  | 'negativeAmount'
  | 'missingId'
  | 'missingCreated'
  | 'missingClosed'
  | 'missingAmount'
  | 'missingAccount'
  | 'unknownStage'
  | 'unknownStatus'
  | 'lostWithoutStage'
  | 'closedBeforeCreated'
  | 'missingCost'
  | 'textTooLong'
  | 'ambiguousSeparator'
  | 'missingRate';

/** A cell the add-in could not use, and why (SPEC §1). */
export interface DataIssue {
  /** 1-based sheet row. */
  row: number;
  /** Header text of the column as it stands in the sheet. */
  column: string;
  field: Field;
  /** A1 address of the cell, so the pane can select it. */
  address: string;
  value: CellValue;
  code: IssueCode;
}
