import ExcelJS from 'exceljs';
import type { Block, Cell, ConditionalFormat, DataValidation, ReportModel, SheetModel } from '../../core/report/model';
import { NUMBER_FORMAT_CODES } from '../../core/report/model';
import { parseSettings, type WorkbookSettings } from '../../core/settings';
import type { CellValue, SheetValues } from '../../core/util/cell';
import { serialFromDate } from '../../core/util/dates';
import { SETTINGS_SHEET, type SheetInfo, WorkbookError, type WorkbookPort } from '../port';
import { colorScaleColors, DATA_BAR_COLOR, TEXT_LOOKS } from '../text-styles';
import { withFutureFunctionPrefix } from './future-functions';

/** Excel caps a cell at 32,767 characters; settings JSON is split across rows below that. */
const SETTINGS_CHUNK = 30_000;

/**
 * The `.xlsx` adapter: a workbook held in memory (ExcelJS), read from and
 * written to bytes. The CLI adds atomic file I/O (file.ts); the browser mode
 * uses the bytes directly.
 */
export class XlsxWorkbook implements WorkbookPort {
  private constructor(readonly workbook: ExcelJS.Workbook) {}

  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  /** Opens .xlsx bytes; refuses what is not one with a `WorkbookError` the user can act on. */
  static async fromBytes(bytes: Uint8Array): Promise<XlsxWorkbook> {
    if (isOleCompoundFile(bytes)) throw new WorkbookError('passwordProtected', 'The file is password-protected or an old binary .xls workbook; save it as an unprotected .xlsx first.');
    if (!isZip(bytes)) throw new WorkbookError('notAWorkbook', 'The file is not an .xlsx workbook.');
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      throw new WorkbookError('notAWorkbook', `The file could not be read as an .xlsx workbook (${(e as Error).message}).`);
    }
    return new XlsxWorkbook(workbook);
  }

  async toBytes(): Promise<Uint8Array> {
    const buffer = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buffer as ArrayBuffer);
  }

  /** Adds a sheet of plain values (used for CSV input and the sample). */
  addValuesSheet(name: string, values: SheetValues, options: { dateColumns?: number[]; widths?: number[] } = {}): void {
    const ws = this.workbook.addWorksheet(name);
    for (const row of values) ws.addRow(row.map((v) => (v === null ? null : v)));
    options.dateColumns?.forEach((c) => (ws.getColumn(c + 1).numFmt = NUMBER_FORMAT_CODES.date));
    options.widths?.forEach((w, c) => (ws.getColumn(c + 1).width = w));
    if (values.length > 0) ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.workbook.worksheets.filter((ws) => ws.name !== SETTINGS_SHEET).map((ws) => ({ name: ws.name, visible: ws.state === 'visible' }));
  }

  async activeSheet(): Promise<string | null> {
    const views = this.workbook.views as { activeTab?: number }[] | undefined;
    const index = views?.[0]?.activeTab ?? 0;
    return this.workbook.worksheets[index]?.name ?? this.workbook.worksheets[0]?.name ?? null;
  }

  async readSheet(name: string): Promise<SheetValues> {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new WorkbookError('sheetNotFound', `There is no sheet named "${name}".`);
    const out: SheetValues = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      while (out.length < rowNumber - 1) out.push([]);
      const values: CellValue[] = new Array<CellValue>(width).fill(null);
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        values[colNumber - 1] = toCellValue(cell.value);
      });
      out.push(values);
    });
    return out;
  }

  async applyReport(model: ReportModel): Promise<void> {
    for (const sheet of model.sheets) this.replaceSheet(sheet);
    if (model.activate) this.activate(model.activate);
  }

  async readSettings(): Promise<WorkbookSettings> {
    const ws = this.workbook.getWorksheet(SETTINGS_SHEET);
    if (!ws) return parseSettings(null);
    let json = '';
    ws.getColumn(1).eachCell((cell) => {
      if (typeof cell.value === 'string') json += cell.value;
    });
    return parseSettings(json);
  }

  async writeSettings(settings: WorkbookSettings): Promise<void> {
    const existing = this.workbook.getWorksheet(SETTINGS_SHEET);
    if (existing) this.workbook.removeWorksheet(existing.id);
    const ws = this.workbook.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
    const json = JSON.stringify(settings);
    for (let i = 0; i * SETTINGS_CHUNK < json.length || i === 0; i++) ws.getCell(i + 1, 1).value = json.slice(i * SETTINGS_CHUNK, (i + 1) * SETTINGS_CHUNK);
  }

  async selectCell(sheet: string, _address: string): Promise<void> {
    this.activate(sheet);
  }

  private activate(name: string): void {
    const index = this.workbook.worksheets.findIndex((ws) => ws.name === name);
    if (index < 0) return;
    this.workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: 'visible' }];
  }

  /** Replaces a sheet whole, keeping its place among the tabs. */
  private replaceSheet(model: SheetModel): void {
    const old = this.workbook.getWorksheet(model.name);
    const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
    if (old) this.workbook.removeWorksheet(old.id);
    const ws = this.workbook.addWorksheet(model.name, { state: model.hidden ? 'hidden' : 'visible' });
    if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
    renderSheet(ws, model);
  }
}

function renderSheet(ws: ExcelJS.Worksheet, model: SheetModel): void {
  for (const block of model.blocks) renderBlock(ws, block);
  for (const [col, width] of Object.entries(model.columnWidths ?? {})) ws.getColumn(Number(col) + 1).width = width;
  if (model.freeze) ws.views = [{ state: 'frozen', xSplit: model.freeze.cols, ySplit: model.freeze.rows }];
  for (const cf of model.conditionalFormats ?? []) ws.addConditionalFormatting(conditionalFormat(cf));
  for (const dv of model.validations ?? []) addValidation(ws, dv);
}

function renderBlock(ws: ExcelJS.Worksheet, block: Block): void {
  switch (block.kind) {
    case 'cells':
      block.cells.forEach((row, r) =>
        row.forEach((value, c) => {
          const cell = ws.getCell(block.row + r + 1, block.col + c + 1);
          cell.value = toExcelValue(value);
          const format = block.formats?.[c];
          if (format) cell.numFmt = NUMBER_FORMAT_CODES[format];
          if (block.style) applyLook(cell, block.style);
        }),
      );
      return;
    case 'table':
      renderTable(ws, block);
      return;
    case 'notes': {
      const heading = ws.getCell(block.row + 1, block.col + 1);
      heading.value = block.heading;
      applyLook(heading, 'heading');
      block.lines.forEach((line, r) => line.forEach((value, c) => (ws.getCell(block.row + r + 2, block.col + c + 1).value = toExcelValue(value))));
      return;
    }
    case 'chart':
      // ExcelJS writes no chart parts; charts in .xlsx files come with the monthly-tab issue.
      return;
  }
}

function renderTable(ws: ExcelJS.Worksheet, block: Extract<Block, { kind: 'table' }>): void {
  const ref = ws.getCell(block.row + 1, block.col + 1).address;
  ws.addTable({
    name: block.name,
    ref,
    headerRow: true,
    style: { theme: block.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
    columns: block.columns.map((c) => ({ name: c.header, filterButton: true })),
    // An empty table still needs one body row in OOXML.
    rows: block.rows.length > 0 ? block.rows.map((row) => row.map(toExcelValue)) : [block.columns.map(() => null)],
  });
  block.columns.forEach((column, c) => {
    for (let r = 0; r < block.rows.length; r++) {
      const format = column.format ?? block.rowFormats?.[r];
      if (format) ws.getCell(block.row + r + 2, block.col + c + 1).numFmt = NUMBER_FORMAT_CODES[format];
    }
  });
}

/** Model cell → ExcelJS value. Strings stay strings: ExcelJS never turns text into a formula. */
function toExcelValue(value: Cell): ExcelJS.CellValue {
  if (value === null || typeof value !== 'object') return value;
  if ('formula' in value) return { formula: withFutureFunctionPrefix(value.formula), result: value.value ?? undefined } as ExcelJS.CellFormulaValue;
  const target = `#${quoteSheet(value.link.sheet)}!${value.link.cell ?? 'A1'}`;
  return { formula: `HYPERLINK("${target.replace(/"/g, '""')}","${value.text.replace(/"/g, '""')}")`, result: value.text } as ExcelJS.CellFormulaValue;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** ExcelJS value → core cell value: dates as serials, formulas as their cached results. */
function toCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return serialFromDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return toCellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return null;
  }
  return null;
}

function applyLook(cell: ExcelJS.Cell, style: keyof typeof TEXT_LOOKS): void {
  const look = TEXT_LOOKS[style];
  cell.font = { bold: look.bold, italic: look.italic, size: look.size, color: look.color ? { argb: `FF${look.color}` } : undefined };
  if (look.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${look.fill}` } };
}

function conditionalFormat(cf: ConditionalFormat): ExcelJS.ConditionalFormattingOptions {
  switch (cf.type) {
    case 'dataBar':
      return {
        ref: cf.range,
        rules: [{ type: 'dataBar', priority: 1, minLength: 0, maxLength: 100, gradient: true, border: false, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }], color: { argb: `FF${DATA_BAR_COLOR}` } } as unknown as ExcelJS.ConditionalFormattingRule],
      };
    case 'colorScale':
      return {
        ref: cf.range,
        rules: [
          {
            type: 'colorScale',
            priority: 1,
            cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
            color: [{ argb: `FF${colorScaleColors(cf).low}` }, { argb: `FF${colorScaleColors(cf).mid}` }, { argb: `FF${colorScaleColors(cf).high}` }],
          } as ExcelJS.ConditionalFormattingRule,
        ],
      };
    case 'expression': {
      const look = TEXT_LOOKS[cf.style];
      return {
        ref: cf.range,
        rules: [
          {
            type: 'expression',
            priority: 1,
            formulae: [withFutureFunctionPrefix(cf.formula)],
            style: {
              font: { color: look.color ? { argb: `FF${look.color}` } : undefined, bold: look.bold },
              fill: look.fill ? { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${look.fill}` } } : undefined,
            },
          } as ExcelJS.ConditionalFormattingRule,
        ],
      };
    }
  }
}

function addValidation(ws: ExcelJS.Worksheet, dv: DataValidation): void {
  const rule = dv.rule;
  const validation: ExcelJS.DataValidation =
    rule.type === 'list'
      ? { type: 'list', allowBlank: true, formulae: ['values' in rule ? `"${rule.values.join(',')}"` : rule.source], showErrorMessage: true }
      : rule.type === 'wholeNumber'
        ? { type: 'whole', operator: 'between', allowBlank: true, formulae: [rule.min, rule.max], showErrorMessage: true }
        : { type: 'date', operator: 'greaterThan', allowBlank: true, formulae: [new Date(Date.UTC(1900, 0, 1))], showErrorMessage: true };
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(dv.range, validation);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function isOleCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}
