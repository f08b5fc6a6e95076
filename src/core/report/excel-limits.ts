import type { Translate } from '../i18n';
import { a1, sheetRef } from '../util/cell';
import { longestDataText } from './data-sheet';
import type { Block, Cell, DealRows, ReportModel, SheetModel } from './model';
import { withRowsMaterialized } from './table-rows';

/**
 * Excel's specification limits ("Excel specifications and limits",
 * Microsoft Support) that a written cell must keep, or Excel refuses or
 * "repairs" the file: SPEC §6 "Excel's limits hold on write".
 */
export const EXCEL_LIMITS = {
  /** Characters in a cell. */
  cellText: 32_767,
  /** Characters of a formula's contents, its `=` included. */
  formula: 8_192,
  /** Characters of a text value in a formula: a COUNTIFS criterion, a HYPERLINK text. */
  formulaText: 255,
  rows: 1_048_576,
  columns: 16_384,
} as const;

/** What the pass changed, by cell, for the run's warnings and the tab's caption. */
export interface LimitAdjustment {
  sheet: string;
  /** A1 address of the cell (the first cell left out, for `cellsLeftOut`). */
  cell: string;
  kind: 'textCut' | 'formulaAsValue' | 'cellsLeftOut';
  /** For `cellsLeftOut`: how many cells. */
  count?: number;
}

/** `text` cut to Excel's cell limit, never between the two halves of a surrogate pair. */
export function cutText(text: string): string {
  if (text.length <= EXCEL_LIMITS.cellText) return text;
  const end = EXCEL_LIMITS.cellText;
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/** True when Excel can hold this formula (written without its `=`): length, and every text literal in it. */
export function formulaFits(formula: string): boolean {
  if (formula.length + 1 > EXCEL_LIMITS.formula) return false;
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) if (m[1]!.replace(/""/g, '"').length > EXCEL_LIMITS.formulaText) return false;
  return true;
}

/**
 * The model with every cell within Excel's limits (SPEC §6), one pass that
 * serves both adapters: a text over 32,767 characters is cut; a formula
 * that is too long, or holds a text over 255 characters (a COUNTIFS
 * criterion on a long segment name cannot match), becomes its computed
 * value; a link whose text is too long becomes that text; cells beyond row
 * 1,048,576 or column 16,384 are left out. Each change is listed, so the
 * run can say so.
 */
export function fitExcelLimits(model: ReportModel): { model: ReportModel; adjustments: LimitAdjustment[] } {
  const adjustments: LimitAdjustment[] = [];
  const sheets = model.sheets.map((sheet) => fitSheet(sheet, adjustments));
  return { model: { ...model, sheets }, adjustments };
}

function fitSheet(sheet: SheetModel, adjustments: LimitAdjustment[]): SheetModel {
  let changed = false;
  const blocks = sheet.blocks.map((block) => {
    const fitted = fitBlock(block, sheet.name, adjustments);
    if (fitted !== block) changed = true;
    return fitted;
  });
  return changed ? { ...sheet, blocks } : sheet;
}

function fitBlock(block: Block, sheet: string, adjustments: LimitAdjustment[]): Block {
  switch (block.kind) {
    case 'cells': {
      const cells = fitRows(block.cells, block.row, block.col, sheet, adjustments);
      return cells === block.cells ? block : { ...block, cells };
    }
    case 'table': {
      // A body of deals fits when its texts do and Excel has a row for every deal (checked without making the rows); else it is made as cells and fitted as
      // any table.
      if (block.dealRows) return dealRowsFit(block.dealRows, block.row) ? block : fitBlock(withRowsMaterialized(block), sheet, adjustments);
      const rows = fitRows(block.rows, block.row + 1, block.col, sheet, adjustments);
      return rows === block.rows ? block : { ...block, rows };
    }
    case 'notes': {
      const lines = fitRows(block.lines, block.row + 1, block.col, sheet, adjustments);
      return lines === block.lines ? block : { ...block, lines };
    }
    case 'chart':
      return block;
  }
}

function dealRowsFit(body: DealRows, headerRow: number): boolean {
  return headerRow + body.deals.length < EXCEL_LIMITS.rows && longestDataText(body) <= EXCEL_LIMITS.cellText;
}

/** Rows from (top, left), copied only where a cell changes. */
function fitRows<T extends Cell[]>(rows: T[], top: number, left: number, sheet: string, adjustments: LimitAdjustment[]): T[] {
  let out: T[] | null = null;
  const lastRow = EXCEL_LIMITS.rows - 1 - top;
  const width = EXCEL_LIMITS.columns - left;
  let leftOut = 0;
  let firstLeftOut: string | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (r > lastRow) {
      leftOut += row.length;
      firstLeftOut ??= a1(top + r, left);
      continue;
    }
    let fitted: T | null = null;
    const n = Math.min(row.length, width);
    for (let c = 0; c < n; c++) {
      const cell = row[c];
      // The common case, checked without a call: a short text, a number, a boolean, a blank.
      if (typeof cell === 'string' ? cell.length <= EXCEL_LIMITS.cellText : cell === null || typeof cell !== 'object') continue;
      const next = fitCell(cell!, top + r, left + c, sheet, adjustments);
      if (next !== cell) {
        fitted ??= row.slice() as T;
        fitted[c] = next;
      }
    }
    if (row.length > width) {
      leftOut += row.length - width;
      firstLeftOut ??= a1(top + r, left + width);
      fitted ??= row.slice() as T;
      fitted.length = width;
    }
    if (fitted) {
      out ??= rows.slice();
      out[r] = fitted;
    }
  }
  if (rows.length > lastRow + 1) {
    out ??= rows.slice();
    out.length = Math.max(0, lastRow + 1);
  }
  if (leftOut > 0) adjustments.push({ sheet, cell: firstLeftOut!, kind: 'cellsLeftOut', count: leftOut });
  return out ?? rows;
}

function fitCell(cell: Cell, row: number, col: number, sheet: string, adjustments: LimitAdjustment[]): Cell {
  const address = () => a1(row, col);
  if (typeof cell === 'string') {
    if (cell.length <= EXCEL_LIMITS.cellText) return cell;
    adjustments.push({ sheet, cell: address(), kind: 'textCut' });
    return cutText(cell);
  }
  if (cell === null || typeof cell !== 'object') return cell;
  if ('formula' in cell) {
    if (formulaFits(cell.formula)) return cell;
    adjustments.push({ sheet, cell: address(), kind: 'formulaAsValue' });
    return typeof cell.value === 'string' ? cutText(cell.value) : cell.value;
  }
  // A link is a HYPERLINK formula whose texts are literals in it.
  if (cell.text.length <= EXCEL_LIMITS.formulaText && cell.link.sheet.length + (cell.link.cell?.length ?? 2) + 4 <= EXCEL_LIMITS.formulaText) return cell;
  adjustments.push({ sheet, cell: address(), kind: 'formulaAsValue' });
  return cutText(cell.text);
}

/** `'Report 2026-01'!B45, C45 and 3 more`: the first cells of a list, by sheet. */
export function cellList(adjustments: readonly LimitAdjustment[], tr: Translate, shown = 5): string {
  const parts = adjustments.slice(0, shown).map((a, i) => (i > 0 && adjustments[i - 1]!.sheet === a.sheet ? a.cell : `${sheetRef(a.sheet)}!${a.cell}`));
  const more = adjustments.length - shown;
  return more > 0 ? tr('limits.andMore', { cells: parts.join(', '), count: more }) : parts.join(', ');
}

/**
 * Says on each tab where figures became values (SPEC §6 "the report says
 * so"): a sentence after the tab's caption, the first muted line under
 * its title.
 */
export function withLimitNotes(model: ReportModel, adjustments: readonly LimitAdjustment[], tr: Translate): ReportModel {
  const sheets = model.sheets.map((sheet) => {
    const values = adjustments.filter((a) => a.sheet === sheet.name && a.kind === 'formulaAsValue');
    const caption = sheet.blocks.findIndex((b) => b.kind === 'cells' && b.style === 'muted' && typeof b.cells[0]?.[0] === 'string');
    if (values.length === 0 || caption < 0) return sheet;
    const block = sheet.blocks[caption] as Extract<Block, { kind: 'cells' }>;
    const text = cutText(
      `${block.cells[0]![0] as string} ${tr('limits.valuesOnTab', {
        count: values.length,
        cells:
          values
            .slice(0, 5)
            .map((a) => a.cell)
            .join(', ') + (values.length > 5 ? ', …' : ''),
      })}`,
    );
    const blocks = sheet.blocks.slice();
    blocks[caption] = { ...block, cells: [[text, ...block.cells[0]!.slice(1)], ...block.cells.slice(1)] };
    return { ...sheet, blocks };
  });
  return { ...model, sheets };
}

/** The run's warnings for what the pass changed, one per kind. */
export function limitWarnings(adjustments: readonly LimitAdjustment[], tr: Translate): string[] {
  const of = (kind: LimitAdjustment['kind']) => adjustments.filter((a) => a.kind === kind);
  const out: string[] = [];
  if (of('textCut').length > 0) out.push(tr('warning.limits.textCut', { cells: cellList(of('textCut'), tr) }));
  if (of('formulaAsValue').length > 0) out.push(tr('warning.limits.formulaAsValue', { cells: cellList(of('formulaAsValue'), tr) }));
  for (const a of of('cellsLeftOut')) out.push(tr('warning.limits.cellsLeftOut', { count: a.count ?? 0, sheet: a.sheet, cell: a.cell }));
  return out;
}
