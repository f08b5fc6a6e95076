import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Locale, t } from '../core/i18n';
import { stagesFromNames } from '../core/pipeline/stages';
import { generateMonthlyReport } from '../usecases/generate-report';
import { openWorkbookFile, readCsvFile, saveWorkbookFile } from '../workbook/node-file/file';
import { WorkbookError, workbookErrorMessage } from '../workbook/port';
import { removeStaleTemps, sameFile } from '../workbook/node-file/file-safety';
import { withGuardedFile } from './guarded-file';
import { EXIT, type ExitCode, type Output } from './output';
import type { MonthlyTarget } from '../core/settings';
import { readTargets } from '../core/targets';
import { REPORT_SCHEMA_VERSION } from '../usecases/report-json';
import type { EngineName } from '../usecases/engine';
import { engineFor, inputKind, writeEngineReport } from './engine-report-command';
import type { RateRow } from '../core/currency/currency-rules';
import { readRatesTable } from '../core/currency/rates-table';
import type { SheetValues } from '../core/util/cell';

export interface ReportCommandOptions {
  sheet?: string;
  month?: string;
  all?: boolean;
  from?: string;
  to?: string;
  stages?: string;
  targets?: string;
  currency?: string;
  rates?: string;
  decimalSeparator?: '.' | ',';
  out?: string;
  json?: string;
  valuesOnly?: boolean;
  /** The per-deal forecast columns beside the pipeline (issue #17): on, off, or as the workbook last chose. */
  dealColumns?: boolean;
  strict?: boolean;
  mode?: 'cohort' | 'period';
  horizon?: number;
  locale?: Locale;
  /** `core` (in memory) or `duckdb` (SPEC §10); default: DuckDB for Parquet and for a CSV past Excel's rows. */
  engine?: EngineName;
}

/** `funnel-report report <pipeline.xlsx|pipeline.csv>`: writes or refreshes `Report YYYY-MM`. */
export async function reportCommand(input: string, options: ReportCommandOptions, out: Output): Promise<ExitCode> {
  const locale = options.locale ?? 'en-US';
  const kind = inputKind(input);
  if (kind !== 'xlsx' && !options.out) {
    out.error(t(locale, kind === 'csv' ? 'cli.csvNeedsOut' : 'cli.parquetNeedsOut', { file: input }));
    return EXIT.unusable;
  }
  const refused = await outputsRefused(input, options, locale);
  if (refused) {
    out.error(refused);
    return EXIT.unusable;
  }
  const engine = await engineFor(input, options.engine);
  if (engine === 'duckdb') {
    if (kind === 'xlsx') {
      out.error(
        t(locale, 'error.engineInput', { file: path.basename(input), reason: 'a workbook is reported by the in-memory engine (without --engine duckdb).' }),
      );
      return EXIT.unusable;
    }
    return withGuardedFile(options.out!, locale, out, async () => {
      const targets = options.targets ? await readTargetsFile(options.targets, locale, out) : undefined;
      if (targets === null) return EXIT.unusable;
      return writeEngineReport(input, options, targets, out);
    });
  }
  return withGuardedFile(options.out ?? input, locale, out, () => writeReport(input, options, out));
}

/** `--out` or `--json` naming the input itself (after links), or each other: the input would be lost. */
async function outputsRefused(input: string, options: ReportCommandOptions, locale: Locale): Promise<string | null> {
  for (const option of ['out', 'json'] as const) {
    const file = options[option];
    if (file !== undefined && (await sameFile(file, input))) return t(locale, 'file.sameAsInput', { option, file });
  }
  if (options.out !== undefined && options.json !== undefined && (await sameFile(options.out, options.json)))
    return t(locale, 'file.sameOutputs', { file: options.json });
  return null;
}

async function writeReport(input: string, options: ReportCommandOptions, out: Output): Promise<ExitCode> {
  let opened;
  try {
    opened = await openWorkbookFile(input, { locale: options.locale });
  } catch (e) {
    if (e instanceof WorkbookError) {
      out.error(`${input}: ${workbookErrorMessage(e, options.locale ?? 'en-US')}`);
      return EXIT.unusable;
    }
    throw e;
  }
  let targets: MonthlyTarget[] | undefined;
  if (options.targets) {
    const read = await readTargetsFile(options.targets, options.locale ?? 'en-US', out);
    if (!read) return EXIT.unusable;
    targets = read;
  }
  let rates: RateRow[] | undefined;
  if (options.rates) {
    const read = await readRatesFile(options.rates, options.locale ?? 'en-US', out);
    if (!read) return EXIT.unusable;
    rates = read;
  }
  const result = await generateMonthlyReport(opened.workbook, {
    targets,
    currency: options.currency,
    rates,
    decimalSeparator: options.decimalSeparator,
    sheet: options.sheet,
    month: options.month,
    all: options.all,
    from: options.from,
    to: options.to,
    stages: options.stages ? stagesFromNames(options.stages.split(',')) : undefined,
    valuesOnly: options.valuesOnly,
    dealColumns: options.dealColumns,
    strict: options.strict,
    mode: options.mode,
    horizon: options.horizon,
    locale: options.locale,
    source: path.basename(input),
  });
  if (!result.ok) {
    out.error(result.error.message);
    return EXIT.unusable;
  }
  const target = options.out ?? input;
  // One month: that month's report; several (--all, --from/--to): all of them.
  const json = result.reports.length === 1 ? result.reports[0]!.report : { schemaVersion: REPORT_SCHEMA_VERSION, reports: result.reports.map((r) => r.report) };
  // The JSON is written before the workbook is replaced: when it cannot be, the workbook stays as it was.
  if (options.json) await removeStaleTemps(options.json);
  const companions = options.json ? [{ file: options.json, bytes: Buffer.from(`${JSON.stringify(json, null, 2)}\n`) }] : [];
  try {
    await saveWorkbookFile(opened.workbook, target, { companions, locale: options.locale });
  } catch (e) {
    out.error(e instanceof WorkbookError ? workbookErrorMessage(e, options.locale ?? 'en-US') : (e as Error).message);
    return EXIT.unusable;
  }
  for (const w of result.warnings) out.warn(w);
  const first = result.reports[0]!.report;
  const locale = options.locale ?? 'en-US';
  const tabs =
    result.reports.length === 1
      ? result.reports[0]!.sheetName
      : t(locale, 'cli.report.tabs', { count: result.reports.length, first: result.reports[0]!.month, last: result.reports[result.reports.length - 1]!.month });
  out.info(t(locale, 'cli.report.done', { tabs, file: target, sheet: result.pipelineSheet, deals: first.deals.read, issues: result.issues }));
  return result.issues > 0 ? EXIT.doneWithIssues : EXIT.done;
}

/** A CSV file's values; null (and the reason said) when it cannot be read. */
async function readCsvValues(file: string, what: 'targets' | 'rates', locale: Locale, out: Output): Promise<SheetValues | null> {
  try {
    return readCsvFile(await fs.readFile(file), file, locale);
  } catch (e) {
    out.error(
      e instanceof WorkbookError
        ? e.message
        : t(locale, what === 'rates' ? 'cli.rates.unreadable' : 'cli.targets.unreadable', { file, reason: (e as Error).message }),
    );
    return null;
  }
}

/** `--targets FILE.csv` (`month,target`): unreadable rows are named; a file with none readable is refused. */
async function readTargetsFile(file: string, locale: Locale, out: Output): Promise<MonthlyTarget[] | null> {
  const values = await readCsvValues(file, 'targets', locale, out);
  if (!values) return null;
  const { targets, rejected } = readTargets(values);
  for (const r of rejected) out.warn(t(locale, 'cli.targets.rowIgnored', { file, row: r.row, value: String(r.value) }));
  if (targets.length === 0) {
    out.error(t(locale, 'cli.targets.none', { file }));
    return null;
  }
  return targets;
}

/** `--rates FILE.csv` (`Month,Currency,Rate`, headers in English or Chinese): unreadable rows are named; a file with none readable is refused. */
async function readRatesFile(file: string, locale: Locale, out: Output): Promise<RateRow[] | null> {
  const values = await readCsvValues(file, 'rates', locale, out);
  if (!values) return null;
  const read = readRatesTable(values);
  for (const r of read?.rejected ?? []) out.warn(t(locale, 'warning.ratesRow', { sheet: file, row: r.row, value: r.value === null ? '' : String(r.value) }));
  if (!read || read.rows.length === 0) {
    out.error(t(locale, 'cli.rates.none', { file }));
    return null;
  }
  return read.rows;
}
