import { type Locale, type MessageKey, t } from '../i18n';
import { dealTableOf } from '../metrics/deal-table';
import { monthRangePeriod } from '../metrics/period';
import { BLANK_SEGMENT } from '../metrics/segments';
import { customerTiers } from '../metrics/tiers';
import type { Deal } from '../pipeline/deal';
import { channelAnalysis, trailingYear } from '../planning/channel-analysis';
import { HORIZON_MONTHS, PLAN_SECTION_DEFS, PLAN_SECTIONS, type PlanSectionKey } from '../planning/plan-sections';
import type { PlanRow, SalesPlan } from '../planning/sales-plan';
import { a1, type CellValue, columnLetter } from '../util/cell';
import { type MonthIndex, monthIndexOfSerial, monthKey } from '../util/dates';
import { equalsCriterion, filledCriterion, wonClosedIn } from './criteria';
import { dataColumn, STATUS_WORDS } from './data-sheet';
import { blankUnless, countifs, formula, guardedRatio, sumifs, textLiteral } from './formulas';
import { VerticalLayout } from './layout';
import type { Block, Cell, ConditionalFormat, DataValidation, SheetModel, TableBlock } from './model';

/** Sheet name stays English in every language so formulas and the CLI find it. */
export const PLAN_SHEET = 'Sales Plan';

/** What the plan reads from the pipeline when the workbook has one (its `Funnel Data` sheet is written beside). */
export interface PlanData {
  deals: readonly Deal[];
  /** Last month of the channel analysis and tiers window (the last complete month of the data). */
  month: MonthIndex;
}

const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/**
 * The `Sales Plan` sheet (SPEC §5): a title, then one native table per
 * section of the sales-planning template, then the user's Notes. The user's
 * cells are written back as they were; the add-in fills in:
 * - goal **progress** = (current − baseline) ÷ (target − baseline), baseline
 *   0 when blank, empty when target = baseline — a formula, so it follows
 *   what the user types;
 * - **current** of revenue goals, with data: `SUMIFS` over `Funnel Data` of
 *   won deals closed in the horizon's months ending with the deadline's
 *   month (3, 12 or 36);
 * - **channel analysis**: COUNTIFS/SUMIFS over `Funnel Data` for the 12
 *   months ending with `data.month`, cached values from `channelAnalysis`;
 * - **customer tiers** from `customerTiers` (values: a ranking is not a
 *   formula Excel can follow).
 */
export function buildSalesPlanSheet(plan: SalesPlan, locale: Locale, data: PlanData | null): SheetModel {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  const layout = new VerticalLayout(3);
  const blocks: Block[] = [
    { kind: 'cells', row: 0, col: 0, cells: [[tr('plan.sheetTitle')]], style: 'title' },
    { kind: 'cells', row: 1, col: 0, cells: [[tr('plan.sheetNote')]], style: 'muted' },
  ];
  const conditionalFormats: ConditionalFormat[] = [];
  const validations: DataValidation[] = [];
  for (const key of PLAN_SECTIONS) {
    const def = PLAN_SECTION_DEFS[key];
    const section = plan.sections[key];
    const rows = dataRows(key, data) ?? section.rows.map((r) => localizeRow(r, def.labels, locale));
    const extraHeaders = data && def.fromData ? [] : section.extraHeaders;
    const bodyRows = Math.max(rows.length, 1);
    const row = layout.take(2 + bodyRows);
    const heading = key === 'channels' && data ? tr('plan.channels', { month: monthKey(data.month) }) : tr(def.heading);
    blocks.push({ kind: 'cells', row, col: 0, cells: [[heading]], style: 'heading' });
    const tableRow = row + 1;
    const body = rows.map((r, i) => sectionCells(key, r, tableRow + 1 + i, extraHeaders.length, data));
    const table: TableBlock = {
      kind: 'table',
      name: def.table,
      row: tableRow,
      col: 0,
      style: key === 'targets' ? 'TableStyleMedium2' : 'TableStyleMedium9',
      columns: [...def.columns.map((c) => ({ header: tr(c.header), format: c.format })), ...extraHeaders.map((header) => ({ header }))],
      rows: body,
    };
    blocks.push(table);
    const colOf = (column: string) => columnLetter(def.columns.findIndex((c) => c.key === column));
    const span = (column: string) => `${colOf(column)}${tableRow + 2}:${colOf(column)}${tableRow + 1 + bodyRows}`;
    if (key === 'goals') {
      validations.push(
        { range: span('horizon'), rule: { type: 'list', values: HORIZON_MONTHS.map(([label]) => tr(label)) } },
        { range: span('deadline'), rule: { type: 'date' } },
      );
      conditionalFormats.push({ range: span('progress'), type: 'dataBar' });
    }
    if (key === 'promotions') validations.push({ range: span('start'), rule: { type: 'date' } }, { range: span('end'), rule: { type: 'date' } });
  }
  blocks.push({ kind: 'notes', row: layout.row, col: 0, heading: tr('plan.notes'), lines: plan.notes });
  return {
    name: PLAN_SHEET,
    role: 'plan',
    blocks,
    columnWidths: { 0: 28, 1: 30, 2: 22, 3: 14, 4: 14, 5: 14, 6: 16, 7: 14, 8: 12 },
    conditionalFormats,
    validations,
  };
}

/** Rows of a section filled from the data, or null to keep the user's. */
function dataRows(key: PlanSectionKey, data: PlanData | null): PlanRow[] | null {
  if (data === null || !PLAN_SECTION_DEFS[key].fromData) return null;
  if (key === 'channels') return channelAnalysis(data.deals, data.month).map((c) => ({ cells: { ...c }, extras: [] }));
  if (key === 'tiers')
    return customerTiers(dealTableOf(data.deals), data.month).map((x) => ({
      cells: { account: x.account, revenue12m: x.revenue12m, tier: x.tier },
      extras: [],
    }));
  return null;
}

/** A label the add-in wrote, in either language, shown in the user's language. */
function localizeRow(row: PlanRow, labels: readonly MessageKey[], locale: Locale): PlanRow {
  if (labels.length === 0) return row;
  const cells = Object.fromEntries(Object.entries(row.cells).map(([k, v]) => [k, localizeLabel(v, labels, locale)]));
  return { cells, extras: row.extras };
}

/** A text the add-in wrote (one of `labels`, in either language) in `locale`; anything else as it is. */
export function localizeLabel(value: CellValue, labels: readonly MessageKey[], locale: Locale): CellValue {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  const key = labels.find((k) => LOCALES.some((l) => t(l, k) === text));
  return key ? t(locale, key) : value;
}

function sectionCells(key: PlanSectionKey, row: PlanRow, sheetRow: number, extraColumns: number, data: PlanData | null): Cell[] {
  const def = PLAN_SECTION_DEFS[key];
  const extras = Array.from({ length: extraColumns }, (_, k): Cell => row.extras[k] ?? null);
  if (key === 'goals') return [...goalCells(row, sheetRow, data), ...extras];
  if (key === 'channels' && data) return channelCells(row, sheetRow, data.month);
  // A month typed in a row added under the table becomes a date in Excel; the table keeps `YYYY-MM` text.
  if (key === 'targets' && typeof row.cells.month === 'number')
    return [monthKey(monthIndexOfSerial(row.cells.month)), ...def.columns.slice(1).map((c): Cell => row.cells[c.key] ?? null), ...extras];
  return [...def.columns.map((c): Cell => row.cells[c.key] ?? null), ...extras];
}

function goalCells(row: PlanRow, sheetRow: number, data: PlanData | null): Cell[] {
  const columns = PLAN_SECTION_DEFS.goals.columns;
  const ref = (column: string) =>
    a1(
      sheetRow,
      columns.findIndex((c) => c.key === column),
    );
  const v = (column: string): CellValue => row.cells[column] ?? null;
  let current: Cell = v('current');
  let currentValue: CellValue = current;
  const months = horizonMonths(v('horizon'));
  const deadline = v('deadline');
  if (data && months !== null && isRevenueMetric(v('metric')) && typeof deadline === 'number') {
    const d = ref('deadline');
    const last = monthIndexOfSerial(deadline);
    const period = monthRangePeriod(last - months + 1, last);
    currentValue = revenueIn(data.deals, period.start, period.end);
    const closed = dataColumn('closed');
    const criteria: (readonly [string, string])[] = [
      [dataColumn('status'), textLiteral(STATUS_WORDS.won)],
      [closed, `">="&DATE(YEAR(${d}),MONTH(${d})-${months - 1},1)`],
      [closed, `"<"&DATE(YEAR(${d}),MONTH(${d})+1,1)`],
    ];
    current = formula(`IF(ISNUMBER(${d}),${sumifs(dataColumn('amount'), criteria)},"")`, currentValue);
  }
  const baseline = `IF(ISNUMBER(${ref('baseline')}),${ref('baseline')},0)`;
  const [c, tg] = [ref('current'), ref('target')];
  const progress = formula(
    `IF(AND(ISNUMBER(${c}),ISNUMBER(${tg})),${guardedRatio(`(${c}-${baseline})`, `(${tg}-${baseline})`)},"")`,
    goalProgress(currentValue, v('target'), v('baseline')) ?? '',
  );
  return columns.map((col): Cell => (col.key === 'current' ? current : col.key === 'progress' ? progress : v(col.key)));
}

/** (current − baseline) ÷ (target − baseline), baseline 0 when blank; null when not computable. */
export function goalProgress(current: CellValue, target: CellValue, baseline: CellValue): number | null {
  if (typeof current !== 'number' || typeof target !== 'number') return null;
  const base = typeof baseline === 'number' ? baseline : 0;
  return target - base === 0 ? null : (current - base) / (target - base);
}

function channelCells(row: PlanRow, sheetRow: number, month: MonthIndex): Cell[] {
  const channel = String(row.cells.channel);
  const won = [equalsCriterion('channel', channel === BLANK_SEGMENT ? null : channel), ...wonClosedIn(trailingYear(month))];
  const costed = [...won, filledCriterion('cost'), filledCriterion('amount')];
  const cell = (col: number) => a1(sheetRow, col);
  const n = (k: string) => row.cells[k] as number;
  const orBlank = (k: string) => (row.cells[k] as number | null) ?? '';
  return [
    channel,
    formula(countifs(won), n('deals')),
    formula(sumifs(dataColumn('amount'), won), n('revenue')),
    formula(blankUnless(countifs(costed), sumifs(dataColumn('cost'), costed)), orBlank('cost')),
    formula(guardedRatio(cell(3), sumifs(dataColumn('amount'), costed)), orBlank('costRate')),
    // No cost: the margin is empty too, not the revenue.
    formula(`IF(${cell(3)}="","",${cell(2)}-${cell(3)})`, orBlank('margin')),
  ];
}

function horizonMonths(value: CellValue): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return HORIZON_MONTHS.find(([label]) => LOCALES.some((l) => t(l, label) === text))?.[1] ?? null;
}

/** True for the Revenue metric label in either language. */
export function isRevenueMetric(value: CellValue): boolean {
  return typeof value === 'string' && LOCALES.some((l) => t(l, 'plan.metric.revenue') === value.trim());
}

function revenueIn(deals: readonly Deal[], start: number, end: number): number {
  let sum = 0;
  for (const d of deals) if (d.status === 'won' && d.closed !== null && d.closed >= start && d.closed < end && d.amount !== null) sum += d.amount;
  return sum;
}
