import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { type EngineName, chooseEngine, EXCEL_ROW_LIMIT } from '../usecases/engine';
import { generateEngineReport } from '../usecases/engine-report';
import { stagesFromNames } from '../core/pipeline/stages';
import { duckDbEngine } from '../engines/duckdb/duckdb-engine';
import { newWorkbook, openWorkbookFile, saveWorkbookFile } from '../workbook/node-file/file';
import { WorkbookError, workbookErrorMessage } from '../workbook/port';
import { removeStaleTemps } from '../workbook/node-file/file-safety';
import { REPORT_SCHEMA_VERSION } from '../usecases/report-json';
import type { MonthlyTarget } from '../core/settings';
import { EXIT, type ExitCode, type Output } from './output';
import type { ReportCommandOptions } from './report-command';

/** Which kind of input a file name says. */
export function inputKind(file: string): 'xlsx' | 'csv' | 'parquet' {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.parquet' || ext === '.pq') return 'parquet';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  return 'xlsx';
}

/** Below this size a CSV cannot have more rows than Excel (a row takes at least two bytes), so its lines are not counted. */
const SMALL_CSV_BYTES = 2 * EXCEL_ROW_LIMIT;

/** The engine for `report` (SPEC §10): `--engine`, else DuckDB for Parquet and for a CSV with more lines than Excel has rows. */
export async function engineFor(input: string, requested: EngineName | undefined): Promise<EngineName> {
  const kind = inputKind(input);
  if (requested !== undefined || kind !== 'csv') return chooseEngine(requested, { kind });
  const size = await fs.stat(input).then(
    (s) => s.size,
    () => 0,
  );
  if (size < SMALL_CSV_BYTES) return 'core';
  return chooseEngine(undefined, { kind, rows: await countLines(input, EXCEL_ROW_LIMIT + 1) });
}

/** Lines of a file, counted up to `enough` (a streaming count: the file is never held). */
async function countLines(file: string, enough: number): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    if (lines >= enough) break;
  }
  return lines;
}

/** `funnel-report report FILE.csv|FILE.parquet --engine duckdb --out FILE.xlsx`: the report tabs as values, computed by DuckDB. */
export async function writeEngineReport(input: string, options: ReportCommandOptions, targets: MonthlyTarget[] | undefined, out: Output): Promise<ExitCode> {
  const locale = options.locale ?? 'en-US';
  const target = options.out!;
  let workbook;
  try {
    const exists = await fs.stat(target).then(
      () => true,
      () => false,
    );
    workbook = exists ? (await openWorkbookFile(target, { locale })).workbook : newWorkbook();
  } catch (e) {
    if (e instanceof WorkbookError) {
      out.error(`${target}: ${workbookErrorMessage(e, locale)}`);
      return EXIT.unusable;
    }
    throw e;
  }
  const result = await generateEngineReport(duckDbEngine(), workbook, {
    file: input,
    sourceName: path.basename(input),
    sheetName: path.basename(input, path.extname(input)),
    month: options.month,
    all: options.all,
    from: options.from,
    to: options.to,
    stages: options.stages ? stagesFromNames(options.stages.split(',')) : undefined,
    targets,
    horizon: options.horizon,
    locale,
    currency: options.currency,
    decimalSeparator: options.decimalSeparator,
  });
  if (!result.ok) {
    out.error(result.error.message);
    return EXIT.unusable;
  }
  const json = result.reports.length === 1 ? result.reports[0]!.report : { schemaVersion: REPORT_SCHEMA_VERSION, reports: result.reports.map((r) => r.report) };
  if (options.json) await removeStaleTemps(options.json);
  const companions = options.json ? [{ file: options.json, bytes: Buffer.from(`${JSON.stringify(json, null, 2)}\n`) }] : [];
  try {
    await saveWorkbookFile(workbook, target, { companions, locale });
  } catch (e) {
    out.error(e instanceof WorkbookError ? workbookErrorMessage(e, locale) : (e as Error).message);
    return EXIT.unusable;
  }
  for (const w of result.warnings) out.warn(w);
  const tabs =
    result.reports.length === 1
      ? result.reports[0]!.sheetName
      : `${result.reports.length} report tabs (${result.reports[0]!.month} … ${result.reports[result.reports.length - 1]!.month})`;
  out.info(`${tabs} written to ${target} (DuckDB engine, from ${path.basename(input)}: ${result.rowsRead} deals read, ${result.issues} data issues).`);
  return result.issues > 0 ? EXIT.doneWithIssues : EXIT.done;
}
