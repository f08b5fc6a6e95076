import type { CellValue } from '../../../src/core/util/cell';
import { FAKE_CODES, FakeOfficeError } from './errors';
import { formatRect, overlaps, type Rect } from './address';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  fill?: string;
}

export interface FakeCell {
  /** What `values` reads: text, number, boolean; `''` when empty. The fake does not calculate: a formula cell reads `''`. */
  value: CellValue;
  /** Formula text without the leading `=`. */
  formula?: string;
  numberFormat: string;
  /** The cell was typed with a leading apostrophe (Excel's quotePrefix). */
  quotePrefix?: boolean;
  look?: CellLook;
}

export interface FakeTable {
  name: string;
  rect: Rect;
  style: string;
  /** Sheet columns that are calculated columns (one formula filled down the body). */
  calculated: Set<number>;
}

export interface FakeChart {
  name: string;
  type: string;
  title: string;
  position?: string;
  series: FakeSeries[];
  /** Legend entries hidden by index. */
  hiddenLegendEntries?: number[];
}

export interface FakeSeries {
  name: string;
  values: string;
  categories?: string;
  /** Set per series (a combination chart). */
  chartType?: string;
  /** `#RRGGBB`, or 'none' once cleared. */
  fill?: string;
  line?: string;
  lineStyle?: string;
}

export interface FakeConditionalFormat {
  type: string;
  range: string;
  settings: Record<string, unknown>;
}

export interface FakeSheet {
  id: number;
  name: string;
  visibility: Visibility;
  cells: Map<number, FakeCell>[];
  tables: FakeTable[];
  charts: FakeChart[];
  conditionalFormats: FakeConditionalFormat[];
  validations: { range: string; rule: unknown }[];
  columnWidths: Record<number, number>;
  freeze: { rows: number; cols: number };
  /** What `pageLayout` and `horizontalPageBreaks` received. */
  print?: FakePrint;
  selection?: string;
  /** Review › Protect Sheet with every cell locked: nothing on the sheet can change. */
  protected?: boolean;
}

export interface FakePrint {
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  titleRows?: string;
  leftFooter?: string;
  rightFooter?: string;
  breaks: string[];
}

const GENERAL = 'General';

/** The whole fake workbook: sheets in tab order. */
export class WorkbookState {
  sheets: FakeSheet[] = [];
  active: FakeSheet | undefined;
  /** Review › Protect Workbook (structure): sheets cannot be added, deleted, renamed, moved, hidden or unhidden. */
  structureProtected = false;
  /** See FakeHostOptions.chartexSeriesUnsupported. */
  chartexSeriesUnsupported = false;
  /** See FakeHostOptions.decimalSeparator. */
  decimalSeparator = '.';
  private nextId = 1;

  /**
   * Protection, as a user reports it: Excel refuses the change with
   * `AccessDenied` ("You cannot perform the requested operation.",
   * Excel.ErrorCodes in "Error handling with the application-specific
   * JavaScript APIs", https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
   * Structure protection: "Protect a workbook" (support.microsoft.com) — no
   * adding, deleting, renaming, moving, hiding or unhiding sheets; the state
   * reads as `Workbook.protection.protected` (ExcelApi 1.7). A protected
   * sheet's locked cells cannot change: `Worksheet.protection.protected`.
   */
  checkStructure(what: string): void {
    if (this.structureProtected) throw new FakeOfficeError(FAKE_CODES.accessDenied, `The workbook structure is protected (${what}).`);
  }

  checkEditable(sheet: FakeSheet, what: string): void {
    if (sheet.protected) throw new FakeOfficeError(FAKE_CODES.accessDenied, `The sheet "${sheet.name}" is protected (${what}).`);
  }

  addSheet(name: string): FakeSheet {
    this.checkStructure('add a sheet');
    checkSheetName(name);
    if (this.find(name)) throw new FakeOfficeError(FAKE_CODES.itemAlreadyExists, `A sheet named "${name}" already exists.`);
    const sheet: FakeSheet = {
      id: this.nextId++,
      name,
      visibility: 'Visible',
      cells: [],
      tables: [],
      charts: [],
      conditionalFormats: [],
      validations: [],
      columnWidths: {},
      freeze: { rows: 0, cols: 0 },
    };
    this.sheets.push(sheet);
    return sheet;
  }

  /**
   * A full copy of a sheet at `position`, named "Name (2)" (or the next free
   * number) as Excel names copies (e.g. "Formulae Referencing Current
   * Worksheet", SumProduct: "Copying the worksheet creates a new worksheet
   * 'Sheet1 (2)'"), its tables renamed (a table name is unique in a workbook,
   * "Overview of Excel tables"). `Worksheet.copy`, ExcelApi 1.7, Microsoft Learn.
   */
  copySheet(source: FakeSheet, position: number): FakeSheet {
    this.checkStructure('copy a sheet');
    let n = 2;
    const base = source.name.slice(0, 25);
    while (this.find(`${base} (${n})`)) n++;
    const copy = this.addSheet(`${base} (${n})`);
    copy.visibility = source.visibility;
    copy.cells = source.cells.map((row) => row && new Map([...row.entries()].map(([c, cell]) => [c, { ...cell, look: cell.look && { ...cell.look } }])));
    copy.charts = structuredClone(source.charts);
    copy.conditionalFormats = structuredClone(source.conditionalFormats);
    copy.validations = structuredClone(source.validations);
    copy.columnWidths = { ...source.columnWidths };
    copy.freeze = { ...source.freeze };
    if (source.print) copy.print = structuredClone(source.print);
    for (const table of source.tables) {
      let k = 2;
      while (this.allTables().some((t) => t.name.toLowerCase() === `${table.name}${k}`.toLowerCase())) k++;
      copy.tables.push({ name: `${table.name}${k}`, rect: { ...table.rect }, style: table.style, calculated: new Set(table.calculated) });
    }
    this.move(copy, Math.min(position, this.sheets.length - 1));
    return copy;
  }

  find(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  get(name: string): FakeSheet {
    const sheet = this.find(name);
    if (!sheet) throw new FakeOfficeError(FAKE_CODES.itemNotFound, `The requested resource doesn't exist (sheet "${name}").`);
    return sheet;
  }

  alive(sheet: FakeSheet): FakeSheet {
    if (!this.sheets.includes(sheet)) throw new FakeOfficeError(FAKE_CODES.itemNotFound, `The sheet "${sheet.name}" was deleted.`);
    return sheet;
  }

  /** Renames a sheet; as in Excel, every formula that refers to it follows the new name. */
  rename(sheet: FakeSheet, name: string): void {
    this.checkStructure('rename a sheet');
    checkSheetName(name);
    const other = this.find(name);
    if (other && other !== sheet) throw new FakeOfficeError(FAKE_CODES.itemAlreadyExists, `A sheet named "${name}" already exists.`);
    if (sheet.name !== name) this.rewriteReferences(sheet.name, sheetPrefix(name));
    sheet.name = name;
  }

  move(sheet: FakeSheet, position: number): void {
    this.checkStructure('move a sheet');
    if (position < 0 || position >= this.sheets.length) throw new FakeOfficeError(FAKE_CODES.invalidArgument, `Position ${position} is out of range.`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  delete(sheet: FakeSheet): void {
    this.checkStructure('delete a sheet');
    const visible = this.sheets.filter((s) => s.visibility === 'Visible');
    if (visible.length === 1 && visible[0] === sheet)
      throw new FakeOfficeError(FAKE_CODES.invalidOperation, 'A workbook must keep at least one visible sheet.');
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.active === sheet) this.active = this.sheets.find((s) => s.visibility === 'Visible');
    // As in Excel: what referred to the deleted sheet now refers to nothing (`'Funnel Data'!$H:$H` → `#REF!$H:$H`):
    // "How to correct a #REF! error" (support.microsoft.com) — "when cells that were referenced by formulas get deleted".
    this.rewriteReferences(sheet.name, '#REF!');
  }

  /** Rewrites the sheet prefix of every reference to `sheetName` in the formulas of every sheet (cell formulas only). */
  private rewriteReferences(sheetName: string, prefix: string): void {
    for (const s of this.sheets)
      for (const row of s.cells)
        row?.forEach((cell) => {
          if (cell.formula !== undefined) cell.formula = replaceSheetPrefix(cell.formula, sheetName, prefix);
        });
  }

  allTables(): FakeTable[] {
    return this.sheets.flatMap((s) => s.tables);
  }

  addTable(sheet: FakeSheet, rect: Rect): FakeTable {
    if (sheet.tables.some((t) => overlaps(t.rect, rect))) throw new FakeOfficeError(FAKE_CODES.invalidOperation, 'A table cannot overlap another table.');
    let n = 1;
    while (this.allTables().some((t) => t.name.toLowerCase() === `table${n}`)) n++;
    const table: FakeTable = { name: `Table${n}`, rect, style: 'TableStyleMedium2', calculated: new Set() };
    sheet.tables.push(table);
    return table;
  }

  renameTable(table: FakeTable, name: string): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || name.length > 255)
      throw new FakeOfficeError(FAKE_CODES.invalidArgument, `"${name}" is not a valid table name.`);
    if (this.allTables().some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase()))
      throw new FakeOfficeError(FAKE_CODES.invalidArgument, `A table named "${name}" already exists.`);
    table.name = name;
  }
}

/** `Sheet!` or `'My sheet'!`, the way Excel writes a reference's sheet part. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/**
 * Replaces the sheet part of every reference to `sheetName` (quoted or not,
 * compared case-insensitively) outside string literals: text such as the
 * target of `HYPERLINK("#'Report 2026-01'!A1", …)` is not a reference, and
 * Excel leaves it alone.
 */
export function replaceSheetPrefix(formula: string, sheetName: string, prefix: string): string {
  const key = sheetName.toLowerCase();
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"') {
      const end = stringEnd(formula, i);
      out += formula.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let name = '';
      while (j < formula.length) {
        if (formula[j] === "'" && formula[j + 1] === "'") {
          name += "'";
          j += 2;
        } else if (formula[j] === "'") break;
        else name += formula[j++];
      }
      if (formula[j + 1] === '!' && name.toLowerCase() === key) {
        out += prefix;
        i = j + 2;
        continue;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_.]*!/.exec(formula.slice(i));
    if (bare && (i === 0 || !/[A-Za-z0-9_.]/.test(formula[i - 1]!))) {
      out += bare[0].slice(0, -1).toLowerCase() === key ? prefix : bare[0];
      i += bare[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** One past the closing quote of the string literal starting at `start` (`""` is an escaped quote). */
function stringEnd(formula: string, start: number): number {
  let j = start + 1;
  while (j < formula.length) {
    if (formula[j] === '"' && formula[j + 1] === '"') j += 2;
    else if (formula[j] === '"') return j + 1;
    else j++;
  }
  return j;
}

function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name))
    throw new FakeOfficeError(FAKE_CODES.invalidArgument, `"${name}" is not a valid sheet name.`);
}

export function getCell(sheet: FakeSheet, r: number, c: number): FakeCell | undefined {
  return sheet.cells[r]?.get(c);
}

export function cellFor(sheet: FakeSheet, r: number, c: number): FakeCell {
  const row = (sheet.cells[r] ??= new Map());
  let cell = row.get(c);
  if (!cell) row.set(c, (cell = { value: '', numberFormat: GENERAL }));
  return cell;
}

export function hasContent(cell: FakeCell | undefined): boolean {
  return cell !== undefined && (cell.formula !== undefined || cell.value !== '');
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Writes one input into a cell the way Excel treats typed input (which is
 * what `values` and `formulas` assignments do): `'x` is the text `x`;
 * `=…`, `+…`, `@…` and a non-numeric `-…` become formulas; numeric text
 * becomes a number and TRUE/FALSE booleans — unless the cell is formatted
 * as text (`@`). `null` leaves the cell as it is.
 */
export function typeInto(cell: FakeCell, input: unknown): void {
  if (input === null || input === undefined) return;
  cell.quotePrefix = undefined;
  cell.formula = undefined;
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input;
    return;
  }
  if (typeof input !== 'string') throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake cannot write a ${typeof input}.`);
  if (cell.numberFormat === '@') {
    cell.value = input;
    return;
  }
  if (input.startsWith("'")) {
    cell.value = input.slice(1);
    cell.quotePrefix = true;
    return;
  }
  if (NUMERIC.test(input.trim())) {
    cell.value = Number(input);
    return;
  }
  if (/^(true|false)$/i.test(input)) {
    cell.value = input.toLowerCase() === 'true';
    return;
  }
  if (input.length > 1 && (input[0] === '=' || input[0] === '+' || input[0] === '-' || input[0] === '@')) {
    // Excel keeps `+x`/`-x` as `=+x`/`=-x` and reads `@f()` as `=f()`.
    cell.formula = input[0] === '=' ? input.slice(1) : input[0] === '@' ? input.slice(1) : input;
    cell.value = '';
    return;
  }
  cell.value = input;
}

/** A formula cell's text as `formulas` reads it back. */
export function formulaText(cell: FakeCell | undefined): CellValue {
  if (!cell) return '';
  if (cell.formula !== undefined) return `=${cell.formula}`;
  return cell.value;
}

/** Everything a user could see in one sheet, for before/after comparisons. */
export interface SheetSnapshot {
  name: string;
  visibility: Visibility;
  cells: Record<string, { value: CellValue; formula?: string; numberFormat?: string; look?: CellLook }>;
  tables: { name: string; range: string; style: string }[];
  charts: FakeChart[];
  conditionalFormats: FakeConditionalFormat[];
  validations: { range: string; rule: unknown }[];
  columnWidths: Record<number, number>;
  freeze: { rows: number; cols: number };
  print?: FakePrint;
}

export function snapshotSheet(sheet: FakeSheet): SheetSnapshot {
  const cells: SheetSnapshot['cells'] = {};
  sheet.cells.forEach((row, r) => {
    if (!row) return;
    [...row.entries()]
      .sort(([a], [b]) => a - b)
      .forEach(([c, cell]) => {
        if (!hasContent(cell) && cell.numberFormat === GENERAL && !cell.look) return;
        cells[formatRect({ r0: r, c0: c, r1: r, c1: c })] = {
          value: cell.value === '' ? null : cell.value,
          ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
          ...(cell.numberFormat !== GENERAL ? { numberFormat: cell.numberFormat } : {}),
          ...(cell.look ? { look: cell.look } : {}),
        };
      });
  });
  return {
    name: sheet.name,
    visibility: sheet.visibility,
    cells,
    tables: sheet.tables.map((t) => ({ name: t.name, range: formatRect(t.rect), style: t.style })),
    charts: structuredClone(sheet.charts),
    conditionalFormats: structuredClone(sheet.conditionalFormats),
    validations: structuredClone(sheet.validations),
    columnWidths: { ...sheet.columnWidths },
    freeze: { ...sheet.freeze },
    ...(sheet.print ? { print: structuredClone(sheet.print) } : {}),
  };
}
