import { type Locale, t, translator } from '../core/i18n';
import { DEFAULT_BACKTEST_MONTHS, DEFAULT_HORIZON, forecastSeries } from '../core/forecast/index';
import type { MonthlyForecast } from '../core/forecast/monthly-forecast';
import { stageNames } from '../core/metrics/funnel';
import { DEFAULT_REPURCHASE_MONTHS } from '../core/metrics/repurchase';
import type { MappingOverrides } from '../core/pipeline/header';
import { DEFAULT_STAGES, type StageConfig, stagesInLanguage } from '../core/pipeline/stages';
import type { MonthlyTarget } from '../core/settings';
import { buildIndexSheet } from '../core/report/index-sheet';
import { buildIssuesSheet } from '../core/report/issues-section';
import type { Block, ReportModel, SheetModel } from '../core/report/model';
import { buildReportSheet } from '../core/report/monthly-report';
import { previousNotes } from '../core/report/notes';
import { localizeSheetNames, sheetNamesFor } from '../core/report/sheet-names';
import { buildTiersSheet } from '../core/report/tiers-section';
import { fitExcelLimits, limitWarnings, withLimitNotes } from '../core/report/excel-limits';
import { type MonthIndex, monthIndexOfSerial, monthKey, parseMonthKey, serialFromDate } from '../core/util/dates';
import type { WorkbookPort } from '../workbook/port';
import type { EngineMonth, EngineSession, MetricsEngine } from './engine';
import { reportFiguresJson } from './report-json';
import type { CurrencySummary } from '../core/currency/convert-deals';
import { currencyCode, type DecimalSeparator, mostFrequentCurrency } from '../core/currency/currency-rules';
import { type UseCaseError, failureOf } from './use-case-error';

/*
 * A report from an engine that reads the file itself (SPEC §10: DuckDB for
 * CSV and Parquet exports past Excel's rows). The engine returns SPEC §2's
 * figures, the forecast's history and the weighted pipeline; the forecast
 * runs in core on that history, and core's report model lays out the tabs
 * with values (the deals stay in the source file, which each tab names with
 * its row count). Not from this path: the pipeline dynamics (SPEC §8), the
 * bottleneck and the segment tables (the tabs leave those sections out).
 */

export interface EngineReportOptions {
  /** The file the engine reads (named in the tabs and messages by its base name). */
  file: string;
  sourceName: string;
  /** What the JSON's `sheet` says (the core engine names a CSV's sheet by its base name without the extension). */
  sheetName?: string;
  month?: string;
  all?: boolean;
  from?: string;
  to?: string;
  stages?: StageConfig;
  mapping?: MappingOverrides;
  targets?: MonthlyTarget[];
  horizon?: number;
  locale?: Locale;
  today?: number;
  /** The reporting currency (SPEC §9); default: the most frequent currency of the won deals. */
  currency?: string;
  /** The decimal separator for text amounts such as `1,234` (SPEC §9); without one they are data issues. */
  decimalSeparator?: DecimalSeparator;
}

/** One month's report: its JSON has the fields of SPEC §2 and the forecast (`engine` says which fields are not computed). */
export interface EngineMonthResult {
  month: string;
  sheetName: string;
  report: ReturnType<typeof reportFiguresJson> & { engine: EngineJson };
}

/** What the engine's JSON adds: the engine, the source and the fields this path does not compute yet. */
export interface EngineJson {
  name: string;
  source: string;
  rows: number;
  notComputed: string[];
}

/** Fields of the core engine's JSON that the engine path leaves out or empty (listed in every month's JSON). */
export const ENGINE_NOT_COMPUTED = [
  'bottleneck',
  'segments',
  'timeInStage',
  'overdue',
  'stuck',
  'stuckDeals',
  'movement',
  'coverage',
  'trackRecord',
  'winLoss',
  'owners',
  'funnel in period mode or strict',
];

export type EngineReportResult =
  { ok: true; reports: EngineMonthResult[]; warnings: string[]; issues: number; rowsRead: number } | { ok: false; error: UseCaseError };

export async function generateEngineReport(engine: MetricsEngine, port: WorkbookPort, options: EngineReportOptions): Promise<EngineReportResult> {
  const locale = options.locale ?? 'en-US';
  const stages = stagesInLanguage(options.stages ?? DEFAULT_STAGES, locale);
  const opened = await engine.open({ file: options.file, stages, mapping: options.mapping, locale, decimal: options.decimalSeparator });
  if (!opened.ok) return opened;
  const session = opened.session;
  try {
    const currency = engineCurrency(session, options.currency);
    if (!currency.ok)
      return {
        ok: false,
        error: {
          code: 'engineInput',
          message: t(locale, 'error.engineInput', {
            file: options.sourceName,
            reason: t(locale, 'error.engineCurrencies', { currencies: currency.currencies.join(', ') }),
          }),
        },
      };
    const months = await selectMonths(session, options, locale);
    if (!months.ok) return months;
    const horizon = options.horizon ?? DEFAULT_HORIZON;
    const monthOptions = { targets: options.targets ?? [], repurchaseMonths: DEFAULT_REPURCHASE_MONTHS, horizon };
    const names = sheetNamesFor(locale, undefined);
    const existing = new Set((await port.listSheets()).map((s) => s.name));
    const tr = translator(locale);
    const sheets: SheetModel[] = [];
    const reports: EngineMonthResult[] = [];
    const figures = new Map<MonthIndex, EngineMonth>();
    const figuresOf = async (m: MonthIndex) => {
      let f = figures.get(m);
      if (f === undefined) figures.set(m, (f = await session.month(m, monthOptions)));
      return f;
    };
    const note = t(locale, 'report.engineSource', { file: options.sourceName, rows: session.rowsRead.toLocaleString('en-US') });
    for (const month of months.months) {
      const current = await figuresOf(month);
      const previous = await figuresOf(month - 1);
      const forecast = forecastOf(current, horizon);
      const sheetName = `${names.report} ${monthKey(month)}`;
      const notes = existing.has(sheetName) ? previousNotes(await port.readSheet(sheetName)) : { lines: [] };
      const sheet = buildReportSheet({
        month,
        sourceSheet: options.sourceName,
        metrics: current.metrics,
        previous: previous.metrics,
        repurchaseMonths: monthOptions.repurchaseMonths,
        funnel: current.metrics.funnel,
        issues: session.issues,
        notes: notes.lines,
        notesCarry: notes.carry,
        locale,
        sheetNames: names,
        valuesOnly: true,
        sourceOutside: true,
        forecast,
        missingInputs: [
          ...(session.header.mapping.cost === undefined ? (['cost'] as const) : []),
          ...(monthOptions.targets.length === 0 ? (['targets'] as const) : []),
        ],
      });
      sheets.push(withSourceNote(sheet, note));
      if (current.metrics.tiers.length > 0) sheets.push(buildTiersSheet(current.metrics.tiers, month, tr));
      const json = reportFiguresJson({
        month: monthKey(month),
        sheet: options.sheetName ?? options.sourceName,
        stages: stageNames(stages),
        pipeline: {
          header: session.header,
          rowsRead: session.rowsRead,
          rowsClean: session.rowsClean,
          issues: session.issues,
          unknownStages: session.unknownStages,
          issueCount: session.issueCount,
        },
        metrics: current.metrics,
        forecast,
        locale,
        currency: currency.summary,
      });
      reports.push({
        month: monthKey(month),
        sheetName,
        report: { ...json, engine: { name: engine.name, source: options.sourceName, rows: session.rowsRead, notComputed: ENGINE_NOT_COMPUTED } },
      });
    }
    sheets.push(buildIssuesSheet(session.issues, options.sourceName, tr));
    const localized = localizeSheetNames({ sheets }, names, new Map()).sheets;
    const entries = reports.map((r) => {
      const m = figures.get(parseMonthKey(r.month)!)!.metrics;
      return {
        month: parseMonthKey(r.month)!,
        sheet: r.sheetName,
        created: m.funnel.steps[0]?.reached ?? 0,
        won: m.wonDeals,
        revenue: m.revenue,
        winRate: m.winRate,
        attainment: m.attainment,
      };
    });
    localized.push({ ...buildIndexSheet(entries, locale), name: names.index });
    const fitted = fitExcelLimits({ sheets: localized, activate: reports[reports.length - 1]?.sheetName });
    const model: ReportModel = withLimitNotes(fitted.model, fitted.adjustments, tr);
    await port.applyReport(model);
    const { unknownStages } = session;
    const warnings = [
      ...(unknownStages.length > 0
        ? [
            t(locale, 'warning.unknownStages', {
              configured: stageNames(stages).join(', '),
              found: unknownStages.map((s) => `${s.value} (${s.count})`).join(', '),
            }),
          ]
        : []),
      ...limitWarnings(fitted.adjustments, tr),
    ];
    return { ok: true, reports, warnings, issues: session.issueCount, rowsRead: session.rowsRead };
  } catch (e) {
    return failureOf(e, locale);
  } finally {
    await session.close();
  }
}

/**
 * SPEC §9 on the engine path: the reporting currency is chosen as
 * core/currency/convert-deals.ts chooses it, and a file whose deals are all
 * in it (or name none) reports as read. The engine does not convert: a file
 * with deals in another currency is refused, naming its currencies (the
 * in-memory engine converts them with a Rates table).
 */
export function engineCurrency(
  session: Pick<EngineSession, 'currencies'>,
  chosen?: string,
): { ok: true; summary: CurrencySummary } | { ok: false; currencies: string[] } {
  const named = session.currencies.filter((c) => c.currency !== null);
  const expand = (pick: (c: (typeof named)[number]) => number) => named.flatMap((c) => Array<string>(pick(c)).fill(c.currency!));
  const reporting =
    chosen !== undefined
      ? (currencyCode(chosen) ?? chosen.trim().toUpperCase())
      : (mostFrequentCurrency(expand((c) => c.won)) ?? mostFrequentCurrency(expand((c) => c.deals)));
  const others = named.map((c) => c.currency!).filter((c) => c !== reporting);
  if (others.length > 0)
    return { ok: false, currencies: [...new Set([reporting, ...named.map((c) => c.currency!)].filter((c): c is string => c !== null))].sort() };
  return { ok: true, summary: { reporting, converted: 0, missingRate: 0 } };
}

/** The forecast of SPEC §2 in core, on the revenue history the engine returned, beside the engine's weighted pipeline. */
export function forecastOf(figures: EngineMonth, horizon: number): MonthlyForecast {
  const series = forecastSeries(figures.history.values, { horizon, backtestMonths: DEFAULT_BACKTEST_MONTHS });
  return {
    month: figures.month,
    firstMonth: figures.history.firstMonth,
    history: figures.history.values,
    backtestMonths: DEFAULT_BACKTEST_MONTHS,
    series,
    weighted: figures.weighted,
  };
}

/** The tab's caption (the muted line under the title) also names the source file and its rows. */
function withSourceNote(sheet: SheetModel, note: string): SheetModel {
  const at = sheet.blocks.findIndex((b) => b.kind === 'cells' && b.style === 'muted' && typeof b.cells[0]?.[0] === 'string');
  if (at < 0) return sheet;
  const block = sheet.blocks[at] as Extract<Block, { kind: 'cells' }>;
  const blocks = sheet.blocks.slice();
  blocks[at] = { ...block, cells: [[`${block.cells[0]![0] as string} ${note}`, ...block.cells[0]!.slice(1)], ...block.cells.slice(1)] };
  return { ...sheet, blocks };
}

/** generate-report.ts's month selection, from the months the engine found. */
async function selectMonths(
  session: EngineSession,
  options: EngineReportOptions,
  locale: Locale,
): Promise<{ ok: true; months: MonthIndex[] } | { ok: false; error: UseCaseError }> {
  for (const text of [options.month, options.from, options.to]) {
    if (text !== undefined && parseMonthKey(text) === null)
      return { ok: false, error: { code: 'badMonth', message: t(locale, 'error.badMonth', { month: text }) } };
  }
  if (options.month !== undefined) return { ok: true, months: [parseMonthKey(options.month)!] };
  const today = options.today ?? serialFromDate(new Date());
  const data = await session.dataMonths(today);
  if (options.all || options.from !== undefined || options.to !== undefined) {
    const from = options.from === undefined ? -Infinity : parseMonthKey(options.from)!;
    const to = options.to === undefined ? monthIndexOfSerial(today) + 12 : parseMonthKey(options.to)!;
    const months = data.withData.filter((m) => m >= from && m <= to);
    if (months.length > 0) return { ok: true, months };
  } else if (data.lastComplete !== null) return { ok: true, months: [data.lastComplete] };
  return { ok: false, error: { code: 'noMonth', message: t(locale, 'error.noMonth', { sheet: options.sourceName, file: options.sourceName }) } };
}
