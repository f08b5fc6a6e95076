import { type Locale, translator } from '../i18n';
import { type MonthIndex, monthKey } from '../util/dates';
import type { Cell, SheetModel } from './model';

export const INDEX_SHEET = 'Reports';

/** One line of the `Reports` index: a report tab and its headline numbers. */
export interface IndexEntry {
  month: MonthIndex;
  sheet: string;
  /** Deals created in the month (the funnel's first step). */
  created: number;
  won: number;
  revenue: number;
  winRate: number | null;
  attainment: number | null;
}

/** The `Reports` index tab: every report tab, newest first, each with a link and its headline numbers. */
export function buildIndexSheet(entries: readonly IndexEntry[], locale: Locale): SheetModel {
  const tr = translator(locale);
  const rows: Cell[][] = [...entries]
    .sort((a, b) => b.month - a.month)
    .map((e) => [monthKey(e.month), { link: { sheet: e.sheet, cell: 'A1' }, text: e.sheet }, e.created, e.won, e.revenue, e.winRate, e.attainment]);
  return {
    name: INDEX_SHEET,
    role: 'index',
    freeze: { rows: 3, cols: 0 },
    columnWidths: { 0: 12, 1: 20, 2: 14, 3: 12, 4: 16, 5: 12, 6: 12 },
    blocks: [
      { kind: 'cells', row: 0, col: 0, style: 'title', cells: [[tr('index.title')]] },
      {
        kind: 'table',
        name: 'ReportsIndex',
        row: 2,
        col: 0,
        style: 'TableStyleMedium2',
        columns: [
          { header: tr('index.month') },
          { header: tr('index.tab') },
          { header: tr('index.created'), format: 'integer' },
          { header: tr('kpi.wonDeals'), format: 'integer' },
          { header: tr('kpi.revenue'), format: 'currency' },
          { header: tr('kpi.winRate'), format: 'percent' },
          { header: tr('kpi.attainment'), format: 'percent' },
        ],
        rows,
      },
    ],
  };
}
