import { type Locale, translator } from '../i18n';
import type { Funnel } from '../metrics/funnel';
import { monthPeriod } from '../metrics/period';
import type { DataIssue } from '../pipeline/data-issue';
import { type MonthIndex, monthKey } from '../util/dates';
import type { MonthlyKpis, MonthlyMetrics } from '../metrics/compute-metrics';
import { SEGMENT_FIELDS } from '../pipeline/fields';
import { a1 } from '../util/cell';
import { attainmentTable, bottleneckTable, bottleneckText, cohortTable, retentionTable, segmentTable } from './analytics-sections';
import { TOP_ACCOUNTS, tierSummaryTable, tiersSheetName, tiersTable } from './tiers-section';
import { KPI_ROW_COUNT, kpiChangeColours, kpiTable } from './kpi-section';
import { dashboardTiles, TILE_ROWS } from './dashboard-section';
import type { MonthlyForecast } from '../forecast/monthly-forecast';
import { forecastBlocks } from './forecast-section';
import { dynamicsBlocks, type DynamicsSectionInput } from './dynamics-section';

/** Rows the dashboard's charts span. */
const DASHBOARD_CHART_ROWS = 16;
import { SHEET_NAMES, type SheetNames } from './sheet-names';
import { funnelTable } from './funnel-section';
import { ISSUES_SHEET, issuesSummaryTable } from './issues-section';
import { VerticalLayout } from './layout';
import { reportPrintSetup } from './print-setup';
import { fitHeaders } from './column-widths';
import type { Block, Cell, ConditionalFormat, NotesCarry, SheetModel } from './model';

export interface MonthlyReportInput {
  month: MonthIndex;
  /** Name of the pipeline sheet the numbers come from. */
  sourceSheet: string;
  /** Every metric of the month, and of the month before for the changes. */
  metrics: MonthlyMetrics;
  /** The month before's KPIs, for the comparisons. */
  previous: MonthlyKpis;
  repurchaseMonths: number;
  funnel: Funnel;
  issues: readonly DataIssue[];
  /** The user's Notes rows from the previous version of the tab. */
  notes: Cell[][];
  /** Where those Notes were, for the adapter to carry them over cell for cell. */
  notesCarry?: NotesCarry;
  locale: Locale;
  /** Tab names in the report's language (for the texts that name a tab; the sheets themselves are renamed after, sheet-names.ts). */
  sheetNames?: SheetNames;
  valuesOnly: boolean;
  /** The month's forecast (issue #4); the tab has no forecast section without it. */
  forecast?: MonthlyForecast;
  /** The month's pipeline dynamics (SPEC §8, issue #17); the tab has no dynamics sections without them. */
  dynamics?: Omit<DynamicsSectionInput, 'valuesOnly' | 'suffix'>;
  /** Inputs the pipeline or the settings lack: their metrics are empty, and a note says what to add (SPEC §7). */
  missingInputs?: readonly MissingInput[];
  /** The deals are in a file outside the workbook (SPEC §10): cells are named, not linked. */
  sourceOutside?: boolean;
}

export type MissingInput = 'cost' | 'targets';

/** `Report 2017-06`. */
export function reportSheetName(month: MonthIndex): string {
  return `Report ${monthKey(month)}`;
}

/** Table names must be unique in a workbook: suffix them with the month. */
function tableName(base: string, month: MonthIndex): string {
  return `${base}_${monthKey(month).replace('-', '_')}`;
}

/**
 * Lays out the monthly report tab (SPEC §3): title, funnel, data issues,
 * and the user's Notes at the bottom. Its formulas read the `Funnel Data`
 * sheet (data-sheet.ts), written alongside unless values only.
 */
export function buildReportSheet(input: MonthlyReportInput): SheetModel {
  const tr = translator(input.locale);
  const names = input.sheetNames ?? SHEET_NAMES['en-US'];
  const month = monthKey(input.month);
  const layout = new VerticalLayout();
  const blocks: Block[] = [];
  const formats: ConditionalFormat[] = [];

  blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'title', cells: [[tr('report.title', { month })]] });
  const generated = input.valuesOnly
    ? tr('report.valuesOnly', { sheet: input.sourceSheet })
    : tr('report.generated', { sheet: input.sourceSheet, dataSheet: names.data });
  blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'muted', cells: [[generated]] });

  const heading = (text: string) => blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'heading', cells: [[text]] });
  // A printed page starts at each section group (SPEC §7 "page breaks between sections").
  const sectionStarts: number[] = [];
  const newPage = () => sectionStarts.push(layout.row);
  const period = monthPeriod(input.month);
  const { metrics } = input;

  const bottleneck = bottleneckText(metrics.bottleneck, month, tr);
  if (bottleneck) blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'note', cells: [[bottleneck]] });

  // The first screen is a dashboard (SPEC §7): KPI tiles, then the funnel chart and the revenue chart side by side.
  const tilesRow = layout.take(TILE_ROWS);
  const chartsRow = layout.take(DASHBOARD_CHART_ROWS);

  newPage();
  heading(tr('report.kpis'));
  const kpiRow = layout.row;
  formats.push(...kpiChangeColours(kpiRow, 0));
  blocks.push(
    kpiTable(
      {
        current: { label: month, period, metrics },
        previous: { label: monthKey(input.month - 1), period: monthPeriod(input.month - 1), metrics: input.previous },
        valuesOnly: input.valuesOnly,
        tableName: tableName('KPIs', input.month),
        row: layout.take(KPI_ROW_COUNT + 1, 0),
        col: 0,
      },
      tr,
    ),
  );
  const missing = input.missingInputs ?? [];
  for (const what of missing) blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'warning', cells: [[tr(`report.missing.${what}`)]] });
  layout.take(0);

  newPage();
  const funnelTitle = tr(input.funnel.mode === 'period' ? 'report.funnelPeriod' : 'report.funnel', { month });
  heading(funnelTitle);
  const funnelRow = layout.take(input.funnel.steps.length + 1);
  const funnel = funnelTable(
    { funnel: input.funnel, period, valuesOnly: input.valuesOnly, tableName: tableName('Funnel', input.month), row: funnelRow, col: 0 },
    tr,
  );
  blocks.push(funnel.table);
  formats.push(...funnel.formats);
  const lastStep = funnelRow + input.funnel.steps.length;
  blocks.push({
    kind: 'chart',
    name: tableName('FunnelChart', input.month),
    type: 'funnel',
    title: funnelTitle,
    row: chartsRow,
    col: 0,
    widthCols: 3,
    heightRows: DASHBOARD_CHART_ROWS,
    categories: `${a1(funnelRow + 1, 0)}:${a1(lastStep, 0)}`,
    series: [{ name: tr('col.reached'), values: `${a1(funnelRow + 1, 1)}:${a1(lastStep, 1)}` }],
  });

  if (metrics.bottleneck) {
    // The months the bottleneck compares, with the trailing values beside the current one (SPEC §7).
    heading(tr('report.bottleneckCohorts'));
    const cohorts = metrics.bottleneck.cohorts.length;
    blocks.push(
      bottleneckTable(
        metrics.bottleneck,
        input.valuesOnly || input.funnel.strict,
        { row: layout.take(cohorts + 1), col: 0, tableName: tableName('Bottleneck', input.month) },
        tr,
      ),
    );
  }

  for (const field of SEGMENT_FIELDS) {
    const rows = metrics.segments[field];
    if (!rows || rows.length === 0) continue;
    heading(tr('report.segments', { segment: tr(`data.${field}`) }));
    blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'muted', cells: [[tr('report.segments.note', { month })]] });
    const segmentInput = { period, stages: input.funnel.steps.map((s) => s.stage), valuesOnly: input.valuesOnly, strict: input.funnel.strict };
    blocks.push(segmentTable(field, rows, segmentInput, { row: layout.take(rows.length + 1), col: 0, tableName: tableName(`By_${field}`, input.month) }, tr));
  }

  newPage();
  heading(tr('report.attainment'));
  blocks.push(attainmentTable(metrics, { row: layout.take(4), col: 0, tableName: tableName('Attainment', input.month) }, tr));

  heading(tr('report.retention'));
  blocks.push(retentionTable(metrics, input.repurchaseMonths, { row: layout.take(4), col: 0, tableName: tableName('Retention', input.month) }, tr));

  heading(tr('report.cohorts'));
  const cohorts = cohortTable(
    metrics.cohortRetention,
    { row: layout.take(Math.max(1, metrics.cohortRetention.length) + 1), col: 0, tableName: tableName('Cohorts', input.month) },
    tr,
  );
  blocks.push(cohorts.table);
  formats.push(cohorts.format);

  newPage();
  if (metrics.tiers.length > 0) {
    // Counts by tier and the top accounts here; every account on its own sheet (SPEC §7).
    heading(tr('report.tiers'));
    blocks.push(tierSummaryTable(metrics.tiers, { row: layout.take(4), col: 0, tableName: tableName('TierSummary', input.month) }, tr));
    const top = Math.min(TOP_ACCOUNTS, metrics.tiers.length);
    blocks.push(tiersTable(metrics.tiers, { row: layout.take(top + 1, 0), col: 0, tableName: tableName('Tiers', input.month) }, tr, top));
    const sheet = tiersSheetName(input.month);
    blocks.push({
      kind: 'cells',
      row: layout.take(1),
      col: 0,
      cells: [[{ link: { sheet, cell: 'A1' }, text: tr('report.tiers.all', { count: metrics.tiers.length, sheet: `${names.tiers} ${month}` }) }]],
    });
  }

  newPage();
  if (input.forecast) {
    const forecast = forecastBlocks({ forecast: input.forecast, valuesOnly: input.valuesOnly, suffix: monthKey(input.month).replace('-', '_') }, layout, tr);
    // The revenue chart (actual, forecast, 95% band) goes on the first screen, beside the funnel; its ranges stay with the table.
    blocks.push(...forecast.map((b) => (b.kind === 'chart' ? { ...b, row: chartsRow, col: 3, widthCols: 6, heightRows: DASHBOARD_CHART_ROWS } : b)));
  }
  if (input.dynamics)
    blocks.push(...dynamicsBlocks({ ...input.dynamics, valuesOnly: input.valuesOnly, suffix: monthKey(input.month).replace('-', '_') }, layout, tr));

  newPage();
  blocks.push({ kind: 'cells', row: layout.take(1, 0), col: 0, style: 'heading', cells: [[tr('report.issues', { count: input.issues.length })]] });
  if (input.issues.length === 0) {
    blocks.push({ kind: 'cells', row: layout.take(1), col: 0, style: 'muted', cells: [[tr('report.issues.none')]] });
  } else {
    // Counts by reason with an example cell here; every issue on the Data Issues sheet (SPEC §7).
    const table = issuesSummaryTable(
      input.issues,
      { tableName: tableName('Issues', input.month), row: layout.row, col: 0, sourceSheet: input.sourceSheet, sourceOutside: input.sourceOutside },
      tr,
    );
    layout.take(table.rows.length + 1, 0);
    blocks.push(table);
    blocks.push({
      kind: 'cells',
      row: layout.take(1),
      col: 0,
      cells: [[{ link: { sheet: ISSUES_SHEET, cell: 'A1' }, text: tr('report.issues.all', { count: input.issues.length, sheet: names.issues }) }]],
    });
  }

  const tiles = dashboardTiles({ row: tilesRow, kpiTableRow: kpiRow, current: metrics, previous: input.previous, valuesOnly: input.valuesOnly }, tr);
  blocks.push(...tiles.blocks);
  formats.push(...tiles.formats);

  blocks.push({ kind: 'notes', row: layout.take(1, 0), col: 0, heading: tr('report.notes'), lines: input.notes, carry: input.notesCarry });

  return {
    name: reportSheetName(input.month),
    role: 'report',
    blocks,
    conditionalFormats: formats,
    columnWidths: fitHeaders(blocks, { 0: 30, 1: 16, 2: 16, 3: 16, 4: 14, 5: 14, 6: 14, 7: 18, 8: 18 }),
    print: reportPrintSetup({ titleRows: 2, sectionStarts, footer: tr('report.title', { month }) }),
  };
}
