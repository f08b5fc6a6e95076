import { type Locale, translator } from '../i18n';
import type { Funnel } from '../metrics/funnel';
import { monthPeriod } from '../metrics/period';
import type { DataIssue } from '../pipeline/data-issue';
import { type MonthIndex, monthKey } from '../util/dates';
import { DATA_SHEET } from './data-sheet';
import { funnelTable } from './funnel-section';
import { issuesTable } from './issues-section';
import { VerticalLayout } from './layout';
import type { Block, Cell, ConditionalFormat, SheetModel } from './model';

export interface MonthlyReportInput {
  month: MonthIndex;
  /** Name of the pipeline sheet the numbers come from. */
  sourceSheet: string;
  funnel: Funnel;
  issues: readonly DataIssue[];
  /** The user's Notes rows from the previous version of the tab. */
  notes: Cell[][];
  locale: Locale;
  valuesOnly: boolean;
}

/** `Report 2017-06`. */
export function reportSheetName(month: MonthIndex): string {
  return `Report ${monthKey(month)}`;
}

/** Table names must be unique in a workbook: suffix them with the month. */
function tableName(base: string, month: MonthIndex): string {
  return `${base}_${monthKey(month).replace('-', '_')}`;
}

/**
 * Lays out the monthly report tab (SPEC §3): title, funnel, data issues,
 * and the user's Notes at the bottom. Its formulas read the `Funnel Data`
 * sheet (data-sheet.ts), written alongside unless values only.
 */
export function buildReportSheet(input: MonthlyReportInput): SheetModel {
  const tr = translator(input.locale);
  const month = monthKey(input.month);
  const layout = new VerticalLayout();
  const blocks: Block[] = [];
  const formats: ConditionalFormat[] = [];

  blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'title', cells: [[tr('report.title', { month })]] });
  const generated = input.valuesOnly ? tr('report.valuesOnly', { sheet: input.sourceSheet }) : tr('report.generated', { sheet: input.sourceSheet, dataSheet: DATA_SHEET });
  blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'muted', cells: [[generated]] });

  blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'heading', cells: [[tr('report.funnel', { month })]] });
  const funnelRow = layout.take(input.funnel.steps.length + 1);
  const funnel = funnelTable(
    { funnel: input.funnel, period: monthPeriod(input.month), valuesOnly: input.valuesOnly, tableName: tableName('Funnel', input.month), row: funnelRow, col: 0 },
    tr,
  );
  blocks.push(funnel.table);
  formats.push(...funnel.formats);

  blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'heading', cells: [[tr('report.issues', { count: input.issues.length })]] });
  if (input.issues.length === 0) {
    blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'muted', cells: [[tr('report.issues.none')]] });
  } else {
    const table = issuesTable(input.issues, tableName('Issues', input.month), layout.row, 0, tr);
    layout.take(table.rows.length + 1);
    blocks.push(table);
  }

  blocks.push({ kind: 'notes', row: layout.take(1, 0), col: 0, heading: tr('report.notes'), lines: input.notes });

  return {
    name: reportSheetName(input.month),
    role: 'report',
    blocks,
    conditionalFormats: formats,
    columnWidths: { 0: 28, 1: 14, 2: 18, 3: 48 },
  };
}
