import type { Translate } from '../i18n';
import type { Deal } from '../pipeline/deal';
import { columnLetter, sheetRef } from '../util/cell';
import type { Cell, NumberFormat, SheetModel } from './model';

export const DATA_SHEET = 'Funnel Data';
export const DATA_TABLE = 'FunnelData';

/** Canonical status words written to the data sheet; formulas match on them, whatever the UI language. */
export const STATUS_WORDS = { open: 'Open', won: 'Won', lost: 'Lost' } as const;

interface DataColumn {
  key: string;
  header: Parameters<Translate>[0];
  format?: NumberFormat;
  value: (d: Deal) => Cell;
}

/** One row per deal, every value already parsed; report formulas count over these columns. */
const COLUMNS: readonly DataColumn[] = [
  { key: 'row', header: 'data.row', format: 'integer', value: (d) => d.row },
  { key: 'id', header: 'data.id', value: (d) => d.id },
  { key: 'account', header: 'data.account', value: (d) => d.account },
  { key: 'accountKey', header: 'data.accountKey', value: (d) => d.accountKey },
  { key: 'status', header: 'data.status', value: (d) => STATUS_WORDS[d.status] },
  { key: 'stageIndex', header: 'data.stageIndex', format: 'integer', value: (d) => (d.stageIndex === null ? null : d.stageIndex + 1) },
  { key: 'furthest', header: 'data.furthest', format: 'integer', value: (d) => (d.furthest === null ? null : d.furthest + 1) },
  { key: 'created', header: 'data.created', format: 'date', value: (d) => d.created },
  { key: 'closed', header: 'data.closed', format: 'date', value: (d) => d.closed },
  { key: 'cycleDays', header: 'data.cycleDays', format: 'integer', value: (d) => (d.status === 'won' && d.created !== null && d.closed !== null ? d.closed - d.created : null) },
  { key: 'amount', header: 'data.amount', format: 'currency', value: (d) => d.amount },
  { key: 'cost', header: 'data.cost', format: 'currency', value: (d) => d.cost },
  { key: 'owner', header: 'data.owner', value: (d) => d.owner },
  { key: 'channel', header: 'data.channel', value: (d) => d.channel },
  { key: 'product', header: 'data.product', value: (d) => d.product },
  { key: 'region', header: 'data.region', value: (d) => d.region },
  { key: 'contractEnd', header: 'data.contractEnd', format: 'date', value: (d) => d.contractEnd },
];

export type DataColumnKey = 'row' | 'id' | 'account' | 'accountKey' | 'status' | 'stageIndex' | 'furthest' | 'created' | 'closed' | 'cycleDays' | 'amount' | 'cost' | 'owner' | 'channel' | 'product' | 'region' | 'contractEnd';

/**
 * A whole-column reference into the data sheet, e.g. `'Funnel Data'!$H:$H`.
 * Whole columns keep older report tabs right when the data sheet is
 * rewritten with more rows.
 */
export function dataColumn(key: DataColumnKey): string {
  const index = COLUMNS.findIndex((c) => c.key === key);
  const letter = columnLetter(index);
  return `${sheetRef(DATA_SHEET)}!$${letter}:$${letter}`;
}

/** The normalised data sheet (`Funnel Data`) the report's formulas read. */
export function buildDataSheet(deals: readonly Deal[], tr: Translate): SheetModel {
  return {
    name: DATA_SHEET,
    role: 'data',
    freeze: { rows: 1, cols: 0 },
    columnWidths: Object.fromEntries(COLUMNS.map((c, i) => [i, c.format === 'date' ? 12 : c.key === 'account' ? 24 : 14])),
    blocks: [
      {
        kind: 'table',
        name: DATA_TABLE,
        row: 0,
        col: 0,
        style: 'TableStyleLight9',
        columns: COLUMNS.map((c) => ({ header: tr(c.header), format: c.format })),
        rows: deals.map((d) => COLUMNS.map((c) => c.value(d))),
      },
    ],
  };
}
