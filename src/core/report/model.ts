/**
 * The report model: a plain description of the sheets the add-in writes.
 * Core builds it; the workbook adapters only render it (ARCHITECTURE.md),
 * so a new table is a change here, never in two adapters.
 *
 * Positions are zero-based (row 0 = Excel row 1, col 0 = column A).
 */
import type { DealForecast, ProbabilitySource } from '../dynamics/deal-forecast';
import type { Deal } from '../pipeline/deal';

/** A native Excel formula, written without the leading `=`, with English function names and A1 references. */
export interface FormulaCell {
  formula: string;
  /** The engine's own result, written as the cached value so readers that do not recalculate still see it. */
  value: number | string | null;
}

/** An internal link (e.g. to a report tab) shown as text. */
export interface LinkCell {
  link: { sheet: string; cell?: string };
  text: string;
}

/**
 * A cell. A string is always text, even when it starts with `=`, `+`, `-`
 * or `@` (SPEC §3 rule 5, "text is text"): adapters must never let it
 * become a formula.
 */
export type Cell = string | number | boolean | null | FormulaCell | LinkCell;

export type NumberFormat = 'integer' | 'decimal' | 'percent' | 'currency' | 'days' | 'date' | 'month' | 'text' | 'general';

/** Excel number format codes, locale-neutral (Excel shows them in the user's locale). */
export const NUMBER_FORMAT_CODES: Readonly<Record<NumberFormat, string>> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  // SPEC §7: amounts without decimals.
  currency: '#,##0',
  days: '0.0',
  date: 'yyyy-mm-dd',
  month: 'yyyy-mm',
  text: '@',
  general: 'General',
};

/** The Excel format code of a number format on a sheet (its reporting-currency format for amounts). */
export function numberFormatCode(format: NumberFormat, sheet?: { currencyFormat?: string }): string {
  return format === 'currency' && sheet?.currencyFormat !== undefined ? sheet.currencyFormat : NUMBER_FORMAT_CODES[format];
}

export interface TableColumn {
  header: string;
  format?: NumberFormat;
}

/** A native Excel table (ListObject): header row at (row, col), then the body rows. */
export interface TableBlock {
  kind: 'table';
  /** Excel table name, unique in the workbook (letters, digits, underscores). */
  name: string;
  row: number;
  col: number;
  columns: TableColumn[];
  /** The body rows; empty when `dealRows` gives them (read any table's rows through table-rows.ts). */
  rows: Cell[][];
  /**
   * A body with a row per deal (the data sheet), described by the deals it
   * is made of rather than held as cells: 25 cells a deal are 2.5 million at
   * 100,000 deals and 26 million at Excel's row limit, more memory than the
   * deals themselves. Adapters produce each row as they write it
   * (`tableRowAt`), or all of them (`tableRows`) where a host takes them at once.
   */
  dealRows?: DealRows;
  /**
   * A number format per body row, for tables whose rows hold different
   * kinds of figures (the KPI table): it applies to the cells of that row in
   * every column that has no format of its own.
   */
  rowFormats?: (NumberFormat | undefined)[];
  /** Built-in table style, e.g. `TableStyleMedium2`. */
  style: string;
}

/**
 * The data sheet's body as data (data-sheet.ts turns a deal into its row):
 * the deals in sheet order, the per-deal forecast columns, and the labels
 * of where a probability came from, in the report's language. Plain
 * values only, so the model still crosses to the page in Office as it is.
 */
export interface DealRows {
  deals: readonly Deal[];
  forecast?: DealForecast;
  /** What the probability-source column says for a deal's own probability, one learned from closed deals, the stage's default. */
  sourceLabels: Readonly<Record<ProbabilitySource, string>>;
}

export type TextStyle = 'title' | 'heading' | 'label' | 'note' | 'muted' | 'good' | 'bad' | 'warning' | 'critical';

/** Free-standing cells (titles, the KPI header), each row from (row, col). */
export interface CellsBlock {
  kind: 'cells';
  row: number;
  col: number;
  cells: Cell[][];
  /** Per-column number format of these cells. */
  formats?: (NumberFormat | undefined)[];
  style?: TextStyle;
}

/**
 * One series of a chart. A line or bar series plots `values`; a band
 * (line charts only) is a shaded area from `lower` up to `lower + values`,
 * drawn under the lines: adapters stack an invisible area of `lower` and a
 * filled area of the width, which every host draws (a band between two
 * lines is not a chart type anywhere).
 */
export interface ChartSeries {
  name: string;
  /** A1 range of the values; for a band, its width (upper − lower). */
  values: string;
  kind?: 'band';
  /** A band's lower edge, an A1 range as long as `values`. */
  lower?: string;
  /** RGB hex without '#'. Without one, the series takes `SERIES_COLORS[i]`. */
  color?: string;
  /** A dashed line (e.g. the fitted history, which is not data). */
  dashed?: boolean;
}

/**
 * Explicit series colours (SPEC §7): a chart whose series name no colour
 * takes them from the theme, and a workbook without a theme part (or a
 * host that ignores it) then draws nothing. Excel's Office palette.
 */
export const SERIES_COLORS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'] as const;

/** The colour a series is drawn in: its own, else the palette's by position. */
export function seriesColor(series: ChartSeries, index: number): string {
  return series.color ?? SERIES_COLORS[index % SERIES_COLORS.length]!;
}

/** How opaque a band's fill is (the lines and gridlines show through it). */
export const BAND_OPACITY = 0.35;

/** A chart over ranges of this sheet; rendered natively where the host can. */
export interface ChartBlock {
  kind: 'chart';
  name: string;
  /** A waterfall (movement: each value a step up or down) is drawn as columns where the host has none. */
  type: 'funnel' | 'bar' | 'line' | 'waterfall';
  title: string;
  /** Top-left cell and size in cells. */
  row: number;
  col: number;
  widthCols: number;
  heightRows: number;
  /** A1 range of the category labels, e.g. `A5:A10`. */
  categories: string;
  series: ChartSeries[];
}

/**
 * The Notes section: a heading the add-in owns, and below it rows that
 * belong to the user and survive every regeneration (SPEC §3 rule 4).
 */
export interface NotesBlock {
  kind: 'notes';
  row: number;
  col: number;
  heading: string;
  /** The user's rows, as read back from the previous version of the tab. */
  lines: Cell[][];
  /**
   * Set when the tab existed: the adapter carries the rows below the Notes
   * heading of the tab's previous version over natively, cell for cell
   * (values, formulas, number formats, fonts, fills, merges, hyperlinks:
   * SPEC §6), to the rows below `row`; `lines` are then only what an
   * adapter that cannot writes instead.
   */
  carry?: NotesCarry;
}

/** Where the Notes were in the previous version of the tab (zero-based), and the extent of its used range below the heading. */
export interface NotesCarry {
  headingRow: number;
  rows: number;
  cols: number;
}

export type Block = TableBlock | CellsBlock | ChartBlock | NotesBlock;

export type ConditionalFormat =
  | { range: string; type: 'dataBar' }
  /**
   * Three-colour scale, red – yellow – green from the lowest value to the
   * highest; `highIs: 'bad'` runs it the other way (green to red), for
   * counts where more is worse, such as risks in a heat-map cell.
   */
  | { range: string; type: 'colorScale'; highIs?: 'good' | 'bad' }
  /** Fill when an Excel formula (relative to the range's top-left cell) is true. */
  | { range: string; type: 'expression'; formula: string; style: TextStyle };

export interface DataValidation {
  range: string;
  rule: { type: 'list'; values: string[] } | { type: 'list'; source: string } | { type: 'wholeNumber'; min: number; max: number } | { type: 'date' };
}

/**
 * How a sheet prints (SPEC §7 "Printable"). Rows are zero-based. The
 * footer's page number is added by the adapters (Excel's `&P`).
 */
export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  /** Scale to one page wide (as many pages tall as it takes). */
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page. */
  titleRows?: { first: number; last: number };
  /** Rows that start a new printed page (section starts). */
  pageBreaks?: number[];
  /** Footer text (e.g. the month), printed left; the page number goes right. */
  footer?: string;
}

/** `list`: a full list the report tab summarises (`Data Issues`, `Tiers YYYY-MM`). */
export type SheetRole = 'report' | 'data' | 'index' | 'plan' | 'risks' | 'settings' | 'snapshots' | 'list';

export interface SheetModel {
  name: string;
  role: SheetRole;
  /** Excel format code for this sheet's `currency` cells (the reporting currency's, SPEC §9); default `NUMBER_FORMAT_CODES.currency`. */
  currencyFormat?: string;
  blocks: Block[];
  /** Column widths in characters, by zero-based column. */
  columnWidths?: Record<number, number>;
  /** Rows and columns kept visible while scrolling. */
  freeze?: { rows: number; cols: number };
  conditionalFormats?: ConditionalFormat[];
  validations?: DataValidation[];
  /** Hidden from the tab bar (settings). */
  hidden?: boolean;
  print?: PrintSetup;
}

/**
 * What one run writes. Every sheet named here is replaced whole (created
 * when absent, keeping its position when present); no other sheet is
 * touched.
 */
export interface ReportModel {
  sheets: SheetModel[];
  /** Sheet to show when the run ends. */
  activate?: string;
}
