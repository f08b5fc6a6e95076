import type {
  Block,
  Cell,
  ChartBlock,
  ConditionalFormat,
  DataValidation,
  NumberFormat,
  PrintSetup,
  SheetModel,
  TableBlock,
  TextStyle,
} from '../../core/report/model';
import { BAND_OPACITY, numberFormatCode, seriesColor } from '../../core/report/model';
import { hyperlinkFormula } from '../../core/report/formulas';
import { a1, columnLetter } from '../../core/util/cell';
import { colorScaleColors, DATA_BAR_COLOR, TEXT_LOOKS } from '../text-styles';
import { type CellInput, rowBytes, splitRowBlocks } from './blocks';
import { valueInput } from './text-input';
import { SMALL_OP_BYTES, type WriteBatch } from './write-batch';

/** A native formula written only once every sheet of the model has its final name (see apply-report.ts). */
export interface DeferredFormula {
  row: number;
  col: number;
  formula: string;
}

/**
 * A table made at commit, after the formulas are in its cells. Why not
 * before: with Excel's default AutoCorrect option ("Fill formulas in tables
 * to create calculated columns"), the first formula written into an empty
 * table column fills the whole column, and a formula written into a
 * calculated column replaces every row's ("Use calculated columns in an
 * Excel table", support.microsoft.com; OfficeDev/office-js#2093, closed by
 * design, #5909, #6745) — the funnel's per-row `">="&k` criteria would all
 * become one row's. A table made over cells that already hold their
 * formulas keeps each one.
 */
export interface DeferredTable {
  address: string;
  name: string;
  style: string;
}

export interface RenderedSheet {
  formulas: DeferredFormula[];
  tables: DeferredTable[];
  /** Charts, drawn in a step of their own once the report is committed (apply-report.ts). */
  charts: ChartBlock[];
}

export interface RenderOptions {
  /** The host draws funnel charts (ExcelApi 1.12-like capability). */
  funnelCharts: boolean;
}

/**
 * Queues everything a sheet model holds onto an (empty, new) worksheet:
 * cells in row blocks within the request budget, formats, widths, frozen
 * panes, conditional formats and validations. Native formulas, tables and
 * charts are returned, not written: formulas may refer to sheets that get
 * their final names only at commit, tables must come after their formulas
 * (DeferredTable), and a chart that fails must not cost the report.
 */
export async function renderSheet(batch: WriteBatch, sheet: Excel.Worksheet, model: SheetModel): Promise<RenderedSheet> {
  const out: RenderedSheet = { formulas: [], tables: [], charts: [] };
  for (const block of model.blocks) await renderBlock(batch, sheet, block, out);
  for (const [col, width] of Object.entries(model.columnWidths ?? {})) {
    await batch.reserve(SMALL_OP_BYTES);
    sheet.getCell(0, Number(col)).format.columnWidth = pointsFromCharacters(width);
  }
  if (model.freeze) await freeze(batch, sheet, model.freeze);
  if (model.print) await setUpPrinting(batch, sheet, model.print);
  for (const cf of model.conditionalFormats ?? []) await addConditionalFormat(batch, sheet, cf);
  for (const dv of model.validations ?? []) await addValidation(batch, sheet, dv);
  return out;
}

async function renderBlock(batch: WriteBatch, sheet: Excel.Worksheet, block: Block, out: RenderedSheet): Promise<void> {
  switch (block.kind) {
    case 'cells': {
      await writeRows(batch, sheet, block.row, block.col, block.cells, out);
      const rows = block.cells.length;
      if (rows === 0) return;
      for (const [c, format] of (block.formats ?? []).entries()) if (format) await setNumberFormat(batch, sheet, block.row, block.col + c, rows, format);
      if (block.style)
        await applyLook(
          batch,
          sheet.getRange(`${a1(block.row, block.col)}:${a1(block.row + rows - 1, block.col + Math.max(1, widthOf(block.cells)) - 1)}`),
          block.style,
        );
      return;
    }
    case 'table':
      await renderTable(batch, sheet, block, out);
      return;
    case 'notes':
      // Notes carried from the tab's previous version are copied over whole (notes-carry.ts).
      await writeRows(batch, sheet, block.row, block.col, [[block.heading], ...(block.carry ? [] : block.lines)], out);
      await applyLook(batch, sheet.getCell(block.row, block.col), 'heading');
      return;
    case 'chart':
      out.charts.push(block);
      return;
  }
}

async function renderTable(batch: WriteBatch, sheet: Excel.Worksheet, block: TableBlock, out: RenderedSheet): Promise<void> {
  const width = block.columns.length;
  await writeRows(batch, sheet, block.row, block.col, [block.columns.map((c) => c.header), ...block.rows], out);
  // Excel gives a table at least one body row; an empty table shows one blank row.
  const bodyRows = Math.max(1, block.rows.length);
  for (const [c, column] of block.columns.entries())
    if (column.format) await setNumberFormat(batch, sheet, block.row + 1, block.col + c, bodyRows, column.format);
  // Row formats (the KPI table) cover the columns without a format of their own, one cell at a time: such tables are small.
  for (const [r, format] of (block.rowFormats ?? []).entries()) {
    if (!format) continue;
    for (const [c, column] of block.columns.entries()) if (!column.format) await setNumberFormat(batch, sheet, block.row + 1 + r, block.col + c, 1, format);
  }
  out.tables.push({ address: `${a1(block.row, block.col)}:${a1(block.row + bodyRows, block.col + width - 1)}`, name: block.name, style: block.style });
}

/** Queues a deferred table over its cells (which hold their formulas by now), under its final name. */
export async function addTable(batch: WriteBatch, sheet: Excel.Worksheet, table: DeferredTable): Promise<void> {
  await batch.reserve(SMALL_OP_BYTES * 3);
  const added = sheet.tables.add(sheet.getRange(table.address), true);
  added.name = table.name;
  added.style = table.style;
}

/**
 * Writes rows of model cells from (row, col) through `formulas`, in blocks
 * that each fit the request budget. Formula cells are left empty here and
 * collected for the commit.
 */
export async function writeRows(
  batch: WriteBatch,
  sheet: Excel.Worksheet,
  row: number,
  col: number,
  cells: readonly (readonly Cell[])[],
  out: RenderedSheet,
): Promise<void> {
  const width = widthOf(cells);
  if (width === 0) return;
  const inputs: CellInput[][] = cells.map((line, r) => {
    const input: CellInput[] = new Array<CellInput>(width).fill(null);
    line.forEach((cell, c) => (input[c] = cellInput(cell, (formula) => out.formulas.push({ row: row + r, col: col + c, formula }))));
    return input;
  });
  const sizes = inputs.map(rowBytes);
  // The first block fills what is left of the request under way, when its first row fits there.
  const room = batch.room - SMALL_OP_BYTES;
  const budget = batch.budget - SMALL_OP_BYTES;
  for (const block of splitRowBlocks(sizes, budget, room >= (sizes[0] ?? 0) ? room : budget)) {
    await batch.reserve(block.bytes + SMALL_OP_BYTES);
    sheet.getRange(`${a1(row + block.start, col)}:${a1(row + block.end - 1, col + width - 1)}`).formulas = inputs.slice(block.start, block.end);
  }
}

/** A model cell as `formulas` input. Links are self-contained formulas and go now; other formulas wait for the commit. */
function cellInput(cell: Cell, defer: (formula: string) => void): CellInput {
  if (cell === null || typeof cell !== 'object') return valueInput(cell);
  if ('formula' in cell) {
    defer(cell.formula);
    return null;
  }
  return `=${hyperlinkFormula(cell.link.sheet, cell.link.cell ?? 'A1', cell.text)}`;
}

function widthOf(cells: readonly (readonly Cell[])[]): number {
  return cells.reduce((w, line) => Math.max(w, line.length), 0);
}

/** One format code for a whole column run; a single value applies to every cell of the range. */
export async function setNumberFormat(batch: WriteBatch, sheet: Excel.Worksheet, row: number, col: number, rows: number, format: NumberFormat): Promise<void> {
  await batch.reserve(SMALL_OP_BYTES);
  const range = sheet.getRange(`${a1(row, col)}:${a1(row + rows - 1, col)}`);
  // The typings only admit a matrix, but Office applies a single value to every cell of the range.
  (range as unknown as { numberFormat: string }).numberFormat = numberFormatCode(format, batch);
}

async function applyLook(batch: WriteBatch, range: Excel.Range, style: TextStyle): Promise<void> {
  const look = TEXT_LOOKS[style];
  await batch.reserve(SMALL_OP_BYTES);
  if (look.bold !== undefined) range.format.font.bold = look.bold;
  if (look.italic !== undefined) range.format.font.italic = look.italic;
  if (look.size !== undefined) range.format.font.size = look.size;
  if (look.color) range.format.font.color = `#${look.color}`;
  if (look.fill) range.format.fill.color = `#${look.fill}`;
}

/** Excel column width in characters → points: 7 px a character plus 5 px padding (Calibri 11), 0.75 pt a pixel. */
export function pointsFromCharacters(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

async function freeze(batch: WriteBatch, sheet: Excel.Worksheet, at: { rows: number; cols: number }): Promise<void> {
  await batch.reserve(SMALL_OP_BYTES);
  if (at.rows > 0 && at.cols > 0) sheet.freezePanes.freezeAt(sheet.getRange(`A1:${columnLetter(at.cols - 1)}${at.rows}`));
  else if (at.rows > 0) sheet.freezePanes.freezeRows(at.rows);
  else if (at.cols > 0) sheet.freezePanes.freezeColumns(at.cols);
}

/** `Worksheet.pageLayout` and `horizontalPageBreaks` (ExcelApi 1.9): the same print setup as the package adapter's. */
async function setUpPrinting(batch: WriteBatch, sheet: Excel.Worksheet, print: PrintSetup): Promise<void> {
  await batch.reserve(SMALL_OP_BYTES);
  const layout = sheet.pageLayout;
  layout.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  // One page wide, as many tall as needed (a blank vertical count).
  if (print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (print.titleRows) layout.setPrintTitleRows(`$${print.titleRows.first + 1}:$${print.titleRows.last + 1}`);
  if (print.footer !== undefined) {
    layout.headersFooters.defaultForAllPages.leftFooter = print.footer.replace(/&/g, '&&');
    layout.headersFooters.defaultForAllPages.rightFooter = '&P / &N';
  }
  for (const row of print.pageBreaks ?? []) {
    if (row <= 0) continue;
    await batch.reserve(SMALL_OP_BYTES);
    sheet.horizontalPageBreaks.add(sheet.getRange(a1(row, 0)));
  }
}

async function addConditionalFormat(batch: WriteBatch, sheet: Excel.Worksheet, cf: ConditionalFormat): Promise<void> {
  await batch.reserve(SMALL_OP_BYTES);
  const range = sheet.getRange(cf.range);
  switch (cf.type) {
    case 'dataBar':
      range.conditionalFormats.add('DataBar').dataBar.positiveFormat.fillColor = `#${DATA_BAR_COLOR}`;
      return;
    case 'colorScale':
      range.conditionalFormats.add('ColorScale').colorScale.criteria = {
        minimum: { type: 'LowestValue', color: `#${colorScaleColors(cf).low}` },
        midpoint: { formula: '50', type: 'Percentile', color: `#${colorScaleColors(cf).mid}` },
        maximum: { type: 'HighestValue', color: `#${colorScaleColors(cf).high}` },
      };
      return;
    case 'expression': {
      // A navigation property written to, never read: nothing to load.
      // eslint-disable-next-line office-addins/load-object-before-read
      const custom = range.conditionalFormats.add('Custom').custom;
      const look = TEXT_LOOKS[cf.style];
      custom.rule.formula = `=${cf.formula}`;
      if (look.color) custom.format.font.color = `#${look.color}`;
      if (look.bold) custom.format.font.bold = true;
      if (look.fill) custom.format.fill.color = `#${look.fill}`;
      return;
    }
  }
}

async function addValidation(batch: WriteBatch, sheet: Excel.Worksheet, dv: DataValidation): Promise<void> {
  await batch.reserve(SMALL_OP_BYTES);
  const rule = dv.rule;
  sheet.getRange(dv.range).dataValidation.rule =
    rule.type === 'list'
      ? { list: { inCellDropDown: true, source: 'values' in rule ? rule.values.join(',') : rule.source.startsWith('=') ? rule.source : `=${rule.source}` } }
      : rule.type === 'wholeNumber'
        ? { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: 'Between' } }
        : { date: { formula1: '1900-01-01', operator: 'GreaterThan' } };
}

const CHART_TYPES = { funnel: 'Funnel', bar: 'BarClustered', line: 'Line', waterfall: 'Waterfall' } as const;

/** One series as Office draws it: a band is two stacked areas, the invisible lower edge and the width. */
interface OfficeSeries {
  name: string;
  values: string;
  area?: 'base' | 'fill';
  color: string;
  dashed?: boolean;
}

function officeSeries(block: ChartBlock): OfficeSeries[] {
  return block.series.flatMap((s, i): OfficeSeries[] => {
    const color = seriesColor(s, i);
    if (block.type === 'line' && s.kind === 'band' && s.lower)
      return [
        { name: s.name, values: s.lower, area: 'base', color },
        { name: s.name, values: s.values, area: 'fill', color },
      ];
    return [{ name: s.name, values: s.values, color, ...(s.dashed ? { dashed: true } : {}) }];
  });
}

/** The chart type to draw a block as: a funnel or a waterfall becomes bars where the host has none of the newer chart types (or refused one). */
export type ChartTypeName = (typeof CHART_TYPES)[keyof typeof CHART_TYPES];

export function chartTypeFor(block: ChartBlock, funnelCharts: boolean): ChartTypeName {
  return (block.type === 'funnel' || block.type === 'waterfall') && !funnelCharts ? CHART_TYPES.bar : CHART_TYPES[block.type];
}

/**
 * Queues a native chart over this sheet's ranges, drawn as `type`
 * (chartTypeFor). Every series gets an explicit colour; a band's two areas
 * are stacked areas (`chartType` per series, ExcelApi 1.7) under the line
 * series, the lower one unfilled and out of the legend (ExcelApi 1.9).
 * Office.js sets no fill transparency, so the band is the colour blended with
 * white as the package writer's alpha shows it.
 */
export function addChart(sheet: Excel.Worksheet, block: ChartBlock, type: ChartTypeName): void {
  const all = officeSeries(block);
  const [first] = all;
  if (!first) return;
  const chart = sheet.charts.add(type, sheet.getRange(first.values), 'Columns');
  chart.name = block.name;
  chart.title.text = block.title;
  chart.setPosition(a1(block.row, block.col), a1(block.row + block.heightRows - 1, block.col + block.widthCols - 1));
  const categories = sheet.getRange(block.categories);
  all.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    if (i === 0) series.name = s.name;
    else series.setValues(sheet.getRange(s.values));
    series.setXAxisValues(categories);
    if (s.area) {
      series.chartType = 'AreaStacked';
      series.format.line.clear();
      if (s.area === 'base') {
        series.format.fill.clear();
        chart.legend.legendEntries.getItemAt(i).visible = false;
      } else series.format.fill.setSolidColor(`#${blendWithWhite(s.color, BAND_OPACITY)}`);
    } else if (block.type === 'line') {
      series.format.line.color = `#${s.color}`;
      if (s.dashed) series.format.line.lineStyle = 'Dash';
    } else series.format.fill.setSolidColor(`#${s.color}`);
  });
}

/** An RGB colour at `opacity` over white, as RGB hex. */
export function blendWithWhite(hex: string, opacity: number): string {
  return [0, 2, 4]
    .map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * opacity + 255 * (1 - opacity)))
    .map((v) => v.toString(16).padStart(2, '0').toUpperCase())
    .join('');
}
