import type { Translate } from '../i18n';
import { type DealForecast, NO_EXPECTED_MONTH, probabilitySourceAt } from '../dynamics/deal-forecast';
import { monthStartSerial } from '../util/dates';
import type { Deal } from '../pipeline/deal';
import { columnLetter, sheetRef } from '../util/cell';
import type { CellValue } from '../util/cell';
import type { DealRows, NumberFormat, SheetModel } from './model';

export const DATA_SHEET = 'Funnel Data';
export const DATA_TABLE = 'FunnelData';

/** Canonical status words written to the data sheet; formulas match on them, whatever the UI language. */
export const STATUS_WORDS = { open: 'Open', won: 'Won', lost: 'Lost' } as const;

/**
 * A column of the data sheet: its header, number format, and the cell of
 * deal `d` (row `i`, its forecast columns in `f`, the probability-source
 * labels in `labels`). Adding a column is a line here (after the others, so
 * a workbook's older formulas keep their letters); `text` marks the columns
 * that may hold a user's text, the only ones Excel's cell limit can concern.
 */
interface DataColumn {
  key: string;
  header: Parameters<Translate>[0];
  format?: NumberFormat;
  text?: true;
  value: (d: Deal, i: number, f: DealForecast | undefined, labels: DealRows['sourceLabels']) => CellValue;
}

const open = (f: DealForecast | undefined, i: number): f is DealForecast => f !== undefined && f.source[i] !== 0;
const finiteOrNull = (x: number) => (Number.isNaN(x) ? null : x);

/** One row per deal, every value already parsed; report formulas count over these columns. */
const COLUMNS: readonly DataColumn[] = [
  { key: 'row', header: 'data.row', format: 'integer', value: (d) => d.row },
  { key: 'id', header: 'data.id', text: true, value: (d) => d.id },
  { key: 'account', header: 'data.account', text: true, value: (d) => d.account },
  { key: 'accountKey', header: 'data.accountKey', text: true, value: (d) => d.accountKey },
  { key: 'status', header: 'data.status', value: (d) => STATUS_WORDS[d.status] },
  { key: 'stageIndex', header: 'data.stageIndex', format: 'integer', value: (d) => (d.stageIndex === null ? null : d.stageIndex + 1) },
  { key: 'furthest', header: 'data.furthest', format: 'integer', value: (d) => (d.furthest === null ? null : d.furthest + 1) },
  { key: 'created', header: 'data.created', format: 'date', value: (d) => d.created },
  { key: 'closed', header: 'data.closed', format: 'date', value: (d) => d.closed },
  {
    key: 'cycleDays',
    header: 'data.cycleDays',
    format: 'integer',
    value: (d) => (d.status === 'won' && d.created !== null && d.closed !== null ? d.closed - d.created : null),
  },
  { key: 'amount', header: 'data.amount', format: 'currency', value: (d) => d.amount },
  { key: 'cost', header: 'data.cost', format: 'currency', value: (d) => d.cost },
  { key: 'owner', header: 'data.owner', text: true, value: (d) => d.owner },
  { key: 'channel', header: 'data.channel', text: true, value: (d) => d.channel },
  { key: 'product', header: 'data.product', text: true, value: (d) => d.product },
  { key: 'region', header: 'data.region', text: true, value: (d) => d.region },
  { key: 'contractEnd', header: 'data.contractEnd', format: 'date', value: (d) => d.contractEnd },
  /*
   * The per-deal forecast columns (issue #17): the probability used and
   * where it came from, the weighted amount, the expected close month,
   * overdue / stuck flags and days in the current stage, as of the report
   * month, for the deals the weighted pipeline weighs (blank for the rest).
   * Filter and sort the pipeline by them; the report's coverage and overdue
   * formulas count over them.
   */
  { key: 'lostReason', header: 'field.lostReason', text: true, value: (d) => d.lostReason?.trim() || null },
  { key: 'probability', header: 'data.probability', format: 'percent', value: (_, i, f) => (open(f, i) ? f.probability[i]! : null) },
  { key: 'probabilitySource', header: 'data.probabilitySource', value: (_, i, f, labels) => (open(f, i) ? labels[probabilitySourceAt(f, i)!] : null) },
  { key: 'weightedAmount', header: 'data.weightedAmount', format: 'currency', value: (_, i, f) => (open(f, i) ? f.weighted[i]! : null) },
  {
    key: 'expectedClose',
    header: 'data.expectedClose',
    format: 'month',
    value: (_, i, f) => (open(f, i) && f.expectedMonth[i] !== NO_EXPECTED_MONTH ? monthStartSerial(f.expectedMonth[i]!) : null),
  },
  { key: 'overdue', header: 'data.overdue', value: (_, i, f) => (open(f, i) ? (f.flags[i]! & 1) === 1 : null) },
  { key: 'stuck', header: 'data.stuck', value: (_, i, f) => (open(f, i) ? (f.flags[i]! & 2) === 2 : null) },
  { key: 'daysInStage', header: 'data.daysInStage', format: 'days', value: (_, i, f) => (open(f, i) ? finiteOrNull(f.daysInStage[i]!) : null) },
  /*
   * The currency columns (SPEC §9), after the forecast columns so older
   * formulas keep their letters: the amount and cost as read, their currency
   * and the rate used. `Amount` and `Cost` above hold the converted values,
   * so every report formula sums the converted amount; the rate is blank when
   * the Rates table has none (then the converted amount is blank too).
   */
  { key: 'originalAmount', header: 'data.originalAmount', format: 'decimal', value: (d) => (d.originalAmount === undefined ? d.amount : d.originalAmount) },
  { key: 'currency', header: 'data.currency', text: true, value: (d) => d.currency },
  { key: 'rate', header: 'data.rate', format: 'general', value: (d) => (d.rate === undefined ? 1 : d.rate) },
  { key: 'originalCost', header: 'data.originalCost', format: 'decimal', value: (d) => (d.originalCost === undefined ? d.cost : d.originalCost) },
];

/** The columns before the per-deal forecast ones (issue #17). */
const BASE_COLUMNS = COLUMNS.findIndex((c) => c.key === 'lostReason');
/** The columns before the currency ones (SPEC §9): all a sheet has when no deal names a currency, since then nothing was converted to audit. */
const WITHOUT_CURRENCY = COLUMNS.findIndex((c) => c.key === 'originalAmount');

/** The probability-source words in the UI language, as the per-deal columns write them. */
export function probabilitySourceLabels(tr: Translate): DealRows['sourceLabels'] {
  return { deal: tr('data.probabilitySource.deal'), learned: tr('data.probabilitySource.learned'), default: tr('data.probabilitySource.default') };
}

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
  | 'lostReason'
  | 'probability'
  | 'probabilitySource'
  | 'weightedAmount'
  | 'expectedClose'
  | 'overdue'
  | 'stuck'
  | 'daysInStage'
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
  const letter = columnLetter(COLUMNS.findIndex((c) => c.key === key));
  return `${sheetRef(DATA_SHEET)}!$${letter}:$${letter}`;
}

/**
 * The normalised data sheet (`Funnel Data`) the report's formulas read;
 * `forecast` fills the per-deal forecast columns. Its body is the deals
 * themselves (`dealRows`): each row is made as it is written (`dataRow`).
 */
export function buildDataSheet(deals: readonly Deal[], tr: Translate, forecast?: DealForecast): SheetModel {
  const columns = deals.some((d) => d.currency !== null) ? COLUMNS : COLUMNS.slice(0, WITHOUT_CURRENCY);
  const widths = Object.fromEntries(columns.map((c, i) => [i, i >= BASE_COLUMNS ? 14 : c.format === 'date' ? 12 : c.key === 'account' ? 24 : 14]));
  const sourceLabels = probabilitySourceLabels(tr);
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
        columns: columns.map((c) => ({ header: tr(c.header), format: c.format })),
        rows: [],
        dealRows: { deals, forecast, sourceLabels, columns: columns.length },
      },
    ],
  };
}

/** Row `i` of the data sheet, written into `into` (a caller writing row after row reuses one array) and returned. */
export function dataRow(body: DealRows, i: number, into: CellValue[] = new Array<CellValue>(body.columns)): CellValue[] {
  const d = body.deals[i]!;
  const { forecast, sourceLabels } = body;
  for (let c = 0; c < body.columns; c++) into[c] = COLUMNS[c]!.value(d, i, forecast, sourceLabels);
  return into;
}

/** The longest text a data-sheet row holds, over every deal: whether any cell can pass Excel's limit. */
export function longestDataText(body: DealRows): number {
  let longest = 0;
  const texts = COLUMNS.slice(0, body.columns).filter((c) => c.text);
  for (let i = 0; i < body.deals.length; i++) {
    const d = body.deals[i]!;
    for (const c of texts) {
      const v = c.value(d, i, body.forecast, body.sourceLabels);
      if (typeof v === 'string' && v.length > longest) longest = v.length;
    }
  }
  return longest;
}

/**
 * A per-deal forecast column for a block outside `Funnel Data` (the option
 * that writes them beside the user's pipeline, core/report/deal-columns.ts):
 * the definitions above, without the lost reason, which is the user's own column there.
 */
export type PerDealColumn = DataColumn & {
  key: 'probability' | 'probabilitySource' | 'weightedAmount' | 'expectedClose' | 'overdue' | 'stuck' | 'daysInStage';
};

const PER_DEAL_KEYS: ReadonlySet<string> = new Set<PerDealColumn['key']>([
  'probability',
  'probabilitySource',
  'weightedAmount',
  'expectedClose',
  'overdue',
  'stuck',
  'daysInStage',
]);

export const PER_DEAL_FORECAST_COLUMNS: readonly PerDealColumn[] = COLUMNS.filter((c): c is PerDealColumn => PER_DEAL_KEYS.has(c.key));
