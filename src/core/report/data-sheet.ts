import type { Translate } from '../i18n';
import { type DealForecast, NO_EXPECTED_MONTH, probabilitySourceAt } from '../dynamics/deal-forecast';
import { monthStartSerial } from '../util/dates';
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

/**
 * The per-deal forecast columns (issue #17), after the columns above so a
 * workbook's older formulas keep their letters: the probability used and
 * where it came from, the weighted amount, the expected close month,
 * overdue / stuck flags and days in the current stage, as of the report
 * month, for the deals the weighted pipeline weighs (blank for the rest).
 * Filter and sort the pipeline by them; the report's coverage and overdue
 * formulas count over them.
 */
interface ForecastColumn {
  key: 'lostReason' | 'probability' | 'probabilitySource' | 'weightedAmount' | 'expectedClose' | 'overdue' | 'stuck' | 'daysInStage';
  header: Parameters<Translate>[0];
  format?: NumberFormat;
  value: (d: Deal, i: number, f: DealForecast | undefined, tr: Translate) => Cell;
}

const open = (f: DealForecast | undefined, i: number): f is DealForecast => f !== undefined && f.source[i] !== 0;
const finiteOrNull = (x: number) => (Number.isNaN(x) ? null : x);

const FORECAST_COLUMNS: readonly ForecastColumn[] = [
  { key: 'lostReason', header: 'field.lostReason', value: (d) => d.lostReason?.trim() || null },
  { key: 'probability', header: 'data.probability', format: 'percent', value: (_, i, f) => (open(f, i) ? f.probability[i]! : null) },
  { key: 'probabilitySource', header: 'data.probabilitySource', value: (_, i, f, tr) => (open(f, i) ? tr(`data.probabilitySource.${probabilitySourceAt(f, i)!}`) : null) },
  { key: 'weightedAmount', header: 'data.weightedAmount', format: 'currency', value: (_, i, f) => (open(f, i) ? f.weighted[i]! : null) },
  { key: 'expectedClose', header: 'data.expectedClose', format: 'month', value: (_, i, f) => (open(f, i) && f.expectedMonth[i] !== NO_EXPECTED_MONTH ? monthStartSerial(f.expectedMonth[i]!) : null) },
  { key: 'overdue', header: 'data.overdue', value: (_, i, f) => (open(f, i) ? (f.flags[i]! & 1) === 1 : null) },
  { key: 'stuck', header: 'data.stuck', value: (_, i, f) => (open(f, i) ? (f.flags[i]! & 2) === 2 : null) },
  { key: 'daysInStage', header: 'data.daysInStage', format: 'days', value: (_, i, f) => (open(f, i) ? finiteOrNull(f.daysInStage[i]!) : null) },
];

/**
 * The currency columns (SPEC §9), after the forecast columns so older
 * formulas keep their letters: the amount and cost as read, their currency
 * and the rate used. `Amount` and `Cost` above hold the converted values,
 * so every report formula sums the converted amount; the rate is blank when
 * the Rates table has none (then the converted amount is blank too).
 */
const CURRENCY_COLUMNS: readonly DataColumn[] = [
  { key: 'originalAmount', header: 'data.originalAmount', format: 'decimal', value: (d) => (d.originalAmount === undefined ? d.amount : d.originalAmount) },
  { key: 'currency', header: 'data.currency', value: (d) => d.currency },
  { key: 'rate', header: 'data.rate', format: 'general', value: (d) => (d.rate === undefined ? 1 : d.rate) },
  { key: 'originalCost', header: 'data.originalCost', format: 'decimal', value: (d) => (d.originalCost === undefined ? d.cost : d.originalCost) },
];

export type DataColumnKey =
  | 'row'
  | 'id'
  | 'account'
  | 'accountKey'
  | 'status'
  | 'stageIndex'
  | 'furthest'
  | 'created'
  | 'closed'
  | 'cycleDays'
  | 'amount'
  | 'cost'
  | 'owner'
  | 'channel'
  | 'product'
  | 'region'
  | 'contractEnd'
  | ForecastColumn['key']
  | 'originalAmount'
  | 'currency'
  | 'rate'
  | 'originalCost';

/**
 * A whole-column reference into the data sheet, e.g. `'Funnel Data'!$H:$H`.
 * Whole columns keep older report tabs right when the data sheet is
 * rewritten with more rows.
 */
export function dataColumn(key: DataColumnKey): string {
  const base = COLUMNS.findIndex((c) => c.key === key);
  const forecast = FORECAST_COLUMNS.findIndex((c) => c.key === key);
  const index = base >= 0 ? base : forecast >= 0 ? COLUMNS.length + forecast : COLUMNS.length + FORECAST_COLUMNS.length + CURRENCY_COLUMNS.findIndex((c) => c.key === key);
  const letter = columnLetter(index);
  return `${sheetRef(DATA_SHEET)}!$${letter}:$${letter}`;
}

/** The normalised data sheet (`Funnel Data`) the report's formulas read; `forecast` fills the per-deal forecast columns. */
export function buildDataSheet(deals: readonly Deal[], tr: Translate, forecast?: DealForecast): SheetModel {
  const widths = Object.fromEntries(COLUMNS.map((c, i) => [i, c.format === 'date' ? 12 : c.key === 'account' ? 24 : 14]));
  FORECAST_COLUMNS.forEach((_, k) => (widths[COLUMNS.length + k] = 14));
  CURRENCY_COLUMNS.forEach((_, k) => (widths[COLUMNS.length + FORECAST_COLUMNS.length + k] = 14));
  return {
    name: DATA_SHEET,
    role: 'data',
    freeze: { rows: 1, cols: 0 },
    columnWidths: widths,
    blocks: [
      {
        kind: 'table',
        name: DATA_TABLE,
        row: 0,
        col: 0,
        style: 'TableStyleLight9',
        columns: [...COLUMNS, ...FORECAST_COLUMNS, ...CURRENCY_COLUMNS].map((c) => ({ header: tr(c.header), format: c.format })),
        rows: deals.map((d, i) => [...COLUMNS.map((c) => c.value(d)), ...FORECAST_COLUMNS.map((c) => c.value(d, i, forecast, tr)), ...CURRENCY_COLUMNS.map((c) => c.value(d))]),
      },
    ],
  };
}

/**
 * The per-deal forecast columns for a block outside `Funnel Data` (the
 * option that writes them beside the user's pipeline, core/report/deal-columns.ts):
 * the definitions above, without the lost reason, which is the user's own column there.
 */
export interface PerDealColumn {
  key: Exclude<ForecastColumn['key'], 'lostReason'>;
  header: Parameters<Translate>[0];
  format?: NumberFormat;
  value: (d: Deal, i: number, f: DealForecast | undefined, tr: Translate) => Cell;
}

export const PER_DEAL_FORECAST_COLUMNS: readonly PerDealColumn[] = FORECAST_COLUMNS.filter((c): c is PerDealColumn => c.key !== 'lostReason');
