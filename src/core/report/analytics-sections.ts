import type { Translate } from '../i18n';
import type { CohortRow } from '../metrics/cohort-retention';
import type { MonthlyMetrics } from '../metrics/compute-metrics';
import type { Period } from '../metrics/period';
import { BLANK_SEGMENT, type SegmentRow } from '../metrics/segments';
import type { SegmentField } from '../pipeline/fields';
import { a1 } from '../util/cell';
import { equalsCriterion, filledCriterion, inPeriodCriteria, statusCriterion, wonClosedIn } from './criteria';
import { dataColumn } from './data-sheet';
import { blankUnless, countifs, formula, guardedRatio, sumifs } from './formulas';
import type { Cell, ConditionalFormat, TableBlock } from './model';

interface Placed {
  row: number;
  col: number;
  tableName: string;
}

/**
 * Conversion and cost rate by one segment (owner, channel, product, region):
 * created, won, lost, win rate, revenue, cost, cost rate — COUNTIFS and
 * SUMIFS over the data sheet's segment column, or values.
 */
export function segmentTable(field: SegmentField, rows: readonly SegmentRow[], period: Period, valuesOnly: boolean, at: Placed, tr: Translate): TableBlock {
  const body = rows.map((s, i): Cell[] => {
    const label = s.key === BLANK_SEGMENT ? tr('segment.blank') : s.key;
    if (valuesOnly) return [label, s.created, s.won, s.lost, s.winRate, s.revenue, s.cost, s.costRate];
    const r = at.row + 1 + i;
    const key = equalsCriterion(field, s.key === BLANK_SEGMENT ? null : s.key);
    const won = [key, ...wonClosedIn(period)];
    const costed = [...won, filledCriterion('cost'), filledCriterion('amount')];
    const cell = (offset: number) => a1(r, at.col + offset);
    return [
      label,
      formula(countifs([key, ...inPeriodCriteria('created', period)]), s.created),
      formula(countifs(won), s.won),
      formula(countifs([key, statusCriterion('lost'), ...inPeriodCriteria('closed', period)]), s.lost),
      formula(guardedRatio(cell(2), `(${cell(2)}+${cell(3)})`), s.winRate ?? ''),
      formula(sumifs(dataColumn('amount'), won), s.revenue),
      formula(blankUnless(countifs(costed), sumifs(dataColumn('cost'), costed)), s.cost ?? ''),
      formula(guardedRatio(cell(6), sumifs(dataColumn('amount'), costed)), s.costRate ?? ''),
    ];
  });
  return {
    kind: 'table',
    name: at.tableName,
    row: at.row,
    col: at.col,
    style: 'TableStyleMedium9',
    columns: [
      { header: tr(`data.${field}`) },
      { header: tr('col.created'), format: 'integer' },
      { header: tr('kpi.wonDeals'), format: 'integer' },
      { header: tr('kpi.lostDeals'), format: 'integer' },
      { header: tr('kpi.winRate'), format: 'percent' },
      { header: tr('kpi.revenue'), format: 'currency' },
      { header: tr('kpi.cost'), format: 'currency' },
      { header: tr('kpi.costRate'), format: 'percent' },
    ],
    rows: body,
  };
}

/** A small label | percentage table. */
function rateTable(at: Placed, headers: [string, string], rows: [string, number | null][]): TableBlock {
  return {
    kind: 'table',
    name: at.tableName,
    row: at.row,
    col: at.col,
    style: 'TableStyleMedium2',
    columns: [{ header: headers[0] }, { header: headers[1], format: 'percent' }],
    rows,
  };
}

/** Attainment for the month, quarter to date and year to date (SPEC §2). */
export function attainmentTable(m: MonthlyMetrics, at: Placed, tr: Translate): TableBlock {
  return rateTable(at, [tr('col.period'), tr('kpi.attainment')], [
    [tr('period.month'), m.attainment],
    [tr('period.qtd'), m.attainmentQtd],
    [tr('period.ytd'), m.attainmentYtd],
  ]);
}

/** Repurchase, renewal and churn (SPEC §2 "Retention"). */
export function retentionTable(m: MonthlyMetrics, repurchaseMonths: number, at: Placed, tr: Translate): TableBlock {
  return rateTable(at, [tr('col.kpi'), tr('col.value')], [
    [tr('kpi.repurchaseWindow', { months: repurchaseMonths }), m.repurchaseRate],
    [tr('kpi.renewalRate'), m.renewalRate],
    [tr('kpi.churnRate'), m.churnRate],
  ]);
}

/** The 12 × 12 cohort table, with a colour scale over the rates. */
export function cohortTable(cohorts: readonly CohortRow[], at: Placed, tr: Translate): { table: TableBlock; format: ConditionalFormat } {
  const months = cohorts[0]?.rates.length ?? 12;
  const table: TableBlock = {
    kind: 'table',
    name: at.tableName,
    row: at.row,
    col: at.col,
    style: 'TableStyleLight9',
    columns: [{ header: tr('col.cohort') }, { header: tr('col.accounts'), format: 'integer' }, ...Array.from({ length: months }, (_, k) => ({ header: tr('col.monthsSince', { k }), format: 'percent' as const }))],
    rows: cohorts.map((c) => [c.cohort, c.accounts, ...c.rates]),
  };
  const range = `${a1(at.row + 1, at.col + 2)}:${a1(at.row + Math.max(1, cohorts.length), at.col + 1 + months)}`;
  return { table, format: { type: 'colorScale', range } };
}

/** The bottleneck in words, or null when there is none. */
export function bottleneckText(m: MonthlyMetrics, tr: Translate): string | null {
  if (!m.bottleneck) return null;
  return tr('report.bottleneck', { from: m.bottleneck.from, to: m.bottleneck.to, conversion: `${(m.bottleneck.conversion * 100).toFixed(1)}%` });
}
