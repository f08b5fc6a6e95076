import type { MessageKey, Translate } from '../i18n';
import type { MonthlyKpis } from '../metrics/compute-metrics';
import type { Period } from '../metrics/period';
import { a1 } from '../util/cell';
import { type Criterion, filledCriterion, statusCriterion, inPeriodCriteria, wonClosedIn } from './criteria';
import { dataColumn } from './data-sheet';
import { blankUnless, countifs, formula, guardedRatio, sumifs, textLiteral } from './formulas';
import type { Cell, ConditionalFormat, NumberFormat, TableBlock } from './model';

type KpiKey = keyof MonthlyKpis;

/** A KPI row: how Excel computes it from the data sheet (when it can), given the cells of the other KPIs of its column. */
interface KpiRow {
  key: KpiKey;
  format: NumberFormat;
  formula?: (period: Period, cell: (key: KpiKey) => string) => string;
}

const wonWith = (period: Period, ...more: Criterion[]) => [...wonClosedIn(period), ...more];

/** The KPI header (SPEC §3): counts, sums and ratios are formulas over `Funnel Data`; per-account figures are values. */
const KPI_ROWS: readonly KpiRow[] = [
  { key: 'revenue', format: 'currency', formula: (p) => sumifs(dataColumn('amount'), wonClosedIn(p)) },
  { key: 'target', format: 'currency' },
  { key: 'attainment', format: 'percent', formula: (_p, cell) => guardedRatio(cell('revenue'), cell('target')) },
  { key: 'attainmentQtd', format: 'percent' },
  { key: 'attainmentYtd', format: 'percent' },
  { key: 'wonDeals', format: 'integer', formula: (p) => countifs(wonClosedIn(p)) },
  { key: 'lostDeals', format: 'integer', formula: (p) => countifs([statusCriterion('lost'), ...inPeriodCriteria('closed', p)]) },
  { key: 'winRate', format: 'percent', formula: (_p, cell) => guardedRatio(cell('wonDeals'), `(${cell('wonDeals')}+${cell('lostDeals')})`) },
  {
    key: 'averageDealSize',
    format: 'currency',
    formula: (p) => guardedRatio(sumifs(dataColumn('amount'), wonClosedIn(p)), countifs(wonWith(p, filledCriterion('amount')))),
  },
  {
    key: 'cycleDaysMean',
    format: 'days',
    formula: (p) => guardedRatio(sumifs(dataColumn('cycleDays'), wonWith(p, filledCriterion('cycleDays'))), countifs(wonWith(p, filledCriterion('cycleDays')))),
  },
  { key: 'cycleDaysMedian', format: 'days' },
  { key: 'velocityPerDay', format: 'currency' },
  {
    key: 'cost',
    format: 'currency',
    formula: (p) =>
      blankUnless(
        countifs(wonWith(p, filledCriterion('cost'), filledCriterion('amount'))),
        sumifs(dataColumn('cost'), wonWith(p, filledCriterion('cost'), filledCriterion('amount'))),
      ),
  },
  {
    key: 'costRate',
    format: 'percent',
    formula: (p, cell) => guardedRatio(cell('cost'), sumifs(dataColumn('amount'), wonWith(p, filledCriterion('cost'), filledCriterion('amount')))),
  },
  { key: 'newCustomers', format: 'integer' },
  { key: 'cac', format: 'currency' },
  { key: 'repurchaseRate', format: 'percent' },
  { key: 'renewalRate', format: 'percent' },
  { key: 'churnRate', format: 'percent' },
];

export interface KpiSectionInput {
  current: { label: string; period: Period; metrics: MonthlyKpis };
  previous: { label: string; period: Period; metrics: MonthlyKpis };
  valuesOnly: boolean;
  tableName: string;
  row: number;
  col: number;
}

export const KPI_ROW_COUNT = KPI_ROWS.length;

export type { KpiKey };

/** Body row (0-based within the table body) of a KPI. */
export function kpiIndex(key: KpiKey): number {
  return KPI_ROWS.findIndex((k) => k.key === key);
}

export function kpiFormat(key: KpiKey): NumberFormat {
  return KPI_ROWS[kpiIndex(key)]!.format;
}

/** KPIs where a rise is bad news (SPEC §7: the change is coloured by the KPI's direction). */
const LOWER_IS_BETTER: ReadonlySet<KpiKey> = new Set<KpiKey>(['lostDeals', 'cycleDaysMean', 'cycleDaysMedian', 'cost', 'costRate', 'cac', 'churnRate']);

/** Green for good news, red for bad: a ▲ or ▼ in `range` (top-left `first`) coloured by the direction of `key`. */
export function changeColours(range: string, first: string, key: KpiKey): ConditionalFormat[] {
  const upIsGood = !LOWER_IS_BETTER.has(key);
  return [
    { range, type: 'expression', formula: `LEFT(${first},1)="▲"`, style: upIsGood ? 'good' : 'bad' },
    { range, type: 'expression', formula: `LEFT(${first},1)="▼"`, style: upIsGood ? 'bad' : 'good' },
  ];
}

/** The change column of the KPI table, each row coloured by its KPI's direction. */
export function kpiChangeColours(tableRow: number, col: number): ConditionalFormat[] {
  return KPI_ROWS.flatMap((k, i) => {
    const cell = a1(tableRow + 1 + i, col + 3);
    return changeColours(cell, cell, k.key);
  });
}

/** KPI | this month | previous month | change (▲/▼ with the difference). */
export function kpiTable(input: KpiSectionInput, tr: Translate): TableBlock {
  const firstBody = input.row + 1;
  const rowOf = (key: KpiKey) => firstBody + KPI_ROWS.findIndex((k) => k.key === key);
  const valueCell = (period: Period, metrics: MonthlyKpis, column: number, kpi: KpiRow): Cell => {
    const value = metrics[kpi.key];
    if (input.valuesOnly || !kpi.formula) return value;
    return formula(
      kpi.formula(period, (key) => a1(rowOf(key), column)),
      value ?? '',
    );
  };
  const rows = KPI_ROWS.map((kpi, i) => {
    const r = firstBody + i;
    const now = input.current.metrics[kpi.key];
    const before = input.previous.metrics[kpi.key];
    const changeText = change(now, before, kpi.format, tr);
    const thisCol = input.col + 1;
    const prevCol = input.col + 2;
    return [
      tr(`kpi.${kpi.key}` as MessageKey),
      valueCell(input.current.period, input.current.metrics, thisCol, kpi),
      valueCell(input.previous.period, input.previous.metrics, prevCol, kpi),
      input.valuesOnly ? changeText : formula(changeFormula(a1(r, thisCol), a1(r, prevCol), kpi.format, tr), changeText),
    ];
  });
  return {
    kind: 'table',
    name: input.tableName,
    row: input.row,
    col: input.col,
    style: 'TableStyleMedium2',
    columns: [{ header: tr('col.kpi') }, { header: input.current.label }, { header: input.previous.label }, { header: tr('col.change') }],
    rows,
    rowFormats: KPI_ROWS.map((k) => k.format),
  };
}

/** How a difference is shown: percentage points for rates, days, whole numbers for money and counts. */
const CHANGE_TEXT: Readonly<Record<NumberFormat, { excel: string; scale: number; digits: number; suffix: 'change.pp' | 'change.days' | null }>> = {
  percent: { excel: '"0.0"', scale: 100, digits: 1, suffix: 'change.pp' },
  days: { excel: '"0.0"', scale: 1, digits: 1, suffix: 'change.days' },
  currency: { excel: '"#,##0"', scale: 1, digits: 0, suffix: null },
  integer: { excel: '"#,##0"', scale: 1, digits: 0, suffix: null },
  decimal: { excel: '"#,##0.00"', scale: 1, digits: 2, suffix: null },
  date: { excel: '"0"', scale: 1, digits: 0, suffix: 'change.days' },
  month: { excel: '"0"', scale: 1, digits: 0, suffix: null },
  text: { excel: '"0"', scale: 1, digits: 0, suffix: null },
  general: { excel: '"0.##"', scale: 1, digits: 2, suffix: null },
};

/** `IF(OR(B5="",C5=""),"",IF(B5=C5,"= ",IF(B5>C5,"▲ ","▼ "))&TEXT(ABS(B5-C5)*100,"0.0")&" pp")` */
export function changeFormula(now: string, before: string, format: NumberFormat, tr: Translate): string {
  const c = CHANGE_TEXT[format];
  const magnitude = c.scale === 1 ? `ABS(${now}-${before})` : `ABS(${now}-${before})*${c.scale}`;
  const suffix = c.suffix ? `&${textLiteral(tr(c.suffix))}` : '';
  return `IF(OR(${now}="",${before}=""),"",IF(${now}=${before},"= ",IF(${now}>${before},"▲ ","▼ "))&TEXT(${magnitude},${c.excel})${suffix})`;
}

/** The same text as the formula, for the cached value and for values-only reports. */
export function change(now: number | null, before: number | null, format: NumberFormat, tr: Translate): string {
  if (now === null || before === null) return '';
  const c = CHANGE_TEXT[format];
  const arrow = now === before ? '= ' : now > before ? '▲ ' : '▼ ';
  const magnitude = Math.abs(now - before) * c.scale;
  const text = c.excel === '"#,##0"' ? Math.round(magnitude).toLocaleString('en-US') : magnitude.toFixed(c.digits);
  return `${arrow}${text}${c.suffix ? tr(c.suffix) : ''}`;
}
