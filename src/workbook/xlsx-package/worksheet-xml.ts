import type { Cell, ConditionalFormat, DataValidation, PrintSetup, SheetModel } from '../../core/report/model';
import { cutText, formulaFits } from '../../core/report/excel-limits';
import { hyperlinkFormula } from '../../core/report/formulas';
import { a1, columnLetter } from '../../core/util/cell';
import { colorScaleColors, DATA_BAR_COLOR } from '../text-styles';
import { withFutureFunctionPrefix } from './future-functions';
import { type CarriedNotes, hyperlinksXml, mergeCellsXml } from './notes-region';
import { eachGridRow, gridExtent, type SheetGrid } from './sheet-grid';
import type { StyleBook } from './style-book';
import { escapeAttr, escapeOoxmlLiterals, escapeText } from './xml-text';
import { bytesOf, XmlWriter } from './xml-writer';

export interface WorksheetParts {
  /** Relationship id of the sheet's drawing, when it has charts. */
  drawingRelId?: string;
  /** Relationship ids of its table parts, in order. */
  tableRelIds: string[];
  tabSelected: boolean;
  /** The Notes rows carried from the previous version of the tab, written after the grid's rows, and their links' relationship ids. */
  notes?: CarriedNotes | null;
  linkRelIds?: readonly (string | undefined)[];
}

/**
 * A worksheet part (ECMA-376 Part 1 §18.3.1.99) for a sheet the add-in owns,
 * its children in the schema's order, handed to `sink` as UTF-8 in blocks
 * of about 1 MB while it is generated: a million-row sheet is more XML than
 * V8 can hold in one string (~512 MB), and the sink (a deflater) keeps only
 * the compressed bytes. Text is always an inline string (`t="inlineStr"`):
 * it can never be read as a formula, and the shared string table, which
 * the user's sheets use, stays untouched.
 */
export function writeWorksheetXml(model: SheetModel, grid: SheetGrid, styles: StyleBook, parts: WorksheetParts, sink: (bytes: Uint8Array) => void): void {
  const out = new XmlWriter(sink);
  out.raw(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' +
      'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  out.raw(sheetProperties(model));
  out.raw(`<dimension ref="${dimension(grid, parts.notes)}"/>`);
  out.raw(sheetViews(model, parts.tabSelected));
  out.raw('<sheetFormatPr defaultRowHeight="15"/>');
  out.raw(cols(model));
  out.raw('<sheetData>');
  const cells = new CellWriter(out);
  eachGridRow(grid, {
    row: (r) => {
      out.raw('<row r="');
      out.int(r + 1);
      out.raw('">');
      cells.startRow(r + 1);
    },
    cell: (c, value, style) => cells.write(c, value, style),
    endRow: () => out.raw('</row>'),
  });
  // Below the Notes heading, the last row the grid writes: rows stay in ascending order.
  if (parts.notes) out.raw(parts.notes.rowsXml);
  out.raw('</sheetData>');
  out.raw(mergeCellsXml(parts.notes));
  (model.conditionalFormats ?? []).forEach((cf, i) => out.raw(conditionalFormatXml(cf, i + 1, styles)));
  if (model.validations?.length)
    out.raw(`<dataValidations count="${model.validations.length}">${model.validations.map(validationXml).join('')}</dataValidations>`);
  out.raw(hyperlinksXml(parts.notes, parts.linkRelIds ?? []));
  out.raw('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.raw(printXml(model.print));
  if (parts.drawingRelId) out.raw(`<drawing r:id="${parts.drawingRelId}"/>`);
  if (parts.tableRelIds.length)
    out.raw(`<tableParts count="${parts.tableRelIds.length}">${parts.tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);
  out.raw('</worksheet>');
  out.flush();
}

/** The whole part at once (small sheets, tests). */
export function worksheetXml(model: SheetModel, grid: SheetGrid, styles: StyleBook, parts: WorksheetParts): Uint8Array {
  const blocks: Uint8Array[] = [];
  writeWorksheetXml(model, grid, styles, parts, (b) => blocks.push(b));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Texts up to this long are remembered as their encoded cell (a data sheet's statuses, owners, channels, regions…). */
const CACHED_TEXT_LENGTH = 64;
/** A column past this many distinct texts (IDs, accounts) stops remembering them. */
const CACHED_TEXTS_PER_COLUMN = 256;

/**
 * The `<c>` elements of a sheet straight into bytes: the same XML as
 * `cellXml` for plain values (the bulk of a data sheet), `cellXml` itself
 * for formulas and links. Per cell, its start (column letters, the row's
 * digits, the style attribute) goes in one copy, and a text a column
 * repeats is copied as the bytes it was encoded to the first time.
 */
class CellWriter {
  private row = 0;
  private readonly digits = new Uint8Array(16);
  private digitCount = 0;
  /** By column: text → its encoded `t="inlineStr">…</c>` tail; null once the column has too many distinct texts. */
  private readonly texts: (Map<string, Uint8Array> | null | undefined)[] = [];

  constructor(private readonly out: XmlWriter) {}

  startRow(row: number): void {
    this.row = row;
    const text = String(row);
    for (let k = 0; k < text.length; k++) this.digits[k] = text.charCodeAt(k);
    this.digitCount = text.length;
  }

  write(col: number, value: Cell, style: number): void {
    const out = this.out;
    if (value !== null && typeof value === 'object') {
      out.raw(cellXml(columnLetters(col) + this.row, value, style));
      return;
    }
    out.joined(cellStart(col), this.digits, this.digitCount, styleAttribute(style));
    switch (typeof value) {
      case 'string':
        this.text(col, value);
        return;
      case 'number':
        if (!Number.isFinite(value)) break;
        out.bytes(NUMBER);
        if (Number.isInteger(value) && value >= 0) out.int(value);
        else out.raw(String(value));
        out.bytes(NUMBER_END);
        return;
      case 'boolean':
        out.bytes(value ? TRUE : FALSE);
        return;
    }
    // A blank (styled) cell; NaN and ±Infinity have no cell form and are written blank.
    out.bytes(EMPTY_END);
  }

  private text(col: number, value: string): void {
    let cache = value.length <= CACHED_TEXT_LENGTH ? this.texts[col] : null;
    if (cache === undefined) cache = this.texts[col] = new Map();
    if (cache === null) {
      writeTextTail(this.out, value);
      return;
    }
    const known = cache.get(value);
    if (known !== undefined) {
      this.out.bytes(known);
      return;
    }
    const mark = this.out.mark();
    writeTextTail(this.out, value);
    const bytes = this.out.copySince(mark);
    if (cache.size >= CACHED_TEXTS_PER_COLUMN) this.texts[col] = null;
    else if (bytes) cache.set(value, bytes);
  }
}

/** A text cell after its start: the inline string, cut to Excel's limit (core/report/excel-limits.ts cuts first; this is the writer's own guard). */
function writeTextTail(out: XmlWriter, value: string): void {
  const text = cutText(value);
  out.bytes(needsPreserve(text) ? INLINE_PRESERVED : INLINE);
  out.text(escapeOoxmlLiterals(text));
  out.bytes(INLINE_END);
}

const STYLE_ATTRIBUTES: Uint8Array[] = [];
/** `" s="N` for style N (none for 0), prepared once per style. */
function styleAttribute(style: number): Uint8Array {
  return (STYLE_ATTRIBUTES[style] ??= style ? bytesOf(`" s="${style}`) : new Uint8Array(0));
}

const CELL_STARTS: Uint8Array[] = [];
/** `<c r="` and the column letters, prepared once per column. */
function cellStart(col: number): Uint8Array {
  return (CELL_STARTS[col] ??= bytesOf(`<c r="${columnLetter(col)}`));
}
const INLINE = bytesOf('" t="inlineStr"><is><t>');
const INLINE_PRESERVED = bytesOf('" t="inlineStr"><is><t xml:space="preserve">');
const INLINE_END = bytesOf('</t></is></c>');
const NUMBER = bytesOf('"><v>');
const NUMBER_END = bytesOf('</v></c>');
const TRUE = bytesOf('" t="b"><v>1</v></c>');
const FALSE = bytesOf('" t="b"><v>0</v></c>');
const EMPTY_END = bytesOf('"/>');

/**
 * Leading or trailing white space or a line break: the text needs
 * `xml:space="preserve"`. The same as `/^\s|\s$|[\t\n\r]/.test(text)`
 * without the regular expression, run on every text cell of a data sheet:
 * the first and last characters against JavaScript's `\s`, every other one
 * against tab, LF and CR.
 */
export function needsPreserve(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  if (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(n - 1))) return true;
  for (let i = 1; i < n - 1; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x0d && (c === 0x09 || c === 0x0a || c === 0x0d)) return true;
  }
  return false;
}

/** JavaScript's `\s`: ECMAScript WhiteSpace and LineTerminator. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const LETTERS: string[] = [];

/** Column letters, cached: the big sheets have few columns and many rows. */
function columnLetters(col: number): string {
  return (LETTERS[col] ??= columnLetter(col));
}

function dimension(grid: SheetGrid, notes: CarriedNotes | null | undefined): string {
  const extent = gridExtent(grid);
  const bottom = Math.max(extent.bottom, notes?.bottom ?? 0);
  const right = Math.max(extent.right, notes?.right ?? 0);
  return bottom === 0 && right <= 0 ? 'A1' : `A1:${a1(bottom, Math.max(right, 0))}`;
}

/** `<sheetPr><pageSetUpPr fitToPage>` (§18.3.1.65): without it Excel ignores `fitToWidth`. */
function sheetProperties(model: SheetModel): string {
  return model.print?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
}

/**
 * `pageSetup`, `headerFooter` and `rowBreaks` (§18.3.1.63, .46, .74), in
 * the schema's order after `pageMargins`. One page wide: `fitToHeight="0"`
 * lets the pages run as long as they need. The print titles are a defined
 * name in workbook.xml (workbook-xml.ts `withPrintTitles`).
 */
export function printXml(print: PrintSetup | undefined): string {
  if (!print) return '';
  const fit = print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
  let xml = `<pageSetup orientation="${print.orientation}"${fit}/>`;
  // `&` starts a code in a header/footer (§18.3.1.41): a literal one is `&&`.
  if (print.footer !== undefined) xml += `<headerFooter><oddFooter>${escapeText(`&L${print.footer.replace(/&/g, '&&')}&R&P / &N`)}</oddFooter></headerFooter>`;
  const breaks = [...new Set(print.pageBreaks ?? [])].filter((r) => r > 0).sort((x, y) => x - y);
  // A break's id is the last row (1-based) of the page before it.
  if (breaks.length > 0)
    xml +=
      `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">` +
      `${breaks.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>`;
  return xml;
}

function sheetViews(model: SheetModel, tabSelected: boolean): string {
  const selected = tabSelected ? ' tabSelected="1"' : '';
  const rows = model.freeze?.rows ?? 0;
  const cols = model.freeze?.cols ?? 0;
  if (rows <= 0 && cols <= 0) return `<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`;
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  return (
    `<sheetViews><sheetView${selected} workbookViewId="0"><pane${split} topLeftCell="${a1(rows, cols)}" ` +
    `activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function cols(model: SheetModel): string {
  const widths = Object.entries(model.columnWidths ?? {})
    .map(([c, w]) => [Number(c), w] as const)
    .filter(([c, w]) => Number.isInteger(c) && c >= 0 && Number.isFinite(w) && w > 0)
    .sort((x, y) => x[0] - y[0]);
  if (widths.length === 0) return '';
  return `<cols>${widths.map(([c, w]) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
}

/** One `<c>`; a string is always an inline string, so `=1+1` stays the text `=1+1`. */
export function cellXml(ref: string, value: Cell, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null) return `<c r="${ref}"${s}/>`;
  switch (typeof value) {
    case 'string':
      return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(cutText(value))}</is></c>`;
    case 'number':
      // NaN and ±Infinity have no cell form; they are written as blanks.
      return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s}/>`;
    case 'boolean':
      return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  }
  if ('formula' in value) return formulaCellXml(ref, style, value.formula, value.value);
  return formulaCellXml(ref, style, hyperlinkFormula(value.link.sheet, value.link.cell ?? 'A1', value.text), value.text);
}

function formulaCellXml(ref: string, style: number, formula: string, cached: number | string | null): string {
  const text = withFutureFunctionPrefix(formula.replace(/^=/, ''));
  // A formula Excel cannot hold is written as its value (the model pass says so; this never writes one Excel refuses).
  if (!formulaFits(text)) return cellXml(ref, cached, style);
  const s = style ? ` s="${style}"` : '';
  const f = `<f>${escapeText(text)}</f>`;
  if (cached === null || (typeof cached === 'number' && !Number.isFinite(cached))) return `<c r="${ref}"${s}>${f}</c>`;
  if (typeof cached === 'number') return `<c r="${ref}"${s}>${f}<v>${cached}</v></c>`;
  return `<c r="${ref}"${s} t="str">${f}<v>${escapeText(cached)}</v></c>`;
}

/** `<t>`, keeping leading and trailing spaces and line breaks (`xml:space="preserve"`). */
export function textElement(text: string): string {
  const preserve = needsPreserve(text) ? ' xml:space="preserve"' : '';
  // A CR would be normalised to LF by any XML reader; as a reference it survives.
  return `<t${preserve}>${escapeText(escapeOoxmlLiterals(text)).replace(/\r/g, '&#13;')}</t>`;
}

/** Ranges in `sqref` are space-separated (§18.18.76); the model may use commas. */
function sqref(range: string): string {
  return escapeAttr(
    range
      .replace(/\$/g, '')
      .split(/[,\s]+/)
      .filter(Boolean)
      .join(' '),
  );
}

function conditionalFormatXml(cf: ConditionalFormat, priority: number, styles: StyleBook): string {
  let rule: string;
  switch (cf.type) {
    case 'dataBar':
      rule =
        `<cfRule type="dataBar" priority="${priority}"><dataBar minLength="0" maxLength="100"><cfvo type="num" ` +
        `val="0"/><cfvo type="num" val="1"/><color rgb="FF${DATA_BAR_COLOR}"/></dataBar></cfRule>`;
      break;
    case 'colorScale':
      rule =
        `<cfRule type="colorScale" priority="${priority}"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>` +
        `<color rgb="FF${colorScaleColors(cf).low}"/><color rgb="FF${colorScaleColors(cf).mid}"/>` +
        `<color rgb="FF${colorScaleColors(cf).high}"/></colorScale></cfRule>`;
      break;
    case 'expression':
      rule =
        `<cfRule type="expression" dxfId="${styles.dxf(cf.style)}" priority="${priority}">` +
        `<formula>${escapeText(withFutureFunctionPrefix(cf.formula.replace(/^=/, '')))}</formula></cfRule>`;
      break;
  }
  return `<conditionalFormatting sqref="${sqref(cf.range)}">${rule}</conditionalFormatting>`;
}

function validationXml(dv: DataValidation): string {
  const rule = dv.rule;
  const ref = `sqref="${sqref(dv.range)}"`;
  if (rule.type === 'list') {
    const formula = 'values' in rule ? `"${rule.values.map((v) => v.replace(/"/g, '""')).join(',')}"` : rule.source.replace(/^=/, '');
    return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" ${ref}><formula1>${escapeText(formula)}</formula1></dataValidation>`;
  }
  if (rule.type === 'wholeNumber') {
    return (
      `<dataValidation type="whole" operator="between" allowBlank="1" showErrorMessage="1" ${ref}>` +
      `<formula1>${rule.min}</formula1><formula2>${rule.max}</formula2></dataValidation>`
    );
  }
  // Any date from 1900-01-01 (serial 1).
  return `<dataValidation type="date" operator="greaterThan" allowBlank="1" showErrorMessage="1" ${ref}><formula1>1</formula1></dataValidation>`;
}
