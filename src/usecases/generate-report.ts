import { type Locale, t } from '../core/i18n';
import { computeKpis, computeMetrics, type MonthlyKpis, type MonthlyMetrics } from '../core/metrics/compute-metrics';
import { stageNames } from '../core/metrics/funnel';
import { monthPeriod } from '../core/metrics/period';
import { periodFunnel, periodFunnelAsFunnel } from '../core/metrics/period-funnel';
import { DEFAULT_REPURCHASE_MONTHS } from '../core/metrics/repurchase';
import type { MappingOverrides } from '../core/pipeline/header';
import type { StageConfig } from '../core/pipeline/stages';
import { type MonthlyForecast, monthlyForecast, unknownLostRowsOf } from '../core/forecast/monthly-forecast';
import { type MonthlyTarget, ownsSheet, type WorkbookSettings } from '../core/settings';
import { buildDataSheet } from '../core/report/data-sheet';
import { buildIndexSheet, type IndexEntry } from '../core/report/index-sheet';
import type { ReportModel, SheetModel } from '../core/report/model';
import { buildReportSheet, type MonthlyReportInput, reportSheetName } from '../core/report/monthly-report';
import { existingMonthTabs, localizeSheetNames, reportTabMonth, sheetNamesFor } from '../core/report/sheet-names';
import { previousNotes } from '../core/report/notes';
import { buildIssuesSheet } from '../core/report/issues-section';
import { buildTiersSheet } from '../core/report/tiers-section';
import { fitExcelLimits, limitWarnings, withLimitNotes } from '../core/report/excel-limits';
import { translator } from '../core/i18n';
import { type MonthIndex, monthIndexOfSerial, monthKey, parseMonthKey, serialFromDate } from '../core/util/dates';
import { WorkbookError, workbookErrorMessage, type WorkbookPort } from '../workbook/port';
import { type LoadedPipeline, loadPipeline, rememberSettings } from './load-pipeline';
import { lastCompleteMonth, monthsWithData } from '../core/metrics/data-months';
import { type ReportJson, reportJson } from './report-json';
import { ownershipRefusal } from './sheet-ownership';
import { type UseCaseError, failureOf } from './use-case-error';
import { pipelineDynamics, type PipelineDynamics } from '../core/dynamics/pipeline-dynamics';
import { TRACK_RECORD_MONTHS, type TrackForecasts } from '../core/dynamics/track-record';
import type { DealForecast } from '../core/dynamics/deal-forecast';
import { convertForRun } from './currency';
import type { RateRow } from '../core/currency/currency-rules';
import { withCurrencyFormat } from '../core/report/currency-format';
import { trackForecastsToStore } from '../core/dynamics/stored-forecasts';
import { buildSnapshotSheet, snapshotRowsOf, snapshotsByMonth, storedSnapshots } from './snapshots';
import { dealColumnsStep } from './deal-columns';

export type ProgressStep = 'reading' | 'computing' | 'writing';

/** How far a step has come: rows read so far, or months computed of how many. */
export interface ProgressCounts {
  rows?: number;
  months?: number;
  of?: number;
}

export interface GenerateReportOptions {
  /** Pipeline sheet; found automatically when absent. */
  sheet?: string;
  /** `YYYY-MM`; default: the last complete month in the data. */
  month?: string;
  /** Every month with data (optionally within `from`…`to`). */
  all?: boolean;
  from?: string;
  to?: string;
  stages?: StageConfig;
  /** Reporting currency (ISO code or symbol; SPEC §9); default: the one saved in the workbook, else the most frequent currency of the won deals. */
  currency?: string;
  /** Rates imported for this run (`--rates`, the pane's file or paste); they also replace the `Rates` sheet when it is ours or absent. */
  rates?: RateRow[];
  /**
   * The workbook's decimal separator (its locale) for text amounts such as `1,234`; default: the one saved in the workbook,
   * else none (such amounts are data issues).
   */
  decimalSeparator?: '.' | ',';
  /** Months to forecast ahead (default 6). */
  horizon?: number;
  mapping?: MappingOverrides;
  targets?: MonthlyTarget[];
  valuesOnly?: boolean;
  /**
   * Write the per-deal forecast columns beside the pipeline sheet (issue
   * #17; false removes them); default: as the workbook's settings last
   * chose, else off. Saved in the settings.
   */
  dealColumns?: boolean;
  strict?: boolean;
  /** Conversion by cohort (deals created in the month, the default) or by period (deals that entered each stage in the month; SPEC §2). */
  mode?: 'cohort' | 'period';
  locale?: Locale;
  /** Names the workbook in messages (a file name in the CLI). */
  source?: string;
  /** Today as an Excel serial (tests); default the clock. The default month ignores dates more than a year after it. */
  today?: number;
  onProgress?: (step: ProgressStep, counts?: ProgressCounts) => void;
  /**
   * Asked between steps and months, before anything is written: resolving
   * true stops the run with `cancelled` and the workbook as it was. It may
   * yield to the event loop, so a Cancel message can arrive meanwhile.
   */
  shouldStop?: () => Promise<boolean>;
}

export interface MonthResult {
  month: string;
  sheetName: string;
  report: ReportJson;
}

export type GenerateReportResult =
  { ok: true; reports: MonthResult[]; pipelineSheet: string; warnings: string[]; issues: number } | { ok: false; error: UseCaseError };

/**
 * The monthly report use case shared by the task pane, the CLI and the
 * browser mode: read the pipeline, compute, lay out, write one or more
 * `Report YYYY-MM` tabs, the data sheet and the `Reports` index in one
 * write — keeping the user's Notes from the previous version of each tab.
 */
export async function generateMonthlyReport(port: WorkbookPort, options: GenerateReportOptions = {}): Promise<GenerateReportResult> {
  const locale = options.locale ?? 'en-US';
  try {
    options.onProgress?.('reading');
    const onRows = options.onProgress && ((rows: number) => options.onProgress!('reading', { rows }));
    const load = await loadPipeline(port, {
      sheet: options.sheet,
      stages: options.stages,
      mapping: options.mapping,
      targets: options.targets,
      decimalSeparator: options.decimalSeparator,
      locale,
      source: options.source ?? t(locale, 'source.workbook'),
      onRows,
    });
    if (!load.ok) return load;
    const stopped = async () => (options.shouldStop ? options.shouldStop() : false);
    const cancelled = { ok: false as const, error: { code: 'cancelled' as const, message: t(locale, 'error.cancelled') } };
    if (await stopped()) return cancelled;

    const months = selectMonths(load.loaded, options, locale);
    if (!months.ok) return months;
    // SPEC §9: every amount in the reporting currency before anything is computed.
    const money = await convertForRun(port, load.loaded, { currency: options.currency, rates: options.rates, month: Math.max(...months.months), locale });
    const { loaded } = money;
    options.onProgress?.('computing', { months: 0, of: months.months.length });
    const existing = new Set((await port.listSheets()).map((s) => s.name));
    // Tab names in the report's language, the singletons as a previous run recorded them (SPEC §7).
    const names = sheetNamesFor(locale, loaded.settings.sheetNames);
    const kept = existingMonthTabs(existing, months.months.map(monthKey));
    const results: MonthResult[] = [];
    const sheets: SheetModel[] = [];
    const repurchaseMonths = DEFAULT_REPURCHASE_MONTHS;
    // Each month's metrics once (passes over every deal): a report needs its month's, the index every listed month's;
    // the month before a report only its KPIs, for the comparisons, unless it is a report month of this run too.
    const metricsOptions = (month: MonthIndex) => ({ month, stages: loaded.stages, targets: loaded.targets, repurchaseMonths, strict: options.strict });
    const computed = new Map<MonthIndex, MonthlyMetrics>();
    const metricsOf = (month: MonthIndex): MonthlyMetrics => {
      let metrics = computed.get(month);
      if (!metrics) computed.set(month, (metrics = computeMetrics(loaded.pipeline, metricsOptions(month))));
      return metrics;
    };
    const kpisOf = (month: MonthIndex): MonthlyKpis => computed.get(month) ?? computeKpis(loaded.pipeline, metricsOptions(month));
    const unknownLostRows = unknownLostRowsOf(loaded.pipeline.issues);
    // Snapshots (SPEC §8): each month's movement compares with the snapshot of the month before, as stored by earlier runs; this run's months replace theirs.
    const stored = await storedSnapshots(port, loaded.settings);
    const snapshots = snapshotsByMonth(stored.rows);
    let dealColumns: DealForecast | undefined;
    // The track record's forecasts, each history fitted once in the run (the history before a month is the same for every report month).
    // Earlier runs stored theirs: those fitted on the same history (value for value, same engine) are read, not refitted.
    const trackForecasts: TrackForecasts = new Map();
    let longest: MonthlyForecast | undefined;
    for (const month of months.months) {
      const metrics = metricsOf(month);
      const funnel =
        options.mode === 'period'
          ? periodFunnelAsFunnel(periodFunnel(loaded.pipeline.deals, loaded.stages, monthPeriod(month), { strict: options.strict }))
          : metrics.funnel;
      const forecast = monthlyForecast(loaded.pipeline.deals, { month, stages: loaded.stages, horizon: options.horizon, unknownLostRows });
      // The months of this run before this one compare with the snapshots this run writes for them,
      // so running the same months again gives the same tabs (SPEC §3 rule 3).
      const before = snapshotRowsOf(snapshots, month - TRACK_RECORD_MONTHS, month - 1);
      const dynamics = pipelineDynamics({
        pipeline: loaded.pipeline,
        stages: loaded.stages,
        month,
        targets: loaded.targets,
        snapshots: before,
        forecast,
        trackForecasts,
        storedForecasts: stored.forecasts,
        unknownLostRows,
      });
      if (!longest || forecast.history.length > longest.history.length) longest = forecast;
      snapshots.set(month, dynamics.snapshot);
      dealColumns = dynamics.deals;
      const sheetName = kept.get(reportSheetName(month)) ?? `${names.report} ${monthKey(month)}`;
      const notes = existing.has(sheetName) ? previousNotes(await port.readSheet(sheetName)) : { lines: [] };
      sheets.push(
        buildReportSheet({
          month,
          sourceSheet: loaded.sheet,
          metrics,
          previous: kpisOf(month - 1),
          repurchaseMonths,
          funnel,
          issues: loaded.pipeline.issues,
          notes: notes.lines,
          notesCarry: notes.carry,
          locale,
          sheetNames: names,
          valuesOnly: options.valuesOnly === true,
          forecast,
          dynamics: dynamicsSectionOf(loaded, dynamics),
          missingInputs: [
            ...(loaded.pipeline.header.mapping.cost === undefined ? (['cost'] as const) : []),
            ...(loaded.targets.length === 0 ? (['targets'] as const) : []),
          ],
        }),
      );
      if (metrics.tiers.length > 0) sheets.push(buildTiersSheet(metrics.tiers, month, translator(locale)));
      results.push({
        month: monthKey(month),
        sheetName,
        report: reportJson({
          month: monthKey(month),
          sheet: loaded.sheet,
          stages: stageNames(loaded.stages),
          pipeline: loaded.pipeline,
          metrics,
          forecast,
          dynamics,
          locale,
          funnel,
          currency: money.currency,
        }),
      });
      options.onProgress?.('computing', { months: results.length, of: months.months.length });
      if (await stopped()) return cancelled;
    }
    sheets.push(buildIssuesSheet(loaded.pipeline.issues, loaded.sheet, translator(locale)));
    if (options.valuesOnly !== true) sheets.push(buildDataSheet(loaded.pipeline.deals, translator(locale), dealColumns));
    sheets.push(buildSnapshotSheet(snapshots, longest ? trackForecastsToStore(trackForecasts, longest.history, longest.firstMonth) : []));
    if (money.ratesSheet) sheets.push(money.ratesSheet);
    // Built in English, renamed at once (formulas and links too); the index links the tabs by the names they have.
    const localized = localizeSheetNames({ sheets }, names, kept).sheets;
    sheets.length = 0;
    sheets.push(...localized);
    const listed = [...existing].filter((name) => indexesTab(loaded.settings, name));
    sheets.push({ ...buildIndexSheet(indexEntries([...listed, ...results.map((r) => r.sheetName)], metricsOf), locale), name: names.index });
    const refusal = await ownershipRefusal(port, loaded.settings, sheets, { pipelineSheet: loaded.sheet, locale });
    if (refusal) return { ok: false, error: refusal };
    // The deal forecast columns beside the pipeline (issue #17), decided before anything is written: a refusal leaves the workbook as it was.
    const besidePipeline = options.dealColumns ?? loaded.settings.dealColumns === true;
    const beside = await dealColumnsStep(port, loaded, dealColumns, besidePipeline, locale);
    if (!beside.ok) return beside;
    // Excel's limits (SPEC §6), once for both adapters; each tab says where a figure became a value. Amounts in the reporting currency's format (SPEC §7).
    const fitted = fitExcelLimits({ sheets: withCurrencyFormat(sheets, money.currency.reporting), activate: results[results.length - 1]?.sheetName });
    const model: ReportModel = withLimitNotes(fitted.model, fitted.adjustments, translator(locale));

    if (await stopped()) return cancelled;
    options.onProgress?.('writing');
    await port.applyReport(model);
    for (const write of beside.writes) {
      try {
        await port.writeDealColumns(write);
      } catch (e) {
        // After the report: its tabs are in (in Excel), so the message says what did not happen rather than "nothing was changed".
        if (!(e instanceof WorkbookError)) throw e;
        return {
          ok: false,
          error: { code: e.code, message: t(locale, 'error.dealColumns.notWritten', { sheet: write.sheet, reason: workbookErrorMessage(e, locale) }) },
        };
      }
    }
    await rememberSettings(port, loaded, sheets, {
      sheetNames: { data: names.data, index: names.index, issues: names.issues },
      ...(options.dealColumns !== undefined || loaded.settings.dealColumns !== undefined ? { dealColumns: besidePipeline } : {}),
      dealColumnsBlock: beside.record,
      ...(options.currency !== undefined && money.currency.reporting !== null ? { reportingCurrency: money.currency.reporting } : {}),
      ...(options.decimalSeparator !== undefined ? { decimalSeparator: options.decimalSeparator } : {}),
    });
    const { unknownStages } = loaded.pipeline;
    const warnings = [
      ...(unknownStages.length > 0
        ? [
            t(locale, 'warning.unknownStages', {
              configured: stageNames(loaded.stages).join(', '),
              found: unknownStages.map((s) => `${s.value} (${s.count})`).join(', '),
            }),
          ]
        : []),
      ...limitWarnings(fitted.adjustments, translator(locale)),
      ...money.warnings,
    ];
    return { ok: true, reports: results, pipelineSheet: loaded.sheet, warnings, issues: loaded.pipeline.issues.length };
  } catch (e) {
    return failureOf(e, locale);
  }
}

/** What the report's dynamics sections need beside the figures: where each deal's row is, and which inputs the pipeline has. */
function dynamicsSectionOf(loaded: LoadedPipeline, dynamics: PipelineDynamics): NonNullable<MonthlyReportInput['dynamics']> {
  const { header } = loaded.pipeline;
  return {
    dynamics,
    sourceSheet: loaded.sheet,
    idColumn: header.mapping.id ?? 0,
    stageDates: header.stageDateColumns.some((c) => c !== null),
    lostReasons: header.mapping.lostReason !== undefined,
    ownerTargets: loaded.targets.some((t) => t.owner !== undefined),
  };
}

function selectMonths(
  loaded: LoadedPipeline,
  options: GenerateReportOptions,
  locale: Locale,
): { ok: true; months: MonthIndex[] } | { ok: false; error: UseCaseError } {
  const parse = (text: string | undefined): MonthIndex | null | undefined => (text === undefined ? undefined : parseMonthKey(text));
  for (const text of [options.month, options.from, options.to]) {
    if (text !== undefined && parseMonthKey(text) === null)
      return { ok: false, error: { code: 'badMonth', message: t(locale, 'error.badMonth', { month: text }) } };
  }
  const deals = loaded.pipeline.deals;
  const today = options.today ?? serialFromDate(new Date());
  if (options.month !== undefined) return { ok: true, months: [parse(options.month)!] };
  if (options.all || options.from !== undefined || options.to !== undefined) {
    const from = parse(options.from) ?? -Infinity;
    // As for the default month, dates more than a year ahead are not where the data ends (one would add a tab for every month up to it), unless --to says so.
    const to = parse(options.to) ?? monthIndexOfSerial(today) + 12;
    const months = monthsWithData(deals).filter((m) => m >= from && m <= to);
    if (months.length > 0) return { ok: true, months };
  } else {
    const month = lastCompleteMonth(deals, today);
    if (month !== null) return { ok: true, months: [month] };
  }
  return {
    ok: false,
    error: { code: 'noMonth', message: t(locale, 'error.noMonth', { sheet: loaded.sheet, file: options.source ?? t(locale, 'source.workbook') }) },
  };
}

/** Whether an existing report tab goes in the index: ours by the record (a workbook of the previous version has none: all of them). */
function indexesTab(settings: WorkbookSettings, name: string): boolean {
  return settings.ownedSheets === undefined || ownsSheet(settings, name);
}

/** Index lines for every report tab there will be after this run, with each month's headline figures. */
function indexEntries(sheetNames: readonly string[], metricsOf: (month: MonthIndex) => MonthlyMetrics): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const name of new Set(sheetNames)) {
    const key = reportTabMonth(name);
    const month = key === null ? null : parseMonthKey(key);
    if (month === null) continue;
    const m = metricsOf(month);
    entries.push({
      month,
      sheet: name,
      created: m.funnel.steps[0]?.reached ?? 0,
      won: m.wonDeals,
      revenue: m.revenue,
      winRate: m.winRate,
      attainment: m.attainment,
    });
  }
  return entries;
}
