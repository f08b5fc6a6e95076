import type { Translate } from '../i18n';
import type { CohortRow } from '../metrics/cohort-retention';
import type { MonthlyMetrics } from '../metrics/compute-metrics';
import type { MatureBottleneck } from '../metrics/mature-bottleneck';
import { monthPeriod } from '../metrics/period';
import { parseMonthKey } from '../util/dates';
import type { Period } from '../metrics/period';
import { BLANK_SEGMENT, type SegmentRow } from '../metrics/segments';
import type { SegmentField } from '../pipeline/fields';
import { a1 } from '../util/cell';
import { equalsCriterion, filledCriterion, inPeriodCriteria, statusCriterion, wonClosedIn } from './criteria';
import { dataColumn } from './data-sheet';
import { countifs, formula, guardedRatio, sumifs } from './formulas';
import type { Cell, ConditionalFormat, TableBlock } from './model';
import { tableBlock } from './table-block';

interface Placed {
  row: number;
  col: number;
  tableName: string;
}

/**
 * One segment (owner, channel, product, region), SPEC §7: its own cohort
 * funnel (created in the month → reached each later stage → won so far)
 * and, labelled apart, what closed in the month (won, lost, win rate,
 * revenue, cost rate) — two groups of deals, never divided by each other.
 * COUNTIFS and SUMIFS over the data sheet's segment column, or values (and
 * values for the funnel in strict mode, which Excel cannot count).
 */
export function segmentTable(
  field: SegmentField,
  rows: readonly SegmentRow[],
  input: { period: Period; stages: readonly string[]; valuesOnly: boolean; strict: boolean },
  at: Placed,
  tr: Translate,
): TableBlock {
  const { period, stages } = input;
  const later = stages.slice(1);
  const body = rows.map((s, i): Cell[] => {
    const label = s.key === BLANK_SEGMENT ? tr('segment.blank') : s.key;
    const c = s.closed;
    const reached = s.cohort.reached.slice(1);
    if (input.valuesOnly) return [label, s.cohort.created, ...reached, c.won, c.lost, c.winRate, c.revenue, c.costRate];
    const r = at.row + 1 + i;
    const key = equalsCriterion(field, s.key === BLANK_SEGMENT ? null : s.key);
    const createdIn = [key, ...inPeriodCriteria('created', period)];
    const won = [key, ...wonClosedIn(period)];
    const costed = [...won, filledCriterion('cost'), filledCriterion('amount')];
    const cell = (offset: number) => a1(r, at.col + offset);
    const closedAt = 2 + later.length;
    return [
      label,
      formula(countifs(createdIn), s.cohort.created),
      // Step k + 1 of the funnel: the data sheet's furthest stage is 1-based.
      ...reached.map((count, k) => (input.strict ? count : formula(countifs([...createdIn, [dataColumn('furthest'), `">="&${k + 2}`]]), count))),
      formula(countifs(won), c.won),
      formula(countifs([key, statusCriterion('lost'), ...inPeriodCriteria('closed', period)]), c.lost),
      formula(guardedRatio(cell(closedAt), `(${cell(closedAt)}+${cell(closedAt + 1)})`), c.winRate ?? ''),
      formula(sumifs(dataColumn('amount'), won), c.revenue),
      formula(guardedRatio(sumifs(dataColumn('cost'), costed), sumifs(dataColumn('amount'), costed)), c.costRate ?? ''),
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
      { header: tr('col.cohortCreated'), format: 'integer' },
      ...later.map((stage, k) => ({
        header: k === later.length - 1 ? tr('col.wonSoFar', { stage }) : tr('col.reachedStage', { stage }),
        format: 'integer' as const,
      })),
      { header: tr('col.closedWon'), format: 'integer' },
      { header: tr('col.closedLost'), format: 'integer' },
      { header: tr('col.closedWinRate'), format: 'percent' },
      { header: tr('col.closedRevenue'), format: 'currency' },
      { header: tr('col.closedCostRate'), format: 'percent' },
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
  return rateTable(
    at,
    [tr('col.period'), tr('kpi.attainment')],
    [
      [tr('period.month'), m.attainment],
      [tr('period.qtd'), m.attainmentQtd],
      [tr('period.ytd'), m.attainmentYtd],
    ],
  );
}

/** Repurchase, renewal and churn (SPEC §2 "Retention"). */
export function retentionTable(m: MonthlyMetrics, repurchaseMonths: number, at: Placed, tr: Translate): TableBlock {
  return rateTable(
    at,
    [tr('col.kpi'), tr('col.value')],
    [
      [tr('kpi.repurchaseWindow', { months: repurchaseMonths }), m.repurchaseRate],
      [tr('kpi.renewalRate'), m.renewalRate],
      [tr('kpi.churnRate'), m.churnRate],
    ],
  );
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
    columns: [
      { header: tr('col.cohort') },
      { header: tr('col.accounts'), format: 'integer' },
      ...Array.from({ length: months }, (_, k) => ({ header: tr('col.monthsSince', { k }), format: 'percent' as const })),
    ],
    rows: cohorts.map((c) => [c.cohort, c.accounts, ...c.rates]),
  };
  // Month 0 is always 100 %: the scale starts at month 1, or everything else reads red (SPEC §7).
  const range = `${a1(at.row + 1, at.col + 3)}:${a1(at.row + Math.max(1, cohorts.length), at.col + 1 + months)}`;
  return { table, format: { type: 'colorScale', range } };
}

/** The bottleneck in words (SPEC §7: the months compared and the trailing values), or null when there is none. */
export function bottleneckText(b: MatureBottleneck | null, reportMonth: string, tr: Translate): string | null {
  if (!b) return null;
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const current = b.cohorts.find((c) => c.role === 'current')!;
  const trailing = b.cohorts.filter((c) => c.role === 'trailing');
  const params = {
    from: b.step.from,
    to: b.step.to,
    current: pct(b.current),
    month: current.month,
    trailing: pct(b.trailing),
    trailingMonths: `${trailing[0]!.month} – ${trailing[trailing.length - 1]!.month}`,
    each: trailing.map((c) => `${c.month} ${pct(c.conversion)}`).join(', '),
    days: b.maturityDays,
    reportMonth,
  };
  return tr(b.trailing === null ? 'report.bottleneck.noHistory' : 'report.bottleneck.mature', params);
}

/** The cohorts the bottleneck compares, each with the step's two counts (COUNTIFS over the data sheet) and its conversion. */
export function bottleneckTable(b: MatureBottleneck, asValues: boolean, at: Placed, tr: Translate): TableBlock {
  const k = b.step.index;
  const rows = b.cohorts.map((c, i): Cell[] => {
    const role = tr(c.role === 'current' ? 'bottleneck.current' : 'bottleneck.trailing');
    if (asValues) return [c.month, role, c.reached, c.converted, c.conversion];
    const period = monthPeriodOfKey(c.month);
    const r = at.row + 1 + i;
    const created = inPeriodCriteria('created', period);
    // Furthest stage is 1-based in the data sheet: the from-stage is step k, the to-stage step k + 1.
    return [
      c.month,
      role,
      formula(countifs([[dataColumn('furthest'), `">="&${k}`], ...created]), c.reached),
      formula(countifs([[dataColumn('furthest'), `">="&${k + 1}`], ...created]), c.converted),
      formula(guardedRatio(a1(r, at.col + 3), a1(r, at.col + 2)), c.conversion ?? ''),
    ];
  });
  return tableBlock(
    at,
    'TableStyleLight9',
    [
      { header: tr('col.cohort') },
      { header: tr('col.compared') },
      { header: tr('col.reachedStage', { stage: b.step.from }), format: 'integer' },
      { header: tr('col.reachedStage', { stage: b.step.to }), format: 'integer' },
      { header: tr('col.stepConversion'), format: 'percent' },
    ],
    rows,
  );
}

function monthPeriodOfKey(key: string): Period {
  return monthPeriod(parseMonthKey(key)!);
}
