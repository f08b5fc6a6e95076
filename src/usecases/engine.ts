import type { MonthlyMetrics } from '../core/metrics/compute-metrics';
import type { DataIssue } from '../core/pipeline/data-issue';
import type { HeaderDetection, MappingOverrides } from '../core/pipeline/header';
import type { StageConfig } from '../core/pipeline/stages';
import type { MonthlyTarget } from '../core/settings';
import type { Locale } from '../core/i18n';
import type { MonthIndex } from '../core/util/dates';
import type { UseCaseError } from './use-case-error';
import type { WeightedPipeline } from '../core/forecast/weighted-pipeline';
import type { CurrencyCode, DecimalSeparator } from '../core/currency/currency-rules';

/*
 * Which engine computes a report (SPEC §10). `core` is the in-memory engine
 * every host runs (generate-report.ts over a WorkbookPort); `duckdb` reads a
 * CSV or Parquet file itself and computes the same figures as SQL, for
 * exports past Excel's rows. The use case below the interface
 * (engine-report.ts) is the same for any engine that answers it; the
 * DuckDB one lives in src/engines/duckdb (Node only, loaded on demand).
 */

export type EngineName = 'core' | 'duckdb';
export const ENGINE_NAMES: readonly EngineName[] = ['core', 'duckdb'];

/** Excel's rows a sheet (SPEC §10): a pipeline with more deals than this cannot be a workbook. */
export const EXCEL_ROW_LIMIT = 1_048_576;

/** What an engine is asked to read. */
export interface EngineRequest {
  file: string;
  stages: StageConfig;
  mapping?: MappingOverrides;
  locale: Locale;
  /** The workbook's decimal separator for text amounts such as `1,234` (SPEC §9); without one they are data issues. */
  decimal?: DecimalSeparator;
}

/** The months an engine's data has (the default report month and `--all` choose among them). */
export interface DataMonths {
  /** Months in which a deal was created or closed, ascending. */
  withData: MonthIndex[];
  /** The last complete month (core/metrics/data-months.ts `lastCompleteMonth`), null without dates. */
  lastComplete: MonthIndex | null;
}

/** One month's figures: SPEC §2 in `MonthlyMetrics`' shape, and the forecast's revenue history. */
export interface EngineMonth {
  month: MonthIndex;
  metrics: MonthlyMetrics;
  /** Revenue by close month from `firstMonth` to the month (months without a won deal 0). */
  history: { firstMonth: MonthIndex; values: number[] };
  /** The weighted open pipeline of the `horizon` months after the month, with the stage probabilities it used. */
  weighted: WeightedPipeline;
}

/** An open file: what was read, and the figures of any month on request. */
export interface EngineSession {
  header: HeaderDetection;
  /** Non-blank rows below the header. */
  rowsRead: number;
  /** Rows without any data issue. */
  rowsClean: number;
  /** All the data issues found, counted. */
  issueCount: number;
  /** The first `ISSUES_LISTED` of them, in row order. */
  issues: DataIssue[];
  unknownStages: { value: string; count: number }[];
  /** The deals of each currency they name (SPEC §9: the currency column, else the amount's symbol or code; null: none), and how many of them are won. */
  currencies: { currency: CurrencyCode | null; deals: number; won: number }[];
  dataMonths(today?: number): Promise<DataMonths>;
  month(month: MonthIndex, options: MonthOptions): Promise<EngineMonth>;
  close(): Promise<void>;
}

export interface MonthOptions {
  targets: readonly MonthlyTarget[];
  repurchaseMonths: number;
  /** Months the weighted pipeline looks ahead (the forecast's horizon). */
  horizon: number;
}

/** SPEC §10: the data issues are counted, and the first 1,000 listed. */
export const ISSUES_LISTED = 1_000;

export interface MetricsEngine {
  readonly name: EngineName;
  open(request: EngineRequest): Promise<{ ok: true; session: EngineSession } | { ok: false; error: UseCaseError }>;
}

/**
 * The engine a run uses: the one asked for, else DuckDB when a CSV or
 * Parquet input has more rows than Excel allows (Parquet always: a
 * workbook cannot hold it), else the in-memory core.
 */
export function chooseEngine(requested: EngineName | undefined, input: { kind: 'xlsx' | 'csv' | 'parquet'; rows?: number }): EngineName {
  if (requested !== undefined) return requested;
  if (input.kind === 'parquet') return 'duckdb';
  if (input.kind === 'csv' && input.rows !== undefined && input.rows > EXCEL_ROW_LIMIT) return 'duckdb';
  return 'core';
}
