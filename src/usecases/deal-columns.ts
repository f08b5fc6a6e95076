import { type Locale, t, translator } from '../core/i18n';
import type { DealForecast } from '../core/dynamics/deal-forecast';
import {
  DEAL_COLUMNS,
  type DealColumnsPlan,
  type DealColumnsRecord,
  DealColumnsWatch,
  type DealColumnsWrite,
  isRecordedOn,
  planDealColumns,
} from '../core/report/deal-columns';
import { a1, columnLetter } from '../core/util/cell';
import type { WorkbookPort } from '../workbook/port';
import type { LoadedPipeline } from './load-pipeline';
import type { UseCaseError } from './use-case-error';

export type DealColumnsStep = { ok: true; writes: DealColumnsWrite[]; record: DealColumnsRecord | undefined } | { ok: false; error: UseCaseError };

/**
 * The deal forecast columns beside the pipeline for this run (issue #17
 * item 9): written when `enabled`, removed when not; a block recorded on
 * another sheet (the pipeline sheet changed) is removed there. Refused,
 * with the cell named, when a value the add-in did not write sits in a
 * recorded block. Decided before anything is written.
 */
export async function dealColumnsStep(
  port: WorkbookPort,
  loaded: LoadedPipeline,
  forecast: DealForecast | undefined,
  enabled: boolean,
  locale: Locale,
): Promise<DealColumnsStep> {
  const tr = translator(locale);
  const writes: DealColumnsWrite[] = [];
  const record = loaded.settings.dealColumnsBlock;
  const here = isRecordedOn(record, loaded.sheet);
  if (record && !here) {
    const elsewhere = await removalElsewhere(port, record);
    if (elsewhere && !elsewhere.ok) return { ok: false, error: refusal(elsewhere, record.sheet, record, locale) };
    if (elsewhere?.write) writes.push(elsewhere.write);
  }
  const plan = planDealColumns({
    enabled,
    sheet: loaded.sheet,
    record,
    scan: loaded.scan,
    headerRow: loaded.pipeline.header.headerRow,
    deals: loaded.pipeline.deals,
    forecast,
    tr,
  });
  if (!plan.ok)
    return { ok: false, error: refusal(plan, loaded.sheet, here && record ? { ...record, col: loaded.scan.blockCol ?? record.col } : undefined, locale) };
  if (plan.write) writes.push(plan.write);
  return { ok: true, writes, record: plan.record };
}

/** The block recorded on a sheet that is no longer the pipeline sheet: removed, when the sheet is still there. */
async function removalElsewhere(port: WorkbookPort, record: DealColumnsRecord): Promise<DealColumnsPlan | null> {
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name.toLowerCase() === record.sheet.toLowerCase())) return null;
  const watch = new DealColumnsWatch(record);
  (await port.readSheet(record.sheet)).forEach((row, index) => watch.observe(row, index));
  return planDealColumns({
    enabled: false,
    sheet: record.sheet,
    record,
    scan: watch.result(),
    headerRow: 0,
    deals: [],
    forecast: undefined,
    tr: translator('en-US'),
  });
}

function refusal(plan: Extract<DealColumnsPlan, { ok: false }>, sheet: string, record: DealColumnsRecord | undefined, locale: Locale): UseCaseError {
  if (plan.reason === 'noRoom')
    return { code: 'userSheet', message: t(locale, 'error.dealColumns.noRoom', { sheet, column: columnLetter(Math.max(0, plan.col - 2)) }) };
  const col = record?.col ?? plan.cell.col;
  const width = Math.max(record?.width ?? 1, DEAL_COLUMNS.length);
  return {
    code: 'userSheet',
    message: t(locale, 'error.dealColumns.foreign', {
      sheet,
      cell: a1(plan.cell.row, plan.cell.col),
      value: String(plan.cell.value),
      columns: `${columnLetter(col)}:${columnLetter(col + width - 1)}`,
    }),
  };
}
