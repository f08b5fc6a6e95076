import type { CellValue } from '../../../src/core/util/cell';
import { formatRect, overlaps, parseAddress, qualified, type Rect } from './address';
import { jsonBytes, type Queue } from './context';
import { autofillCalculatedColumns, columnsBefore } from './calculated-columns';
import { FAKE_CODES, FakeOfficeError } from './errors';
import {
  type CellLook,
  cellFor,
  type FakeCell,
  type FakeChart,
  type FakePrint,
  type FakeSheet,
  type FakeTable,
  formulaText,
  getCell,
  hasContent,
  typeInto,
  type Visibility,
  type WorkbookState,
} from './state';

/**
 * Proxy objects of the fake Excel object model. As in Office.js, a proxy
 * only describes an object: property reads need `load` + `sync` first
 * (else PropertyNotLoaded), assignments and method calls are queued and
 * take effect at `sync()`.
 */
abstract class ClientObject {
  private readonly loaded = new Map<string, unknown>();

  constructor(protected readonly q: Queue) {}

  /** `load('a,b')`, `load(['a','b'])`; `items/x` paths on collections. */
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? '').split(',')).map((p) => p.trim()).filter((p) => p !== '');
    this.q.read(`${this.constructor.name}.load`, list, () => {
      let bytes = 0;
      for (const prop of list.length > 0 ? list : this.defaultProps()) {
        const value = this.fetch(prop);
        this.loaded.set(prop, value);
        bytes += jsonBytes(value ?? null);
      }
      return bytes;
    });
    return this;
  }

  protected defaultProps(): string[] {
    return [];
  }

  protected abstract fetch(prop: string): unknown;

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new FakeOfficeError(
        FAKE_CODES.propertyNotLoaded,
        `The property '${prop}' is not available. Before reading the property's value, call the ` +
          `load method on the containing object and call "context.sync()".`,
      );
    return this.loaded.get(prop) as T;
  }

  /** Sets a value as if loaded (used for collection items). */
  protected prime(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }
}

/** A sheet a proxy points at, found once at sync time and then kept (as Excel keeps object ids). */
class SheetHandle {
  private sheet: FakeSheet | undefined;

  constructor(
    private readonly state: WorkbookState,
    private readonly find: () => FakeSheet | undefined,
  ) {}

  static of(state: WorkbookState, sheet: FakeSheet): SheetHandle {
    const handle = new SheetHandle(state, () => sheet);
    handle.sheet = sheet;
    return handle;
  }

  bind(sheet: FakeSheet): void {
    this.sheet = sheet;
  }

  tryResolve(): FakeSheet | undefined {
    this.sheet ??= this.find();
    return this.sheet && this.state.sheets.includes(this.sheet) ? this.sheet : undefined;
  }

  resolve(): FakeSheet {
    const sheet = this.tryResolve();
    if (!sheet) throw new FakeOfficeError(FAKE_CODES.itemNotFound, "The requested resource doesn't exist.");
    return sheet;
  }
}

/** `Workbook.protection` / `Worksheet.protection`: `protected` (ExcelApi 1.7 / 1.2), read-only here. */
export class FakeProtection extends ClientObject {
  constructor(
    q: Queue,
    private readonly state: () => boolean,
  ) {
    super(q);
  }

  get protected(): boolean {
    return this.get('protected');
  }

  protected override fetch(prop: string): unknown {
    if (prop !== 'protected') throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on protection.`);
    return this.state();
  }
}

/**
 * `context.application`: the calculation and screen-updating controls, and
 * `decimalSeparator` (ExcelApi 1.11, read-only: "the string used as the
 * decimal separator for numeric values. This is based on the local Excel
 * settings", https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-decimalseparator-member).
 */
export class FakeApplication extends ClientObject {
  constructor(
    q: Queue,
    private readonly state: WorkbookState,
  ) {
    super(q);
  }

  get decimalSeparator(): string {
    return this.get('decimalSeparator');
  }

  suspendApiCalculationUntilNextSync(): void {
    this.q.control('suspendApiCalculationUntilNextSync');
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.q.control('suspendScreenUpdatingUntilNextSync');
  }

  calculate(type: string): void {
    this.q.control('calculate', type);
  }

  protected override fetch(prop: string): unknown {
    if (prop !== 'decimalSeparator') throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on the application.`);
    return this.state.decimalSeparator;
  }
}

export class FakeWorksheetCollection extends ClientObject {
  private itemsValue: FakeWorksheet[] | undefined;

  constructor(
    q: Queue,
    private readonly state: WorkbookState,
  ) {
    super(q);
  }

  get items(): FakeWorksheet[] {
    if (!this.itemsValue) throw new FakeOfficeError(FAKE_CODES.propertyNotLoaded, "The property 'items' is not available.");
    return this.itemsValue;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.q, this.state, new SheetHandle(this.state, () => this.state.get(name)), false);
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.q, this.state, new SheetHandle(this.state, () => this.state.find(name)), true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this.q,
      this.state,
      new SheetHandle(this.state, () => this.state.active ?? this.state.sheets.find((s) => s.visibility === 'Visible')),
      false,
    );
  }

  add(name: string): FakeWorksheet {
    const handle = new SheetHandle(this.state, () => undefined);
    this.q.write('worksheets.add', name, () => handle.bind(this.state.addSheet(name)));
    return new FakeWorksheet(this.q, this.state, handle, false);
  }

  protected override fetch(prop: string): unknown {
    if (!prop.startsWith('items')) throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on worksheets.`);
    const field = prop.slice('items/'.length);
    this.itemsValue ??= this.state.sheets.map((s) => new FakeWorksheet(this.q, this.state, SheetHandle.of(this.state, s), false));
    const values = this.itemsValue.map((w) => w.primeFrom(field));
    return values;
  }
}

export class FakeWorksheet extends ClientObject {
  constructor(
    q: Queue,
    private readonly state: WorkbookState,
    readonly handle: SheetHandle,
    private readonly orNull: boolean,
  ) {
    super(q);
  }

  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.q.write('worksheet.name', value, () => this.state.rename(this.handle.resolve(), value));
  }
  get visibility(): Visibility {
    return this.get('visibility');
  }
  set visibility(value: Visibility) {
    this.q.write('worksheet.visibility', value, () => {
      const sheet = this.handle.resolve();
      if (sheet.visibility !== value) this.state.checkStructure('hide or unhide a sheet');
      if (value !== 'Visible' && this.state.sheets.every((s) => s === sheet || s.visibility !== 'Visible'))
        throw new FakeOfficeError(FAKE_CODES.invalidOperation, 'A workbook must keep at least one visible sheet.');
      sheet.visibility = value;
      if (value !== 'Visible' && this.state.active === sheet) this.state.active = this.state.sheets.find((s) => s.visibility === 'Visible');
    });
  }
  get position(): number {
    return this.get('position');
  }
  set position(value: number) {
    this.q.write('worksheet.position', value, () => this.state.move(this.handle.resolve(), value));
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.q, this.state, this.handle);
  }
  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.q, this.state, this.handle);
  }
  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.q, this.state, this.handle);
  }
  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.q, this.state, this.handle);
  }
  get horizontalPageBreaks(): { add: (range: string | FakeRange) => void } {
    return {
      add: (range) =>
        this.q.write('horizontalPageBreaks.add', typeof range === 'string' ? range : 'range', () => {
          const sheet = this.handle.resolve();
          this.state.checkEditable(sheet, 'add a page break');
          const rect = typeof range === 'string' ? parseAddress(range) : range.resolveTarget().rect;
          (sheet.print ??= { breaks: [] }).breaks.push(`A${rect.r0 + 1}`);
        }),
    };
  }
  get protection(): FakeProtection {
    return new FakeProtection(this.q, () => this.handle.resolve().protected === true);
  }

  delete(): void {
    this.q.write('worksheet.delete', null, () => this.state.delete(this.handle.resolve()));
  }

  /**
   * `Worksheet.copy` (ExcelApi 1.7): a full copy — cells, formats, tables
   * (renamed, as table names are unique in a workbook), charts, conditional
   * formats, validation, widths and panes — named as Excel names copies
   * ("Sheet1 (2)"), at the end ('End', 'None') or the start ('Beginning').
   */
  copy(positionType: 'None' | 'End' | 'Beginning' = 'None'): FakeWorksheet {
    const handle = new SheetHandle(this.state, () => undefined);
    this.q.write('worksheet.copy', positionType, () =>
      handle.bind(this.state.copySheet(this.handle.resolve(), positionType === 'Beginning' ? 0 : this.state.sheets.length)),
    );
    return new FakeWorksheet(this.q, this.state, handle, false);
  }

  activate(): void {
    this.q.write('worksheet.activate', null, () => {
      const sheet = this.handle.resolve();
      if (sheet.visibility !== 'Visible') throw new FakeOfficeError(FAKE_CODES.invalidOperation, 'A hidden sheet cannot be activated.');
      this.state.active = sheet;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.q, this.state, this.handle, () => (address ? parseAddress(address) : { r0: 0, c0: 0, r1: 1048575, c1: 16383 }));
  }

  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.q, this.state, this.handle, () => ({ r0: row, c0: column, r1: row, c1: column }));
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.q, this.state, this.handle, () => usedRect(this.handle.resolve(), valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.q, this.state, this.handle, () => usedRect(this.handle.resolve(), valuesOnly));
  }

  /** Fills a collection item's loaded field from its sheet. */
  primeFrom(field: string): unknown {
    const value = this.fetch(field);
    this.prime(field, value);
    return value;
  }

  protected override fetch(prop: string): unknown {
    const sheet = this.handle.tryResolve();
    if (prop === 'isNullObject') return sheet === undefined;
    if (!sheet) {
      if (this.orNull) return null;
      throw new FakeOfficeError(FAKE_CODES.itemNotFound, "The requested resource doesn't exist.");
    }
    switch (prop) {
      case 'name':
        return sheet.name;
      case 'visibility':
        return sheet.visibility;
      case 'position':
        return this.state.sheets.indexOf(sheet);
      default:
        throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on a worksheet.`);
    }
  }

  override load(props?: string | string[]): this {
    // A null object always answers isNullObject.
    super.load(
      props === undefined ? ['isNullObject', 'name'] : [...(Array.isArray(props) ? props : props.split(',')), ...(this.orNull ? ['isNullObject'] : [])],
    );
    return this;
  }
}

function usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | undefined {
  let rect: Rect | undefined;
  sheet.cells.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (valuesOnly ? !hasContent(cell) : !hasContent(cell) && cell.numberFormat === 'General' && !cell.look) return;
      rect = rect ? { r0: Math.min(rect.r0, r), c0: Math.min(rect.c0, c), r1: Math.max(rect.r1, r), c1: Math.max(rect.c1, c) } : { r0: r, c0: c, r1: r, c1: c };
    });
  });
  return rect;
}

type Matrix = unknown[][];

export class FakeRange extends ClientObject {
  constructor(
    q: Queue,
    private readonly state: WorkbookState,
    private readonly handle: SheetHandle,
    private readonly rect: () => Rect | undefined,
  ) {
    super(q);
  }

  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get address(): string {
    return this.get('address');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): CellValue[][] {
    return this.get('values');
  }
  set values(input: Matrix) {
    this.assign('range.values', input, (cell, v) => typeInto(cell, v), true);
  }
  get formulas(): CellValue[][] {
    return this.get('formulas');
  }
  set formulas(input: Matrix) {
    this.assign('range.formulas', input, (cell, v) => typeInto(cell, v), true);
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(input: Matrix) {
    this.assign('range.numberFormat', input, (cell, v) => {
      if (typeof v === 'string') cell.numberFormat = v;
    });
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(
      this.q,
      (name, payload, apply) => this.eachCell(name, payload, apply),
      (name, width) => this.setColumnWidth(name, width),
    );
  }

  get conditionalFormats(): FakeConditionalFormats {
    return new FakeConditionalFormats(this.q, this.handle, () => formatRect(this.resolveRect()));
  }

  get dataValidation(): FakeDataValidation {
    return new FakeDataValidation(this.q, this.handle, () => formatRect(this.resolveRect()));
  }

  select(): void {
    this.q.write('range.select', null, () => {
      const sheet = this.handle.resolve();
      sheet.selection = formatRect(this.resolveRect());
      this.state.active = sheet;
    });
  }

  /**
   * `Range.copyFrom` (ExcelApi 1.9): copies the source's cells onto this
   * range from its top-left, the source's size. `Formulas` copies contents
   * (values, formulas, the text prefix; blanks clear), `Values` the same
   * with formulas as their values, `Formats` number formats and looks,
   * `All` both. Tables are not copied (as a paste-special does not).
   */
  copyFrom(source: FakeRange, copyType: 'All' | 'Formulas' | 'Values' | 'Formats' = 'All'): void {
    this.q.write('range.copyFrom', { copyType }, () => {
      const { sheet, rect } = this.resolveTarget();
      this.state.checkEditable(sheet, 'copy into it');
      const from = source.resolveTarget();
      const rows = from.rect.r1 - from.rect.r0 + 1;
      const cols = from.rect.c1 - from.rect.c0 + 1;
      if (rect.r0 + rows - 1 > 1048575 || rect.c0 + cols - 1 > 16383)
        throw new FakeOfficeError(FAKE_CODES.invalidArgument, 'The copy does not fit on the sheet.');
      // Source and destination may overlap (same sheet): read the source before writing.
      const sameSheet = from.sheet === sheet;
      const at = (r: number, c: number): FakeCell | undefined => getCell(from.sheet, from.rect.r0 + r, from.rect.c0 + c);
      const copies = sameSheet ? Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(r, c) && { ...at(r, c)! })) : null;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const src = copies ? copies[r]![c] : at(r, c);
          const to = getCell(sheet, rect.r0 + r, rect.c0 + c) ?? (src ? cellFor(sheet, rect.r0 + r, rect.c0 + c) : undefined);
          if (!to) continue;
          if (copyType !== 'Formats') {
            to.value = src?.value ?? '';
            to.formula = copyType === 'Values' ? undefined : src?.formula;
            to.quotePrefix = src?.quotePrefix;
          }
          if (copyType === 'Formats' || copyType === 'All') {
            to.numberFormat = src?.numberFormat ?? 'General';
            to.look = src?.look && { ...src.look };
          }
        }
    });
  }

  /**
   * `Range.clear`: `Contents`, `Formats` or `All` (the default). Like
   * Excel's Clear All on a whole table, clearing `All` over every cell of a
   * table removes the table too.
   */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this.q.write('range.clear', applyTo, () => {
      const { sheet, rect } = this.resolveTarget();
      this.state.checkEditable(sheet, 'clear cells');
      sheet.cells.forEach((row, r) => {
        if (!row || r < rect.r0 || r > rect.r1) return;
        row.forEach((cell, c) => {
          if (c < rect.c0 || c > rect.c1) return;
          if (applyTo !== 'Formats') {
            cell.value = '';
            cell.formula = undefined;
            cell.quotePrefix = undefined;
          }
          if (applyTo !== 'Contents') {
            cell.numberFormat = 'General';
            cell.look = undefined;
          }
        });
      });
      if (applyTo === 'All')
        sheet.tables = sheet.tables.filter((t) => !(t.rect.r0 >= rect.r0 && t.rect.r1 <= rect.r1 && t.rect.c0 >= rect.c0 && t.rect.c1 <= rect.c1));
    });
  }

  getRow(index: number): FakeRange {
    return this.derived((r) => ({ r0: r.r0 + index, c0: r.c0, r1: r.r0 + index, c1: r.c1 }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived((r) => ({ ...r, r1: r.r1 + deltaRows, c1: r.c1 + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived((r) => ({ r0: r.r0 + rowOffset, c0: r.c0 + columnOffset, r1: r.r1 + rowOffset, c1: r.c1 + columnOffset }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derived((r) => ({ ...r, r1: r.r0 + numRows - 1, c1: r.c0 + numColumns - 1 }));
  }

  /** The sheet and rectangle this range stands for, at sync time. */
  resolveTarget(): { sheet: FakeSheet; rect: Rect } {
    return { sheet: this.handle.resolve(), rect: this.resolveRect() };
  }

  private derived(f: (r: Rect) => Rect): FakeRange {
    return new FakeRange(this.q, this.state, this.handle, () => f(this.resolveRect()));
  }

  private resolveRect(): Rect {
    const rect = this.rect();
    if (!rect) throw new FakeOfficeError(FAKE_CODES.invalidOperation, 'The range is a null object.');
    if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 > 1048575 || rect.c1 > 16383 || rect.r1 < rect.r0 || rect.c1 < rect.c0)
      throw new FakeOfficeError(FAKE_CODES.invalidArgument, 'The range is outside the sheet.');
    return rect;
  }

  /** An assignment of a single value (applied to every cell) or of a matrix of exactly the range's size. */
  private assign(name: string, input: Matrix | unknown, apply: (cell: ReturnType<typeof cellFor>, value: unknown) => void, typed = false): void {
    this.q.write(name, input, () => {
      const { sheet, rect } = this.resolveTarget();
      this.state.checkEditable(sheet, name);
      // Typed input (values, formulas) meets Excel's calculated columns (calculated-columns.ts).
      const columns = typed ? columnsBefore(sheet, rect) : [];
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      if (Array.isArray(input)) {
        if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
          throw new FakeOfficeError(
            FAKE_CODES.invalidArgument,
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${formatRect(rect)}).`,
          );
        }
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) apply(cellFor(sheet, rect.r0 + r, rect.c0 + c), (input[r] as unknown[])[c]);
      } else {
        for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) apply(cellFor(sheet, r, c), input);
      }
      if (columns.length > 0) autofillCalculatedColumns(sheet, rect, columns);
    });
  }

  private eachCell(name: string, payload: unknown, apply: (look: CellLook) => void): void {
    this.q.write(name, payload, () => {
      const { sheet, rect } = this.resolveTarget();
      this.state.checkEditable(sheet, name);
      for (let r = rect.r0; r <= rect.r1; r++)
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = cellFor(sheet, r, c);
          apply((cell.look ??= {}));
        }
    });
  }

  private setColumnWidth(name: string, width: number): void {
    this.q.write(name, width, () => {
      const { sheet, rect } = this.resolveTarget();
      this.state.checkEditable(sheet, name);
      for (let c = rect.c0; c <= rect.c1; c++) sheet.columnWidths[c] = width;
    });
  }

  protected override fetch(prop: string): unknown {
    const rect = this.rect();
    if (prop === 'isNullObject') return rect === undefined;
    if (!rect) return null;
    const sheet = this.handle.resolve();
    const grid = (f: (r: number, c: number) => unknown): unknown[][] =>
      Array.from({ length: rect.r1 - rect.r0 + 1 }, (_, r) => Array.from({ length: rect.c1 - rect.c0 + 1 }, (_, c) => f(rect.r0 + r, rect.c0 + c)));
    switch (prop) {
      case 'address':
        return qualified(sheet.name, rect);
      case 'rowCount':
        return rect.r1 - rect.r0 + 1;
      case 'columnCount':
        return rect.c1 - rect.c0 + 1;
      case 'values':
        // The fake does not calculate: a formula cell reads as ''.
        return grid((r, c) => getCell(sheet, r, c)?.value ?? '');
      case 'formulas':
        return grid((r, c) => formulaText(getCell(sheet, r, c)));
      case 'numberFormat':
        return grid((r, c) => getCell(sheet, r, c)?.numberFormat ?? 'General');
      default:
        throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on a range.`);
    }
  }

  override load(props?: string | string[]): this {
    super.load(props === undefined ? ['isNullObject', 'address', 'values'] : [...(Array.isArray(props) ? props : props.split(',')), 'isNullObject']);
    return this;
  }
}

type CellWriter = (name: string, payload: unknown, apply: (look: CellLook) => void) => void;

export class FakeRangeFormat {
  constructor(
    private readonly q: Queue,
    private readonly write: CellWriter,
    private readonly width: (name: string, width: number) => void,
  ) {}

  get font(): { bold: boolean; italic: boolean; size: number; color: string } {
    const write = this.write;
    return {
      set bold(v: boolean) {
        write('font.bold', v, (l) => (l.bold = v));
      },
      set italic(v: boolean) {
        write('font.italic', v, (l) => (l.italic = v));
      },
      set size(v: number) {
        write('font.size', v, (l) => (l.size = v));
      },
      set color(v: string) {
        write('font.color', v, (l) => (l.color = v));
      },
    };
  }

  get fill(): { color: string } {
    const write = this.write;
    return {
      set color(v: string) {
        write('fill.color', v, (l) => (l.fill = v));
      },
    };
  }

  set columnWidth(points: number) {
    this.width('format.columnWidth', points);
  }
}

export class FakeTableCollection extends ClientObject {
  private itemsValue: FakeTableProxy[] | undefined;

  constructor(
    q: Queue,
    private readonly state: WorkbookState,
    private readonly handle: SheetHandle,
  ) {
    super(q);
  }

  get items(): FakeTableProxy[] {
    if (!this.itemsValue) throw new FakeOfficeError(FAKE_CODES.propertyNotLoaded, "The property 'items' is not available.");
    return this.itemsValue;
  }

  /** The table of that name on this sheet; ItemNotFound at sync when there is none. */
  getItem(name: string): FakeTableProxy {
    const proxy = new FakeTableProxy(this.q, this.state);
    proxy.find(() => this.handle.resolve().tables.find((t) => t.name.toLowerCase() === name.toLowerCase()));
    return proxy;
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTableProxy {
    const proxy = new FakeTableProxy(this.q, this.state);
    this.q.write('tables.add', { address: typeof address === 'string' ? address : 'range', hasHeaders }, () => {
      const { sheet, rect } = typeof address === 'string' ? { sheet: this.handle.resolve(), rect: parseAddress(address) } : address.resolveTarget();
      this.state.checkEditable(sheet, 'add a table');
      if (!hasHeaders) throw new FakeOfficeError(FAKE_CODES.invalidArgument, 'The fake models tables with a header row only.');
      for (let c = rect.c0; c <= rect.c1; c++) {
        const header = cellFor(sheet, rect.r0, c);
        if (!hasContent(header)) header.value = `Column${c - rect.c0 + 1}`;
      }
      proxy.bind(this.state.addTable(sheet, rect));
    });
    return proxy;
  }

  protected override fetch(prop: string): unknown {
    if (prop !== 'items/name') throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on tables.`);
    const sheet = this.handle.resolve();
    this.itemsValue = sheet.tables.map((t) => FakeTableProxy.loaded(this.q, this.state, t));
    return sheet.tables.map((t) => t.name);
  }
}

export class FakeTableProxy extends ClientObject {
  private table: FakeTable | undefined;
  private lookup: (() => FakeTable | undefined) | undefined;

  constructor(
    q: Queue,
    private readonly state: WorkbookState,
  ) {
    super(q);
  }

  static loaded(q: Queue, state: WorkbookState, table: FakeTable): FakeTableProxy {
    const proxy = new FakeTableProxy(q, state);
    proxy.table = table;
    proxy.prime('name', table.name);
    return proxy;
  }

  bind(table: FakeTable): void {
    this.table = table;
  }

  /** Resolved at sync time (a table got by name). */
  find(lookup: () => FakeTable | undefined): void {
    this.lookup = lookup;
  }

  get name(): string {
    return this.get('name');
  }
  get style(): string {
    return this.get('style');
  }
  set name(value: string) {
    this.q.write('table.name', value, () => this.state.renameTable(this.resolve(), value));
  }
  set style(value: string) {
    this.q.write('table.style', value, () => (this.resolve().style = value));
  }

  /** `Table.delete`: the table goes, and with it the contents of its cells (as deleting a table in Excel does). */
  delete(): void {
    this.q.write('table.delete', null, () => {
      const table = this.resolve();
      const sheet = this.sheetOf(table);
      this.state.checkEditable(sheet, 'delete a table');
      for (let r = table.rect.r0; r <= table.rect.r1; r++)
        for (let c = table.rect.c0; c <= table.rect.c1; c++) {
          const cell = getCell(sheet, r, c);
          if (cell) Object.assign(cell, { value: '', formula: undefined, quotePrefix: undefined });
        }
      sheet.tables = sheet.tables.filter((t) => t !== table);
    });
  }

  /** The whole table: header row and body. */
  getRange(): FakeRange {
    return new FakeRange(this.q, this.state, this.sheetHandle(), () => this.resolve().rect);
  }

  /** The body rows (a table always has at least one). */
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.q, this.state, this.sheetHandle(), () => ({ ...this.resolve().rect, r0: this.resolve().rect.r0 + 1 }));
  }

  /**
   * `Table.resize` (ExcelApi 1.13): the same header row, a range that
   * overlaps the old one, at least one body row, no other table in the way.
   * No cell moves; a new column without a header gets `ColumnN`.
   */
  resize(range: string | FakeRange): void {
    this.q.write('table.resize', typeof range === 'string' ? range : 'range', () => {
      const table = this.resolve();
      const sheet = this.sheetOf(table);
      const rect = typeof range === 'string' ? parseAddress(range) : range.resolveTarget().rect;
      if (rect.r0 !== table.rect.r0 || !overlaps(rect, table.rect) || rect.r1 <= rect.r0)
        throw new FakeOfficeError(FAKE_CODES.invalidArgument, 'The new table range must keep the header row and overlap the old one.');
      if (sheet.tables.some((t) => t !== table && overlaps(t.rect, rect)))
        throw new FakeOfficeError(FAKE_CODES.invalidOperation, 'A table cannot overlap another table.');
      for (let c = rect.c0; c <= rect.c1; c++) {
        const header = cellFor(sheet, rect.r0, c);
        if (!hasContent(header)) header.value = `Column${c - rect.c0 + 1}`;
      }
      table.rect = rect;
    });
  }

  private resolve(): FakeTable {
    this.table ??= this.lookup?.();
    if (!this.table || !this.state.allTables().includes(this.table)) throw new FakeOfficeError(FAKE_CODES.itemNotFound, 'The table does not exist.');
    return this.table;
  }

  private sheetOf(table: FakeTable): FakeSheet {
    const sheet = this.state.sheets.find((s) => s.tables.includes(table));
    if (!sheet) throw new FakeOfficeError(FAKE_CODES.itemNotFound, 'The table does not exist.');
    return sheet;
  }

  private sheetHandle(): SheetHandle {
    return new SheetHandle(this.state, () => this.sheetOf(this.resolve()));
  }

  protected override fetch(prop: string): unknown {
    if (prop === 'name') return this.resolve().name;
    if (prop === 'style') return this.resolve().style;
    throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on a table.`);
  }
}

export class FakeFreezePanes {
  constructor(
    private readonly q: Queue,
    private readonly state: WorkbookState,
    private readonly handle: SheetHandle,
  ) {}

  private sheet(): FakeSheet {
    const sheet = this.handle.resolve();
    this.state.checkEditable(sheet, 'freeze panes');
    return sheet;
  }

  freezeRows(count: number): void {
    this.q.write('freezePanes.freezeRows', count, () => (this.sheet().freeze = { rows: count, cols: 0 }));
  }

  freezeColumns(count: number): void {
    this.q.write('freezePanes.freezeColumns', count, () => (this.sheet().freeze = { rows: 0, cols: count }));
  }

  freezeAt(range: string | FakeRange): void {
    this.q.write('freezePanes.freezeAt', typeof range === 'string' ? range : 'range', () => {
      const rect = typeof range === 'string' ? parseAddress(range) : range.resolveTarget().rect;
      this.sheet().freeze = { rows: rect.r1 + 1, cols: rect.c1 + 1 };
    });
  }

  unfreeze(): void {
    this.q.write('freezePanes.unfreeze', null, () => (this.sheet().freeze = { rows: 0, cols: 0 }));
  }
}

/** `Worksheet.pageLayout` (ExcelApi 1.9): records what the adapter sets. */
export class FakePageLayout {
  constructor(
    private readonly q: Queue,
    private readonly state: WorkbookState,
    private readonly handle: SheetHandle,
  ) {}

  private set(what: string, value: unknown, apply: (print: FakePrint) => void): void {
    this.q.write(`pageLayout.${what}`, value, () => {
      const sheet = this.handle.resolve();
      this.state.checkEditable(sheet, 'set up printing');
      apply((sheet.print ??= { breaks: [] }));
    });
  }

  set orientation(value: string) {
    this.set('orientation', value, (p) => (p.orientation = value));
  }
  set zoom(value: FakePrint['zoom']) {
    this.set('zoom', value, (p) => (p.zoom = { ...value }));
  }
  setPrintTitleRows(rows: string): void {
    this.set('setPrintTitleRows', rows, (p) => (p.titleRows = rows));
  }
  get headersFooters(): { defaultForAllPages: { leftFooter: string; rightFooter: string } } {
    const set = (key: 'leftFooter' | 'rightFooter', value: string) => this.set(`headersFooters.defaultForAllPages.${key}`, value, (p) => (p[key] = value));
    return {
      defaultForAllPages: {
        set leftFooter(value: string) {
          set('leftFooter', value);
        },
        get leftFooter(): string {
          throw new Error('the fake does not read footers back');
        },
        set rightFooter(value: string) {
          set('rightFooter', value);
        },
        get rightFooter(): string {
          throw new Error('the fake does not read footers back');
        },
      },
    };
  }
}

/** Records the settings a conditional format receives, by path; only the paths the adapter sets exist. */
const CF_PATHS: Readonly<Record<string, readonly string[]>> = {
  DataBar: ['dataBar.positiveFormat.fillColor'],
  ColorScale: ['colorScale.criteria'],
  Custom: ['custom.rule.formula', 'custom.format.font.color', 'custom.format.font.bold', 'custom.format.fill.color'],
};

/** The sheet a handle points at, refused with AccessDenied when it is protected (see WorkbookState.checkStructure). */
function editableSheet(handle: SheetHandle): FakeSheet {
  const sheet = handle.resolve();
  if (sheet.protected) throw new FakeOfficeError(FAKE_CODES.accessDenied, `The sheet "${sheet.name}" is protected.`);
  return sheet;
}

/** The items whose range does not overlap `address`. */
function outside<T extends { range: string }>(items: readonly T[], address: string): T[] {
  const rect = parseAddress(address);
  return items.filter((item) => !overlaps(parseAddress(item.range), rect));
}

export class FakeConditionalFormats {
  constructor(
    private readonly q: Queue,
    private readonly handle: SheetHandle,
    private readonly range: () => string,
  ) {}

  /** `ConditionalFormatCollection.clearAll` (ExcelApi 1.6): every conditional format that overlaps the range goes. */
  clearAll(): void {
    this.q.write('conditionalFormats.clearAll', null, () => {
      const sheet = editableSheet(this.handle);
      sheet.conditionalFormats = outside(sheet.conditionalFormats, this.range());
    });
  }

  add(type: string): Record<string, unknown> {
    const paths = CF_PATHS[type];
    if (!paths) throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not model conditional format type '${type}'.`);
    const settings: Record<string, unknown> = {};
    this.q.write('conditionalFormats.add', type, () => {
      const sheet = editableSheet(this.handle);
      sheet.conditionalFormats.push({ type, range: this.range(), settings });
    });
    const node = (prefix: string): Record<string, unknown> =>
      new Proxy(
        {},
        {
          get: (_t, key) => {
            const path = `${prefix}${String(key)}`;
            if (!paths.some((p) => p.startsWith(`${path}.`))) throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not model '${path}'.`);
            return node(`${path}.`);
          },
          set: (_t, key, value: unknown) => {
            const path = `${prefix}${String(key)}`;
            if (!paths.includes(path)) throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not model '${path}'.`);
            this.q.write(`conditionalFormat.${path}`, value, () => (settings[path] = structuredClone(value)));
            return true;
          },
        },
      );
    return node('');
  }
}

export class FakeDataValidation {
  constructor(
    private readonly q: Queue,
    private readonly handle: SheetHandle,
    private readonly range: () => string,
  ) {}

  /** `DataValidation.clear` (ExcelApi 1.8): the validation rules that overlap the range go. */
  clear(): void {
    this.q.write('dataValidation.clear', null, () => {
      const sheet = editableSheet(this.handle);
      sheet.validations = outside(sheet.validations, this.range());
    });
  }

  set rule(rule: unknown) {
    this.q.write('dataValidation.rule', rule, () => {
      const sheet = editableSheet(this.handle);
      const range = this.range();
      sheet.validations = sheet.validations.filter((v) => v.range !== range);
      sheet.validations.push({ range, rule: structuredClone(rule) });
    });
  }
}

/** The newer chart types Excel draws as `chartex` parts (Excel 2016+), funnel among them. */
const CHARTEX_TYPES = new Set(['Funnel', 'Waterfall', 'Treemap', 'Sunburst', 'Histogram', 'Pareto', 'BoxWhisker']);

export class FakeChartCollection extends ClientObject {
  private itemsValue: FakeChartProxy[] | undefined;

  constructor(
    q: Queue,
    private readonly state: WorkbookState,
    private readonly handle: SheetHandle,
  ) {
    super(q);
  }

  get items(): FakeChartProxy[] {
    if (!this.itemsValue) throw new FakeOfficeError(FAKE_CODES.propertyNotLoaded, "The property 'items' is not available.");
    return this.itemsValue;
  }

  protected override fetch(prop: string): unknown {
    if (prop !== 'items/name') throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake does not load '${prop}' on charts.`);
    const sheet = this.handle.resolve();
    this.itemsValue = sheet.charts.map((c) => new FakeChartProxy(this.q, this.state, c, () => this.handle.resolve(), c.name));
    return sheet.charts.map((c) => c.name);
  }

  add(type: string, source: FakeRange, seriesBy = 'Auto'): FakeChartProxy {
    const chart: FakeChart = { name: '', type, title: '', series: [] };
    this.q.write('charts.add', { type, seriesBy }, () => {
      const sheet = this.handle.resolve();
      this.state.checkEditable(sheet, 'add a chart');
      const { sheet: sourceSheet, rect } = source.resolveTarget();
      if (sourceSheet !== sheet) throw new FakeOfficeError(FAKE_CODES.invalidArgument, 'The fake models charts over their own sheet only.');
      chart.name = `Chart ${sheet.charts.length + 1}`;
      chart.series.push({ name: '', values: formatRect(rect) });
      sheet.charts.push(chart);
    });
    return new FakeChartProxy(this.q, this.state, chart, () => this.handle.resolve());
  }
}

export class FakeChartProxy {
  constructor(
    private readonly q: Queue,
    private readonly state: WorkbookState,
    private readonly chart: FakeChart,
    private readonly sheet: () => FakeSheet,
    loadedName?: string,
  ) {
    if (loadedName !== undefined) this.loadedName = loadedName;
  }

  private loadedName: string | undefined;

  get name(): string {
    if (this.loadedName === undefined) throw new FakeOfficeError(FAKE_CODES.propertyNotLoaded, "The property 'name' is not available.");
    return this.loadedName;
  }

  set name(value: string) {
    this.q.write('chart.name', value, () => (this.chart.name = value));
  }

  /** See FakeHostOptions.chartexSeriesUnsupported. */
  private supported(what: string): void {
    if (this.state.chartexSeriesUnsupported && CHARTEX_TYPES.has(this.chart.type))
      throw new FakeOfficeError(FAKE_CODES.unsupportedOperation, `This operation is not implemented (${what} on a ${this.chart.type} chart).`);
  }

  get title(): { text: string } {
    const q = this.q;
    const chart = this.chart;
    const supported = (what: string): void => this.supported(what);
    return {
      set text(value: string) {
        q.write('chart.title.text', value, () => {
          supported('chart.title');
          chart.title = value;
        });
      },
    };
  }

  get series(): { getItemAt(index: number): FakeSeriesProxy; add(name: string): FakeSeriesProxy } {
    const check = (): void => this.supported('chart.series');
    return {
      getItemAt: (index: number) => new FakeSeriesProxy(this.q, this.chart, () => index, check),
      add: (name: string) => {
        let index = -1;
        this.q.write('chart.series.add', name, () => {
          check();
          index = this.chart.series.push({ name, values: '' }) - 1;
        });
        return new FakeSeriesProxy(this.q, this.chart, () => index, check);
      },
    };
  }

  get legend(): { legendEntries: { getItemAt(index: number): { visible: boolean } } } {
    const q = this.q;
    const chart = this.chart;
    return {
      legendEntries: {
        getItemAt: (index: number) => ({
          set visible(value: boolean) {
            q.write('chart.legend.legendEntries.visible', { index, value }, () => {
              const hidden = new Set(chart.hiddenLegendEntries ?? []);
              if (value) hidden.delete(index);
              else hidden.add(index);
              chart.hiddenLegendEntries = [...hidden].sort((a, b) => a - b);
            });
          },
        }),
      },
    };
  }

  delete(): void {
    this.q.write('chart.delete', null, () => {
      const sheet = this.sheet();
      this.state.checkEditable(sheet, 'delete a chart');
      sheet.charts = sheet.charts.filter((c) => c !== this.chart);
    });
  }

  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    const text = (cell: string | FakeRange | undefined): string =>
      cell === undefined ? '' : typeof cell === 'string' ? cell : formatRect(cell.resolveTarget().rect);
    this.q.write('chart.setPosition', null, () => (this.chart.position = `${text(startCell)}:${text(endCell)}`));
  }
}

export class FakeSeriesProxy {
  constructor(
    private readonly q: Queue,
    private readonly chart: FakeChart,
    private readonly index: () => number,
    private readonly check: () => void = () => undefined,
  ) {}

  private item(): FakeChart['series'][number] {
    this.check();
    const item = this.chart.series[this.index()];
    if (!item) throw new FakeOfficeError(FAKE_CODES.itemNotFound, 'The chart series does not exist.');
    return item;
  }

  set name(value: string) {
    this.q.write('series.name', value, () => (this.item().name = value));
  }

  setValues(source: FakeRange): void {
    this.q.write('series.setValues', null, () => (this.item().values = formatRect(source.resolveTarget().rect)));
  }

  setXAxisValues(source: FakeRange): void {
    this.q.write('series.setXAxisValues', null, () => (this.item().categories = formatRect(source.resolveTarget().rect)));
  }

  set chartType(value: string) {
    this.q.write('series.chartType', value, () => (this.item().chartType = value));
  }

  /** Fill and line colours, as `ChartSeriesFormat` sets them. */
  get format(): { fill: { setSolidColor(color: string): void; clear(): void }; line: { color: string; lineStyle: string; clear(): void } } {
    const q = this.q;
    const item = () => this.item();
    return {
      fill: {
        setSolidColor: (color: string) => q.write('series.format.fill.setSolidColor', color, () => (item().fill = color)),
        clear: () => q.write('series.format.fill.clear', null, () => (item().fill = 'none')),
      },
      line: {
        set color(value: string) {
          q.write('series.format.line.color', value, () => (item().line = value));
        },
        set lineStyle(value: string) {
          q.write('series.format.line.lineStyle', value, () => (item().lineStyle = value));
        },
        clear: () => q.write('series.format.line.clear', null, () => (item().line = 'none')),
      },
    };
  }
}
