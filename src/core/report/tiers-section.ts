import type { Translate } from '../i18n';
import type { AccountTier, Tier } from '../metrics/tiers';
import { type MonthIndex, monthKey } from '../util/dates';
import type { Cell, SheetModel, TableBlock, TableColumn } from './model';
import { tableBlock } from './table-block';

/** Accounts the report tab lists by name; the rest are on the tiers sheet. */
export const TOP_ACCOUNTS = 10;

/** `Tiers 2026-06`: every account with its tier, one sheet per report month (SPEC §7). */
export function tiersSheetName(month: MonthIndex): string {
  return `Tiers ${monthKey(month)}`;
}

const TIERS: readonly Tier[] = ['A', 'B', 'C'];

/** Tier | accounts | revenue | share of revenue: the summary on the report tab. */
export function tierSummaryTable(tiers: readonly AccountTier[], at: { tableName: string; row: number; col: number }, tr: Translate): TableBlock {
  const total = tiers.reduce((s, t) => s + t.revenue12m, 0);
  const rows: Cell[][] = TIERS.map((tier) => {
    const members = tiers.filter((t) => t.tier === tier);
    const revenue = members.reduce((s, t) => s + t.revenue12m, 0);
    return [tier, members.length, revenue, total > 0 ? revenue / total : null];
  });
  const columns: TableColumn[] = [
    { header: tr('col.tier') },
    { header: tr('col.accounts'), format: 'integer' },
    { header: tr('col.revenue12m'), format: 'currency' },
    { header: tr('col.share'), format: 'percent' },
  ];
  return tableBlock(at, 'TableStyleLight9', columns, rows);
}

/** Accounts by trailing-12-month revenue with their A/B/C tier (the first `limit` of them). */
export function tiersTable(
  tiers: readonly AccountTier[],
  at: { tableName: string; row: number; col: number },
  tr: Translate,
  limit = tiers.length,
): TableBlock {
  const columns: TableColumn[] = [{ header: tr('data.account') }, { header: tr('col.revenue12m'), format: 'currency' }, { header: tr('col.tier') }];
  return tableBlock(
    at,
    'TableStyleLight9',
    columns,
    tiers.slice(0, limit).map((t) => [t.account, t.revenue12m, t.tier]),
  );
}

/** The tiers sheet of a month: a title and every ranked account. */
export function buildTiersSheet(tiers: readonly AccountTier[], month: MonthIndex, tr: Translate): SheetModel {
  const suffix = monthKey(month).replace('-', '_');
  return {
    name: tiersSheetName(month),
    role: 'list',
    blocks: [
      { kind: 'cells', row: 0, col: 0, style: 'title', cells: [[tr('tiers.sheetTitle', { month: monthKey(month) })]] },
      tiersTable(tiers, { tableName: `AllTiers_${suffix}`, row: 2, col: 0 }, tr),
    ],
    freeze: { rows: 3, cols: 0 },
    columnWidths: { 0: 32, 1: 24, 2: 8 },
    print: { orientation: 'portrait', fitToWidth: true, titleRows: { first: 2, last: 2 }, footer: tr('tiers.sheetTitle', { month: monthKey(month) }) },
  };
}
