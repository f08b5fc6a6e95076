import { type Locale, translator, type Translate } from '../i18n';
import type { DealForecast } from '../dynamics/deal-forecast';
import type { Deal } from '../pipeline/deal';
import { type CellValue, isBlank } from '../util/cell';
import { PER_DEAL_FORECAST_COLUMNS, type PerDealColumn, probabilitySourceLabels } from './data-sheet';
import type { Cell, NumberFormat } from './model';

/*
 * The per-deal forecast columns beside the user's pipeline (issue #17 item
 * 9, an option): the only cells of the pipeline sheet the add-in writes
 * (SPEC §1). The block starts one empty column to the right of the user's
 * last used column, or where the settings recorded it last time; its header
 * cells sit in the pipeline's header row and each deal's cells in the deal's
 * own row. The next run clears exactly the recorded columns and writes them
 * again; a value in them that the add-in does not write stops the run.
 */

/** Where the block was written (settings): the sheet, its first column (zero-based) and its width. */
export interface DealColumnsRecord {
  sheet: string;
  col: number;
  width: number;
}

/**
 * What a run writes into the pipeline sheet through the port: the recorded
 * columns cleared in every row (cells, values and formats), then the block.
 * Nothing else of the sheet changes.
 */
export interface DealColumnsWrite {
  sheet: string;
  /** Columns [col, col + width) emptied in rows 0 … rows − 1 (the rows the sheet uses), before `block` is written. */
  clear?: { col: number; width: number; rows: number };
  /**
   * `cells[0]` is the header row at sheet row `row` (zero-based), then one
   * row per sheet row below it (all null where no deal is); `formats` are
   * the body's number formats by column.
   */
  block?: { row: number; col: number; cells: Cell[][]; formats: (NumberFormat | undefined)[] };
}

/** A cell of the sheet (zero-based) whose value the add-in did not write. */
export interface ForeignCell {
  row: number;
  col: number;
  value: CellValue;
}

/** What the read of the pipeline sheet saw besides the deals. */
export interface PipelineSheetScan {
  /** One past the last row with a value. */
  rows: number;
  /** The last column holding a value outside the recorded block, −1 for none. */
  lastUserCol: number;
  /** The first value in the recorded block's columns that is not one the add-in writes. */
  foreign: ForeignCell | null;
  /** Where the recorded block's header was found, when columns were inserted or deleted left of it since (else the recorded column). */
  blockCol: number | null;
}

/** The columns, as the data sheet defines them. */
export const DEAL_COLUMNS: readonly PerDealColumn[] = PER_DEAL_FORECAST_COLUMNS;

const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/** A header cell of the block: the column's name under the block's own prefix, so no one takes it for a column of theirs. */
export function dealColumnHeader(column: PerDealColumn, tr: Translate): string {
  return tr('dealColumns.header', { column: tr(column.header) });
}

/** The block's header texts in both languages, column by column. */
const HEADER_TEXTS: readonly ReadonlySet<string>[] = DEAL_COLUMNS.map((c) => new Set(LOCALES.map((l) => dealColumnHeader(c, translator(l)))));

/** HEADER_SEARCH_ROWS of core/pipeline/header.ts: the pipeline's header row, and so the block's, is among the first 20 rows. */
const HEADER_ROWS = 20;

/** The first column where a row holds the block's header (its first `width` texts, either language), or −1. */
function headerColumn(row: readonly CellValue[], width: number): number {
  for (let c = 0; c < row.length; c++) {
    if (!HEADER_TEXTS[0]!.has(row[c] as string)) continue;
    let k = 1;
    while (k < width && HEADER_TEXTS[k]?.has(row[c + k] as string)) k++;
    if (k === width) return c;
  }
  return -1;
}

/** The values a column of the block can hold, in either language (the UI language may have changed since). */
function valueCheck(column: PerDealColumn): (v: CellValue) => boolean {
  const headers = new Set(LOCALES.map((l) => dealColumnHeader(column, translator(l))));
  const isHeader = (v: CellValue) => typeof v === 'string' && headers.has(v);
  switch (column.key) {
    case 'probabilitySource': {
      const words = new Set(LOCALES.flatMap((l) => (['deal', 'learned', 'default'] as const).map((s) => translator(l)(`data.probabilitySource.${s}`))));
      return (v) => isHeader(v) || (typeof v === 'string' && words.has(v));
    }
    case 'overdue':
    case 'stuck':
      return (v) => isHeader(v) || typeof v === 'boolean';
    default:
      return (v) => isHeader(v) || (typeof v === 'number' && Number.isFinite(v));
  }
}

/**
 * Watches the rows of the pipeline sheet as they are read: hands each row on
 * with the recorded block's cells blanked (the reader never takes them for
 * the user's columns: "Probability" would become each deal's own), finds the
 * user's last used column and the first value in the block's columns the
 * add-in does not write. `width` is the block's width this run: columns past
 * the recorded width must be empty.
 */
export class DealColumnsWatch {
  private rows = 0;
  private lastUserCol = -1;
  private foreign: ForeignCell | null = null;
  private readonly checks: ((v: CellValue) => boolean)[];
  private from: number;
  private to: number;
  private located: number | null = null;
  private readonly span: number;

  constructor(
    readonly record: DealColumnsRecord | null,
    width: number = DEAL_COLUMNS.length,
  ) {
    this.span = record ? Math.max(record.width, width) : 0;
    this.from = record ? record.col : Number.POSITIVE_INFINITY;
    this.to = record ? record.col + this.span : Number.POSITIVE_INFINITY;
    this.checks = record
      ? Array.from({ length: this.to - this.from }, (_, k) => (k < record.width && DEAL_COLUMNS[k] ? valueCheck(DEAL_COLUMNS[k]) : () => false))
      : [];
  }

  /** The row as the reader should see it. */
  observe(row: CellValue[], index: number): CellValue[] {
    let last = row.length - 1;
    while (last >= 0 && isBlank(row[last] ?? null)) last--;
    if (last < 0) return row;
    this.rows = Math.max(this.rows, index + 1);
    // Columns inserted or deleted left of the block since it was written moved it (Excel moves cells with their columns): its header says where it is now.
    if (this.record && this.located === null && index < HEADER_ROWS) {
      const at = headerColumn(row, Math.min(this.record.width, HEADER_TEXTS.length));
      if (at >= 0) {
        this.located = at;
        this.from = at;
        this.to = at + this.span;
      }
    }
    if (last < this.from) {
      if (last > this.lastUserCol) this.lastUserCol = last;
      return row;
    }
    const out = row.slice();
    let user = -1;
    for (let c = 0; c <= last; c++) {
      const v = row[c] ?? null;
      if (isBlank(v)) continue;
      if (c < this.from || c >= this.to) {
        user = c;
        continue;
      }
      out[c] = null;
      if (!this.foreign && !this.checks[c - this.from]!(v)) this.foreign = { row: index, col: c, value: v };
    }
    if (user > this.lastUserCol) this.lastUserCol = user;
    return out;
  }

  result(): PipelineSheetScan {
    return { rows: this.rows, lastUserCol: this.lastUserCol, foreign: this.foreign, blockCol: this.located ?? this.record?.col ?? null };
  }
}

export interface DealColumnsInput {
  enabled: boolean;
  sheet: string;
  /** The block the settings record, on this sheet or another. */
  record: DealColumnsRecord | undefined;
  scan: PipelineSheetScan;
  /** Zero-based row of the pipeline's header. */
  headerRow: number;
  deals: readonly Deal[];
  forecast: DealForecast | undefined;
  tr: Translate;
}

export type DealColumnsPlan =
  | { ok: true; write: DealColumnsWrite | null; record: DealColumnsRecord | undefined }
  | { ok: false; reason: 'foreign'; cell: ForeignCell }
  | { ok: false; reason: 'noRoom'; col: number };

/** Excel's last column is XFD (16,384 columns). */
const MAX_COLUMNS = 16_384;

/** Same sheet as Excel compares names: ignoring case. */
export function isRecordedOn(record: DealColumnsRecord | undefined, sheet: string): boolean {
  return record !== undefined && record.sheet.toLowerCase() === sheet.toLowerCase();
}

/**
 * What to write into the pipeline sheet this run: the block (option on),
 * or the recorded block removed (option off); refused when a value the
 * add-in did not write sits in the recorded columns.
 */
export function planDealColumns(input: DealColumnsInput): DealColumnsPlan {
  const { scan, sheet, tr } = input;
  const recorded = isRecordedOn(input.record, sheet) ? input.record! : undefined;
  if (recorded && scan.foreign) return { ok: false, reason: 'foreign', cell: scan.foreign };
  const width = DEAL_COLUMNS.length;
  const at = recorded ? (scan.blockCol ?? recorded.col) : null;
  const clear = recorded && at !== null && { col: at, width: Math.max(recorded.width, width), rows: scan.rows };
  if (!input.enabled) return { ok: true, write: clear ? { sheet, clear } : null, record: undefined };
  const col = at ?? scan.lastUserCol + 2;
  if (col + width > MAX_COLUMNS) return { ok: false, reason: 'noRoom', col };
  const lastRow = input.deals.reduce((m, d) => Math.max(m, d.row - 1), input.headerRow);
  const cells: Cell[][] = Array.from({ length: lastRow - input.headerRow + 1 }, () => []);
  cells[0] = DEAL_COLUMNS.map((c) => dealColumnHeader(c, tr));
  const labels = probabilitySourceLabels(tr);
  input.deals.forEach((d, i) => {
    const r = d.row - 1 - input.headerRow;
    if (r > 0) cells[r] = DEAL_COLUMNS.map((c) => c.value(d, i, input.forecast, labels));
  });
  return {
    ok: true,
    write: { sheet, ...(clear ? { clear } : {}), block: { row: input.headerRow, col, cells, formats: DEAL_COLUMNS.map((c) => c.format) } },
    record: { sheet, col, width },
  };
}
