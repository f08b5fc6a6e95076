import type { PipelineDynamics } from '../dynamics/pipeline-dynamics';
import { STUCK_LIST_SIZE } from '../dynamics/stuck-deals';
import type { Translate } from '../i18n';
import { monthPeriod, type Period } from '../metrics/period';
import { a1 } from '../util/cell';
import { monthKey } from '../util/dates';
import { type Criterion, equalsCriterion, filledCriterion, inPeriodCriteria, statusCriterion, wonClosedIn } from './criteria';
import { dataColumn } from './data-sheet';
import { countifs, formula, guardedRatio, sumifs } from './formulas';
import type { VerticalLayout } from './layout';
import type { Block, Cell, TableBlock, TableColumn } from './model';

export interface DynamicsSectionInput {
  dynamics: PipelineDynamics;
  /** The pipeline sheet and the column of its deal IDs, for the links to each listed deal's row. */
  sourceSheet: string;
  idColumn: number;
  /** True when the pipeline has `<stage> date` columns. */
  stageDates: boolean;
  /** True when the pipeline has a lost-reason column. */
  lostReasons: boolean;
  /** True when some target row names an owner. */
  ownerTargets: boolean;
  valuesOnly: boolean;
  /** Table-name suffix, unique per report tab (the month). */
  suffix: string;
}

/**
 * The pipeline-dynamics sections of a report tab (SPEC §8): overdue and
 * stuck deals with the top 50 linked to their rows, time in stage, the
 * movement with its waterfall, coverage, the forecast track record,
 * win/loss by reason and by stage, and the owner leaderboard. Counts and
 * sums Excel can express are COUNTIFS / SUMIFS over `Funnel Data` (its
 * per-deal forecast columns among them); medians, the movement against
 * the snapshot and the forecasts are engine values, their basis named in a
 * note beside them.
 */
export function dynamicsBlocks(input: DynamicsSectionInput, layout: VerticalLayout, tr: Translate): Block[] {
  const { dynamics: d, valuesOnly } = input;
  const month = d.month;
  const period = monthPeriod(month);
  const key = monthKey(month);
  const blocks: Block[] = [];
  const heading = (text: string) => blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'heading', cells: [[text]] });
  const note = (text: string) => blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'note', cells: [[text]] });
  const table = (name: string, columns: TableColumn[], rows: Cell[][], row: number): TableBlock => ({
    kind: 'table',
    name: `${name}_${input.suffix}`,
    row,
    col: 0,
    style: 'TableStyleMedium2',
    columns,
    rows,
  });
  const f = (text: string, value: number | null) => (valuesOnly ? value : formula(text, value ?? ''));

  // Overdue and stuck.
  heading(tr('dyn.heading.overdue'));
  note(tr('dyn.overdueNote', { month: key }));
  // Values: a deal's expected close, stage medians and flags are the report month's (the data sheet's flag columns follow the latest report).
  const counts = [
    [tr('dyn.row.overdue'), d.stuck.overdue.deals, d.stuck.overdue.amount],
    [tr('dyn.row.stuck'), d.stuck.stuck.deals, d.stuck.stuck.amount],
  ];
  blocks.push(
    table(
      'Overdue',
      [{ header: tr('dyn.col.measure') }, { header: tr('dyn.col.deals'), format: 'integer' }, { header: tr('dyn.col.amount'), format: 'currency' }],
      counts,
      layout.take(3),
    ),
  );
  note(tr('dyn.stuckRule', { cycle: d.medianCycleDays === null ? '—' : String(Math.round(d.medianCycleDays)) }));
  if (d.stuck.list.length > 0) {
    note(tr('dyn.list.title', { count: Math.min(STUCK_LIST_SIZE, d.stuck.list.length) }));
    const rows = d.stuck.list.map((s): Cell[] => [
      { link: { sheet: input.sourceSheet, cell: a1(s.row - 1, input.idColumn) }, text: s.id ?? '' },
      s.owner,
      s.stage,
      s.days,
      s.amount,
      tr(`dyn.reason.${s.reason}`),
    ]);
    const columns: TableColumn[] = [
      { header: tr('dyn.col.deal') },
      { header: tr('dyn.col.owner') },
      { header: tr('dyn.col.stage') },
      { header: tr('dyn.col.days'), format: 'integer' },
      { header: tr('dyn.col.amount'), format: 'currency' },
      { header: tr('dyn.col.reason') },
    ];
    blocks.push(table('Stuck', columns, rows, layout.take(rows.length + 1)));
  }

  // Time in stage.
  heading(tr('dyn.heading.timeInStage'));
  if (!input.stageDates) note(tr('dyn.timeInStage.none'));
  else {
    note(tr('dyn.timeInStage.basis', { month: key }));
    const rows = d.timeInStage.stages.map((s): Cell[] => [s.stage, s.medianDays, s.p75Days, s.deals, s.openDeals, s.openMedianDays]);
    const columns: TableColumn[] = [
      { header: tr('dyn.col.stage') },
      { header: tr('dyn.col.medianDays'), format: 'days' },
      { header: tr('dyn.col.p75Days'), format: 'days' },
      { header: tr('dyn.col.measured'), format: 'integer' },
      { header: tr('dyn.col.openDeals'), format: 'integer' },
      { header: tr('dyn.col.openMedian'), format: 'days' },
    ];
    blocks.push(table('TimeInStage', columns, rows, layout.take(rows.length + 1)));
  }

  blocks.push(...movementBlocks(input, layout, tr, heading, note));
  blocks.push(...coverageBlocks(input, layout, tr, heading, note, table, f));

  // Forecast track record.
  heading(tr('dyn.heading.trackRecord'));
  note(tr('dyn.trackRecord.basis', { month: key }));
  const trackRow = layout.take(d.trackRecord.months.length + 2);
  const firstBody = trackRow + 1;
  const lastBody = trackRow + d.trackRecord.months.length;
  const trackRows = d.trackRecord.months.map((m, i): Cell[] => {
    const r = firstBody + i;
    const ape = (col: number, value: number | null) => f(`IF(OR(${a1(r, col)}="",${a1(r, 3)}=0),"",ABS(${a1(r, col)}-${a1(r, 3)})/${a1(r, 3)})`, value);
    return [
      monthKey(m.month),
      m.forecast,
      m.weighted,
      f(sumifs(dataColumn('amount'), wonClosedIn(monthPeriod(m.month))), m.actual),
      ape(1, m.forecastApe),
      ape(2, m.weightedApe),
    ];
  });
  const mape = (col: number, value: number | null) => f(`IFERROR(AVERAGE(${a1(firstBody, col)}:${a1(lastBody, col)}),"")`, value);
  trackRows.push([tr('dyn.row.mape'), null, null, null, mape(4, d.trackRecord.forecastMape), mape(5, d.trackRecord.weightedMape)]);
  blocks.push(
    table(
      'TrackRecord',
      [
        { header: tr('dyn.col.month') },
        { header: tr('dyn.col.forecast'), format: 'currency' },
        { header: tr('dyn.col.weightedPipeline'), format: 'currency' },
        { header: tr('dyn.col.actual'), format: 'currency' },
        { header: tr('dyn.col.forecastApe'), format: 'percent' },
        { header: tr('dyn.col.weightedApe'), format: 'percent' },
      ],
      trackRows,
      trackRow,
    ),
  );

  blocks.push(...winLossBlocks(input, period, layout, tr, heading, note, table, f));
  blocks.push(...ownerBlocks(input, period, layout, tr, heading, note, table, f));
  return blocks;
}

type Heading = (text: string) => void;
type TableOf = (name: string, columns: TableColumn[], rows: Cell[][], row: number) => TableBlock;
type FormulaOr = (text: string, value: number | null) => Cell;

/** Movement table (Movement | Amount | Change, the change signed) and its waterfall over the steps. */
function movementBlocks(input: DynamicsSectionInput, layout: VerticalLayout, tr: Translate, heading: Heading, note: Heading): Block[] {
  const { movement: m, month } = input.dynamics;
  const blocks: Block[] = [];
  heading(tr('dyn.heading.movement', { month: monthKey(month) }));
  note(m.basis === 'snapshot' ? tr('dyn.movement.snapshot', { previous: monthKey(month - 1) }) : tr('dyn.movement.dates', { previous: monthKey(month - 1) }));
  const steps: [string, number | null, number][] = [
    [tr('dyn.row.start', { month: monthKey(month - 1) }), m.start, 1],
    [tr('dyn.row.new'), m.new, 1],
    [tr('dyn.row.increased'), m.increased, 1],
    [tr('dyn.row.decreased'), m.decreased, -1],
    [tr('dyn.row.won'), m.won, -1],
    [tr('dyn.row.lost'), m.lost, -1],
    [tr('dyn.row.removed'), m.removed, -1],
  ];
  const row = layout.take(Math.max(steps.length + 2, MOVEMENT_CHART_ROWS));
  const first = row + 1;
  const last = row + steps.length;
  const rows: Cell[][] = steps.map(([label, amount, sign]) => [label, amount, amount === null ? null : sign * amount]);
  // End: the data's own figure, beside the sum of the steps (a native formula: the two agree, which is the balance).
  rows.push([tr('dyn.row.end', { month: monthKey(month) }), m.end, formula(`SUM(${a1(first, 2)}:${a1(last, 2)})`, m.end)]);
  blocks.push({
    kind: 'table',
    name: `Movement_${input.suffix}`,
    row,
    col: 0,
    style: 'TableStyleMedium2',
    columns: [{ header: tr('dyn.col.movement') }, { header: tr('dyn.col.amount'), format: 'currency' }, { header: tr('dyn.col.change'), format: 'currency' }],
    rows,
  });
  blocks.push({
    kind: 'chart',
    name: `MovementChart_${input.suffix}`,
    type: 'waterfall',
    title: tr('dyn.heading.movement', { month: monthKey(month) }),
    row,
    col: 4,
    widthCols: 6,
    heightRows: MOVEMENT_CHART_ROWS,
    categories: `${a1(first, 0)}:${a1(last, 0)}`,
    series: [{ name: tr('dyn.col.change'), values: `${a1(first, 2)}:${a1(last, 2)}` }],
  });
  if (m.slipped)
    blocks.push({
      kind: 'cells',
      row: layout.take(1),
      col: 0,
      cells: [[tr('dyn.slipped', { deals: m.slipped.deals }), m.slipped.amount]],
      formats: [undefined, 'currency'],
      style: 'note',
    });
  return blocks;
}

/** Rows the movement chart spans. */
const MOVEMENT_CHART_ROWS = 12;

function coverageBlocks(
  input: DynamicsSectionInput,
  layout: VerticalLayout,
  tr: Translate,
  heading: Heading,
  note: Heading,
  table: TableOf,
  f: FormulaOr,
): Block[] {
  const { coverage, month } = input.dynamics;
  const blocks: Block[] = [];
  heading(tr('dyn.heading.coverage'));
  if (coverage.nextMonth.target === null && coverage.nextQuarter.target === null) note(tr('dyn.coverage.noTarget'));
  note(tr('dyn.coverage.basis', { month: monthKey(month) }));
  const row = layout.take(3);
  const lines = [
    [tr('dyn.row.nextMonth', { month: monthKey(month + 1) }), coverage.nextMonth],
    [tr('dyn.row.nextQuarter', { from: monthKey(coverage.nextQuarter.first), to: monthKey(coverage.nextQuarter.last) }), coverage.nextQuarter],
  ] as const;
  const rows = lines.map(([label, c], i): Cell[] => {
    const r = row + 1 + i;
    const span = { start: monthPeriod(c.first).start, end: monthPeriod(c.last).end };
    const cell = (col: number) => a1(r, col);
    return [
      label,
      c.open,
      c.weighted,
      c.target,
      f(sumifs(dataColumn('amount'), [statusCriterion('won'), ...inPeriodCriteria('closed', span)]), c.won),
      f(`IF(${cell(3)}="","",${cell(3)}-${cell(4)})`, c.remainingTarget),
      f(`IF(${cell(5)}="","",${guardedRatio(cell(1), cell(5))})`, c.coverage),
      f(`IF(${cell(5)}="","",${guardedRatio(cell(2), cell(5))})`, c.weightedCoverage),
    ];
  });
  blocks.push(
    table(
      'Coverage',
      [
        { header: tr('dyn.col.period') },
        { header: tr('dyn.col.open'), format: 'currency' },
        { header: tr('dyn.col.weighted'), format: 'currency' },
        { header: tr('dyn.col.target'), format: 'currency' },
        { header: tr('dyn.col.wonSoFar'), format: 'currency' },
        { header: tr('dyn.col.remaining'), format: 'currency' },
        { header: tr('dyn.col.coverage'), format: 'percent' },
        { header: tr('dyn.col.weightedCoverage'), format: 'percent' },
      ],
      rows,
      row,
    ),
  );
  return blocks;
}

function winLossBlocks(
  input: DynamicsSectionInput,
  period: Period,
  layout: VerticalLayout,
  tr: Translate,
  heading: Heading,
  note: Heading,
  table: TableOf,
  f: FormulaOr,
): Block[] {
  const { winLoss, month } = input.dynamics;
  const blocks: Block[] = [];
  heading(tr('dyn.heading.winLoss', { month: monthKey(month) }));
  if (!input.lostReasons) note(tr('dyn.winLoss.noColumn'));
  else if (winLoss.reasons.length > 0) {
    const closed = inPeriodCriteria('closed', period);
    const rows = winLoss.reasons.map((r): Cell[] => {
      const label = r.other ? tr('dynamics.otherReasons') : (r.reason ?? tr('dynamics.blank'));
      if (r.other) return [label, r.won, r.lost, r.lostAmount];
      const reason = equalsCriterion('lostReason', r.reason);
      return [
        label,
        f(countifs([reason, statusCriterion('won'), ...closed]), r.won),
        f(countifs([reason, statusCriterion('lost'), ...closed]), r.lost),
        f(sumifs(dataColumn('amount'), [reason, statusCriterion('lost'), ...closed]), r.lostAmount),
      ];
    });
    const columns: TableColumn[] = [
      { header: tr('dyn.col.reason') },
      { header: tr('dyn.col.won'), format: 'integer' },
      { header: tr('dyn.col.lost'), format: 'integer' },
      { header: tr('dyn.col.lostAmount'), format: 'currency' },
    ];
    blocks.push(table('WinLoss', columns, rows, layout.take(rows.length + 1)));
  }
  heading(tr('dyn.heading.lostByStage', { month: monthKey(month) }));
  const lost = [statusCriterion('lost'), ...inPeriodCriteria('closed', period)];
  const rows = winLoss.lostByStage.map((s, k): Cell[] => {
    const atStage: Criterion = [dataColumn('furthest'), String(k + 1)];
    return [s.stage, f(countifs([...lost, atStage]), s.lost), f(sumifs(dataColumn('amount'), [...lost, atStage]), s.amount)];
  });
  blocks.push(
    table(
      'LostByStage',
      [{ header: tr('dyn.col.stage') }, { header: tr('dyn.col.lost'), format: 'integer' }, { header: tr('dyn.col.amount'), format: 'currency' }],
      rows,
      layout.take(rows.length + 1),
    ),
  );
  return blocks;
}

/** Owners on the report tab, ranked by revenue. */
const OWNERS_ON_TAB = 15;

function ownerBlocks(
  input: DynamicsSectionInput,
  period: Period,
  layout: VerticalLayout,
  tr: Translate,
  heading: Heading,
  note: Heading,
  table: TableOf,
  f: FormulaOr,
): Block[] {
  const { owners, month } = input.dynamics;
  const blocks: Block[] = [];
  if (owners.length === 0) return blocks;
  heading(tr('dyn.heading.owners', { month: monthKey(month) }));
  if (!input.ownerTargets) note(tr('dyn.owners.noTargets'));
  // A long team is a list, not a summary (SPEC §7): the tab keeps the leaders, the JSON and the By Owner table every owner.
  const shown = owners.slice(0, OWNERS_ON_TAB);
  if (shown.length < owners.length) note(tr('dyn.owners.top', { shown: shown.length, count: owners.length }));
  const row = layout.take(shown.length + 1);
  const rows = shown.map((o, i): Cell[] => {
    const r = row + 1 + i;
    const cell = (col: number) => a1(r, col);
    const owner = equalsCriterion('owner', o.owner);
    const won = [owner, ...wonClosedIn(period)];
    const lostCount = countifs([owner, statusCriterion('lost'), ...inPeriodCriteria('closed', period)]);
    return [
      o.owner ?? tr('dynamics.blank'),
      f(sumifs(dataColumn('amount'), won), o.revenue),
      o.target,
      f(`IF(${cell(2)}="","",${guardedRatio(cell(1), cell(2))})`, o.attainment),
      f(countifs(won), o.wonDeals),
      f(guardedRatio(cell(4), `(${cell(4)}+${lostCount})`), o.winRate),
      f(guardedRatio(cell(1), countifs([...won, filledCriterion('amount')])), o.averageDealSize),
      o.cycleDaysMedian,
      f(sumifs(dataColumn('amount'), [owner, filledCriterion('weightedAmount')]), o.openPipeline),
      o.coverage,
    ];
  });
  blocks.push(
    table(
      'Owners',
      [
        { header: tr('dyn.col.owner') },
        { header: tr('kpi.revenue'), format: 'currency' },
        { header: tr('dyn.col.target'), format: 'currency' },
        { header: tr('dyn.col.attainment'), format: 'percent' },
        { header: tr('dyn.col.wonDeals'), format: 'integer' },
        { header: tr('dyn.col.winRate'), format: 'percent' },
        { header: tr('dyn.col.averageDeal'), format: 'currency' },
        { header: tr('dyn.col.cycle'), format: 'days' },
        { header: tr('dyn.col.openPipeline'), format: 'currency' },
        { header: tr('dyn.col.ownerCoverage'), format: 'percent' },
      ],
      rows,
      row,
    ),
  );
  return blocks;
}
