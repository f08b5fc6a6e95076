import type { Cell, ConditionalFormat, DataValidation, SheetModel } from '../../core/report/model';
import { a1 } from '../../core/util/cell';
import { COLOR_SCALE, DATA_BAR_COLOR } from '../text-styles';
import { withFutureFunctionPrefix } from '../xlsx/future-functions';
import type { SheetGrid } from './sheet-grid';
import type { StyleBook } from './style-book';
import { escapeAttr, escapeText } from './xml-text';

export interface WorksheetParts {
  /** Relationship id of the sheet's drawing, when it has charts. */
  drawingRelId?: string;
  /** Relationship ids of its table parts, in order. */
  tableRelIds: string[];
  tabSelected: boolean;
}

/**
 * A worksheet part (ECMA-376 Part 1 §18.3.1.99) for a sheet the add-in owns,
 * its children in the schema's order. Text is always an inline string
 * (`t="inlineStr"`): it can never be read as a formula, and the shared
 * string table, which the user's sheets use, stays untouched.
 */
export function worksheetXml(model: SheetModel, grid: SheetGrid, styles: StyleBook, parts: WorksheetParts): Uint8Array {
  const out = new ChunkedText();
  out.push(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    `<dimension ref="${dimension(grid)}"/>`,
    sheetViews(model, parts.tabSelected),
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols(model),
  );
  out.push('<sheetData>');
  grid.rows.forEach((row, r) => {
    let xml = `<row r="${r + 1}">`;
    row.forEach((cell, c) => (xml += cellXml(a1(r, c), cell.value, cell.style)));
    out.push(`${xml}</row>`);
  });
  out.push('</sheetData>');
  (model.conditionalFormats ?? []).forEach((cf, i) => out.push(conditionalFormatXml(cf, i + 1, styles)));
  if (model.validations?.length) out.push(`<dataValidations count="${model.validations.length}">${model.validations.map(validationXml).join('')}</dataValidations>`);
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (parts.drawingRelId) out.push(`<drawing r:id="${parts.drawingRelId}"/>`);
  if (parts.tableRelIds.length) out.push(`<tableParts count="${parts.tableRelIds.length}">${parts.tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);
  out.push('</worksheet>');
  return out.bytes();
}

/**
 * Text gathered as UTF-8 in blocks of about 1 MB: a million-row sheet is
 * more XML than V8 can hold in one string (~512 MB), but fits in bytes.
 */
class ChunkedText {
  private static readonly encoder = new TextEncoder();
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly blocks: Uint8Array[] = [];

  push(...parts: string[]): void {
    for (const p of parts) {
      this.pending.push(p);
      this.pendingLength += p.length;
    }
    if (this.pendingLength > 1 << 20) this.flush();
  }

  bytes(): Uint8Array {
    this.flush();
    if (this.blocks.length === 1) return this.blocks[0]!;
    const out = new Uint8Array(this.blocks.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of this.blocks) {
      out.set(b, at);
      at += b.length;
    }
    return out;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(ChunkedText.encoder.encode(this.pending.join('')));
    this.pending = [];
    this.pendingLength = 0;
  }
}

function dimension(grid: SheetGrid): string {
  let bottom = 0;
  let right = 0;
  grid.rows.forEach((row, r) => {
    bottom = r;
    right = Math.max(right, row.length - 1);
  });
  return bottom === 0 && right <= 0 ? 'A1' : `A1:${a1(bottom, Math.max(right, 0))}`;
}

function sheetViews(model: SheetModel, tabSelected: boolean): string {
  const selected = tabSelected ? ' tabSelected="1"' : '';
  const rows = model.freeze?.rows ?? 0;
  const cols = model.freeze?.cols ?? 0;
  if (rows <= 0 && cols <= 0) return `<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`;
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  return `<sheetViews><sheetView${selected} workbookViewId="0"><pane${split} topLeftCell="${a1(rows, cols)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView></sheetViews>`;
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
      return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(value)}</is></c>`;
    case 'number':
      // NaN and ±Infinity have no cell form; they are written as blanks.
      return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : `<c r="${ref}"${s}/>`;
    case 'boolean':
      return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  }
  if ('formula' in value) return formulaCellXml(ref, s, value.formula, value.value);
  return formulaCellXml(ref, s, hyperlinkFormula(value.link.sheet, value.link.cell ?? 'A1', value.text), value.text);
}

function formulaCellXml(ref: string, s: string, formula: string, cached: number | string | null): string {
  const f = `<f>${escapeText(withFutureFunctionPrefix(formula.replace(/^=/, '')))}</f>`;
  if (cached === null || (typeof cached === 'number' && !Number.isFinite(cached))) return `<c r="${ref}"${s}>${f}</c>`;
  if (typeof cached === 'number') return `<c r="${ref}"${s}>${f}<v>${cached}</v></c>`;
  return `<c r="${ref}"${s} t="str">${f}<v>${escapeText(cached)}</v></c>`;
}

/** An internal link as the ExcelJS adapter writes it: `HYPERLINK("#'Sheet'!A1","text")`. */
function hyperlinkFormula(sheet: string, cell: string, text: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  return `HYPERLINK("${target.replace(/"/g, '""')}","${text.replace(/"/g, '""')}")`;
}

/** `<t>`, keeping leading and trailing spaces and line breaks (`xml:space="preserve"`). */
export function textElement(text: string): string {
  const preserve = /^\s|\s$|[\t\n\r]/.test(text) ? ' xml:space="preserve"' : '';
  // A CR would be normalised to LF by any XML reader; as a reference it survives.
  return `<t${preserve}>${escapeText(text).replace(/\r/g, '&#13;')}</t>`;
}

/** Ranges in `sqref` are space-separated (§18.18.76); the model may use commas. */
function sqref(range: string): string {
  return escapeAttr(range.replace(/\$/g, '').split(/[,\s]+/).filter(Boolean).join(' '));
}

function conditionalFormatXml(cf: ConditionalFormat, priority: number, styles: StyleBook): string {
  let rule: string;
  switch (cf.type) {
    case 'dataBar':
      rule = `<cfRule type="dataBar" priority="${priority}"><dataBar minLength="0" maxLength="100"><cfvo type="num" val="0"/><cfvo type="num" val="1"/><color rgb="FF${DATA_BAR_COLOR}"/></dataBar></cfRule>`;
      break;
    case 'colorScale':
      rule =
        `<cfRule type="colorScale" priority="${priority}"><colorScale><cfvo type="min"/><cfvo type="percentile" val="50"/><cfvo type="max"/>` +
        `<color rgb="FF${COLOR_SCALE.low}"/><color rgb="FF${COLOR_SCALE.mid}"/><color rgb="FF${COLOR_SCALE.high}"/></colorScale></cfRule>`;
      break;
    case 'expression':
      rule = `<cfRule type="expression" dxfId="${styles.dxf(cf.style)}" priority="${priority}"><formula>${escapeText(withFutureFunctionPrefix(cf.formula.replace(/^=/, '')))}</formula></cfRule>`;
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
    return `<dataValidation type="whole" operator="between" allowBlank="1" showErrorMessage="1" ${ref}><formula1>${rule.min}</formula1><formula2>${rule.max}</formula2></dataValidation>`;
  }
  // Any date from 1900-01-01 (serial 1), as the ExcelJS adapter writes it.
  return `<dataValidation type="date" operator="greaterThan" allowBlank="1" showErrorMessage="1" ${ref}><formula1>1</formula1></dataValidation>`;
}
