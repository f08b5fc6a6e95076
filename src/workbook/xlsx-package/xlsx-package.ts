import type { Block, Cell, NumberFormat, ReportModel, SheetModel } from '../../core/report/model';
import { withRowsMaterialized } from '../../core/report/table-rows';
import { parseSettings, type WorkbookSettings } from '../../core/settings';
import type { CellValue, SheetValues } from '../../core/util/cell';
import { type RowStreamingPort, SETTINGS_SHEET, type SheetInfo, WorkbookError, type WorkbookPort } from '../port';
import { chartXml, drawingXml } from './chart-xml';
import { THEME_CONTENT_TYPE, THEME_PART, THEME_RELATIONSHIP, themeXml } from './theme-xml';
import {
  ContentTypes,
  CONTENT_TYPE,
  freeRelationshipId,
  NS,
  parseRelationships,
  REL,
  STRICT_MAIN_NS,
  type Relationship,
  relationshipsXml,
  relsPathOf,
  withoutRelationships,
  withRelationship,
} from './opc';
import { type CarriedNotes, carriedNotesOf, linkRelationshipIds, notesFit, withLinkRelationships } from './notes-region';
import { PartStore } from './part-store';
import { type DateSystem, isTabSelected, readSharedStrings, SheetScanner } from './sheet-scanner';
import { gridCellAt, layoutSheet } from './sheet-grid';
import { dateStyles, MINIMAL_STYLES, StyleBook } from './style-book';
import { strictDeflater, toStrict } from './strict-namespaces';
import { tableXml } from './table-xml';
import {
  activeTab,
  EMPTY_WORKBOOK_XML,
  hasSheetList,
  type SheetEntry,
  sheetEntries,
  type SheetState,
  usesDate1904,
  withActiveTab,
  withPrintTitles,
  withSheetAppended,
  withSheetState,
  workbookNamespace,
} from './workbook-xml';
import { cellXml, writeWorksheetXml } from './worksheet-xml';
import { spliceColumns } from './column-splice';
import type { DealColumnsWrite } from '../../core/report/deal-columns';
import { a1 } from '../../core/util/cell';
import { attributeValue, parseXmlTree } from './xml-tree';
import { concatChunks, ZipArchive } from './zip-archive';
import { fflateCodec, type ZipCodec } from './zip-codec';

/** Excel caps a cell at 32,767 characters; settings JSON is split across rows below that. */
const SETTINGS_CHUNK = 30_000;

const WORKSHEET_REL = REL.worksheet;

/** How the package compresses: fflate by default (browser), Node's zlib in the CLI. */
export interface PackageOptions {
  codec?: ZipCodec;
}

/** One sheet to (re)write and how it is shown in the tab bar. */
interface SheetWrite {
  model: SheetModel;
  state: SheetState;
}

/**
 * The `.xlsx` adapter that edits the package surgically: only the parts of
 * the sheets it writes change (plus workbook.xml, its rels, the content
 * types and appended styles); every other part, including all of the user's
 * sheets with their charts, pivot tables, images and comments, is copied
 * byte for byte, still compressed. Sheets are read by streaming their XML,
 * so memory grows with the values returned, not with the file, and not at
 * all with `readSheetRows`. The sheets it writes are generated as bytes and
 * compressed block by block, so a 100,000-row sheet is held as a few MB of
 * DEFLATE data, never as its XML; the archive is handed out in pieces
 * (`writeTo`) or whole (`toBytes`).
 *
 * Used by the CLI (with Node's zlib) and the browser mode (fflate).
 */
export class XlsxPackage implements WorkbookPort, RowStreamingPort {
  private sharedStrings: string[] | null = null;
  private dates: DateSystem | null = null;

  private constructor(
    private readonly parts: PartStore,
    private readonly workbookPart: string,
  ) {}

  /** A new, empty workbook (add sheets before saving: Excel opens no workbook without one). */
  static create(options: PackageOptions = {}): XlsxPackage {
    const parts = new PartStore(null, options.codec ?? fflateCodec);
    parts.write(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        `<Override PartName="/${THEME_PART}" ContentType="${THEME_CONTENT_TYPE}"/></Types>`,
    );
    parts.write('_rels/.rels', relationshipsXml('', [{ id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml' }]));
    parts.write('xl/workbook.xml', EMPTY_WORKBOOK_XML);
    parts.write(
      'xl/_rels/workbook.xml.rels',
      relationshipsXml('xl/workbook.xml', [
        { id: 'rId1', type: REL.styles, target: 'xl/styles.xml' },
        { id: 'rId2', type: THEME_RELATIONSHIP, target: THEME_PART },
      ]),
    );
    parts.write('xl/styles.xml', MINIMAL_STYLES);
    // Only here: a workbook the user brings keeps its own theme, or none (SPEC §6).
    parts.write(THEME_PART, themeXml());
    return new XlsxPackage(parts, 'xl/workbook.xml');
  }

  /** Opens .xlsx bytes; refuses what is not one with a `WorkbookError` the user can act on. */
  static fromBytes(bytes: Uint8Array, options: PackageOptions = {}): XlsxPackage {
    if (isOleCompoundFile(bytes))
      throw new WorkbookError('passwordProtected', 'The file is password-protected or an old binary .xls workbook; save it as an unprotected .xlsx first.');
    if (!isZip(bytes)) throw new WorkbookError('notAWorkbook', 'The file is not an .xlsx workbook.');
    try {
      const codec = options.codec ?? fflateCodec;
      const parts = new PartStore(new ZipArchive(bytes, codec), codec);
      const office = parseRelationships(parts.readText('_rels/.rels'), '').find((r) => r.type.endsWith('/officeDocument') && !r.external);
      if (!office || !parts.has(office.target) || !parts.has('[Content_Types].xml')) throw new Error('no workbook part');
      const type = new ContentTypes(parts.readText('[Content_Types].xml')).typeOf(office.target) ?? '';
      if (!/spreadsheetml|ms-excel/.test(type)) throw new Error(`the main part is ${type || 'of no known type'}`);
      if (!hasSheetList(parts.readText(office.target))) throw new Error('workbook.xml has no sheets');
      // Parsed now, so a part that is not XML is refused on opening, not half-way through a run.
      const rels = relsPathOf(office.target);
      if (parts.has(rels)) parseRelationships(parts.readText(rels), office.target);
      return new XlsxPackage(parts, parts.nameOf(office.target)!);
    } catch (e) {
      if (e instanceof WorkbookError) throw e;
      throw new WorkbookError('notAWorkbook', `The file could not be read as an .xlsx workbook (${(e as Error).message}).`);
    }
  }

  toBytes(): Uint8Array {
    return this.parts.toZip();
  }

  /**
   * The package as zip bytes, handed to `sink` in pieces of about 1 MB (each
   * awaited; a part copied still compressed goes whole, as it is held), so
   * a file is written without the whole archive in memory.
   */
  async writeTo(sink: (chunk: Uint8Array) => Promise<void>): Promise<void> {
    let pending: Uint8Array[] = [];
    let pendingLength = 0;
    const flush = async () => {
      if (pendingLength === 0) return;
      const bytes = concatChunks(pending);
      pending = [];
      pendingLength = 0;
      await sink(bytes);
    };
    for (const chunk of this.parts.zipChunks()) {
      // A big piece (a part copied still compressed) goes as it is: joining it to the small ones around it would copy it whole.
      if (chunk.length >= WRITE_BLOCK) {
        await flush();
        await sink(chunk);
        continue;
      }
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= WRITE_BLOCK) await flush();
    }
    await flush();
  }

  /** Adds a sheet of plain values (used for CSV input and the sample). */
  addValuesSheet(name: string, values: SheetValues, options: { dateColumns?: number[]; widths?: number[] } = {}): void {
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    const formats = Array.from({ length: width }, (_, c) => (options.dateColumns?.includes(c) ? ('date' as const) : undefined));
    const model: SheetModel = {
      name,
      role: 'data',
      blocks: [{ kind: 'cells', row: 0, col: 0, cells: values, formats }],
      columnWidths: Object.fromEntries((options.widths ?? []).map((w, c) => [c, w])),
      freeze: values.length > 0 ? { rows: 1, cols: 0 } : undefined,
    };
    this.writeSheets([{ model, state: 'visible' }], undefined);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheets()
      .filter((s) => s.name !== SETTINGS_SHEET)
      .map((s) => ({ name: s.name, visible: s.state === 'visible' }));
  }

  async activeSheet(): Promise<string | null> {
    const sheets = this.sheets();
    const active = sheets[activeTab(this.workbookXml())];
    return active && active.name !== SETTINGS_SHEET ? active.name : (sheets.find((s) => s.name !== SETTINGS_SHEET)?.name ?? null);
  }

  async readSheet(name: string): Promise<SheetValues> {
    const scanner = new SheetScanner(this.sharedStringTable(), undefined, this.dateSystem());
    await this.scanSheet(name, scanner);
    return scanner.end();
  }

  /**
   * Streams a sheet's rows to `onRow` as they are scanned, keeping none:
   * memory holds one row and the part's compressed bytes, whatever the
   * number of rows. Rows come in sheet order; blank rows are not visited;
   * `onRow` returning `false` stops the read (and the inflate).
   */
  async readSheetRows(name: string, onRow: (row: CellValue[], index: number) => boolean | void): Promise<void> {
    const scanner = new SheetScanner(this.sharedStringTable(), onRow, this.dateSystem());
    await this.scanSheet(name, scanner);
    scanner.end();
  }

  async applyReport(model: ReportModel): Promise<void> {
    this.writeSheets(
      model.sheets.map((s) => ({ model: s, state: s.hidden ? 'hidden' : 'visible' })),
      model.activate,
    );
  }

  /**
   * The deal forecast columns in the user's pipeline sheet (issue #17): its
   * worksheet part is spliced (column-splice.ts), every cell outside the
   * block's columns kept byte for byte; the styles part only gains the
   * formats the block uses. All or nothing.
   */
  async writeDealColumns(write: DealColumnsWrite): Promise<void> {
    const entry = this.findSheet(write.sheet);
    if (!entry) throw new WorkbookError('sheetNotFound', `There is no sheet named "${write.sheet}".`);
    const rel = this.workbookRels().find((r) => r.id === entry.relId);
    if (!rel || rel.type !== WORKSHEET_REL || !this.parts.has(rel.target)) throw new WorkbookError('writeFailed', `"${write.sheet}" is not a worksheet.`);
    const restore = this.parts.checkpoint();
    try {
      // A workbook without a styles part (some producers write none) gets the minimal one a report run would give it.
      if (!this.hasStylesPart()) new SheetWriter(this.parts, this.workbookPart).write([], undefined);
      const stylesRel = this.workbookRels().find((r) => r.type === REL.styles);
      if (!stylesRel || !this.parts.has(stylesRel.target)) throw new Error('the workbook has no styles part');
      const styles = new StyleBook(this.parts.readText(stylesRel.target));
      const shift = this.dateSystem().shift;
      const rows = new Map<number, string>();
      const block = write.block;
      if (block) {
        const header = styles.cellStyle(undefined, 'label');
        const body = block.formats.map((f) => styles.cellStyle(f, undefined));
        block.cells.forEach((cells, r) => {
          let xml = '';
          cells.forEach((value, c) => {
            if (value === null || value === undefined) return;
            const dated = r > 0 && typeof value === 'number' && (block.formats[c] === 'month' || block.formats[c] === 'date');
            xml += cellXml(a1(block.row + r, block.col + c), dated ? value - shift : value, r === 0 ? header : body[c]!);
          });
          if (xml) rows.set(block.row + r, xml);
        });
      }
      const clear = write.clear ?? { col: 0, width: 0 };
      const pieces = spliceColumns(this.parts.read(rel.target), {
        dropFrom: clear.col,
        dropTo: clear.col + clear.width,
        col: block?.col ?? 0,
        width: block ? block.formats.length : 0,
        rows,
      });
      const deflater = this.parts.codec.deflater(1);
      for (const piece of pieces) deflater.push(piece);
      this.parts.writeDeflated(rel.target, deflater.end());
      const result = styles.result();
      if (result.changed) this.parts.write(stylesRel.target, result.xml);
    } catch (e) {
      restore();
      if (e instanceof WorkbookError) throw e;
      throw new WorkbookError('writeFailed', `The deal forecast columns could not be written into "${write.sheet}" (${(e as Error).message}).`);
    }
  }

  private hasStylesPart(): boolean {
    const rel = this.workbookRels().find((r) => r.type === REL.styles);
    return rel !== undefined && this.parts.has(rel.target);
  }

  async readSettings(): Promise<WorkbookSettings> {
    if (!this.findSheet(SETTINGS_SHEET)) return parseSettings(null);
    const json = (await this.readSheet(SETTINGS_SHEET))
      .map((row) => row[0])
      .filter((v): v is string => typeof v === 'string')
      .join('');
    return parseSettings(json);
  }

  async writeSettings(settings: WorkbookSettings): Promise<void> {
    const json = JSON.stringify(settings);
    const cells: Cell[][] = [];
    for (let i = 0; i * SETTINGS_CHUNK < json.length || i === 0; i++) cells.push([json.slice(i * SETTINGS_CHUNK, (i + 1) * SETTINGS_CHUNK)]);
    this.writeSheets(
      [{ model: { name: SETTINGS_SHEET, role: 'settings', blocks: [{ kind: 'cells', row: 0, col: 0, cells }] }, state: 'veryHidden' }],
      undefined,
    );
  }

  async selectCell(sheet: string, _address: string): Promise<void> {
    const xml = this.workbookXml();
    const next = activateSheet(this.parts, this.workbookPart, xml, sheet, new Set());
    if (next !== xml) this.parts.write(this.workbookPart, next);
  }

  // ── reading ───────────────────────────────────────────────────────────

  private workbookXml(): string {
    return this.parts.readText(this.workbookPart);
  }

  private workbookRels(): Relationship[] {
    const path = relsPathOf(this.workbookPart);
    return this.parts.has(path) ? parseRelationships(this.parts.readText(path), this.workbookPart) : [];
  }

  private sheets(): SheetEntry[] {
    return sheetEntries(this.workbookXml());
  }

  /** A sheet by name: exact first, then ignoring case as Excel compares names. */
  private findSheet(name: string, sheets = this.sheets()): SheetEntry | undefined {
    return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  private async scanSheet(name: string, scanner: SheetScanner): Promise<void> {
    const entry = this.findSheet(name);
    if (!entry) throw new WorkbookError('sheetNotFound', `There is no sheet named "${name}".`);
    const rel = this.workbookRels().find((r) => r.id === entry.relId);
    // A chart sheet or dialog sheet has no cells.
    if (!rel || rel.type !== WORKSHEET_REL || !this.parts.has(rel.target)) return;
    await this.parts.streamAsync(rel.target, (chunk) => scanner.push(chunk));
  }

  /** A 1904-system workbook's date cells read as 1900-system serials, as the port promises (§18.17.4.1: 1462 days apart). */
  private dateSystem(): DateSystem {
    if (this.dates) return this.dates;
    if (!usesDate1904(this.workbookXml())) return (this.dates = { shift: 0, isDateStyle: [] });
    const rel = this.workbookRels().find((r) => r.type === REL.styles);
    const isDateStyle = rel && this.parts.has(rel.target) ? dateStyles(this.parts.readText(rel.target)) : [];
    return (this.dates = { shift: 1462, isDateStyle });
  }

  private sharedStringTable(): string[] {
    if (this.sharedStrings) return this.sharedStrings;
    const rel = this.workbookRels().find((r) => r.type === REL.sharedStrings);
    this.sharedStrings = rel && this.parts.has(rel.target) ? readSharedStrings(this.parts.read(rel.target)) : [];
    return this.sharedStrings;
  }

  // ── writing ───────────────────────────────────────────────────────────

  /** Writes sheets all or nothing: on any failure the package is as it was. */
  private writeSheets(writes: readonly SheetWrite[], activate: string | undefined): void {
    const restore = this.parts.checkpoint();
    const shift = this.dateSystem().shift;
    this.dates = null;
    try {
      new SheetWriter(this.parts, this.workbookPart).write(shift ? writes.map((w) => ({ ...w, model: withDatesShifted(w.model, -shift) })) : writes, activate);
    } catch (e) {
      restore();
      if (e instanceof WorkbookError) throw e;
      throw new WorkbookError('writeFailed', `The report could not be written into the workbook (${(e as Error).message}).`);
    }
  }
}

/**
 * Makes `name` the active tab, unless another sheet we do not own is marked
 * `tabSelected`: Excel would then open with both tabs selected ("[Group]"
 * mode, where typing edits every grouped sheet), and clearing the flag means
 * rewriting the user's sheet, which this adapter never does. The workbook
 * then opens on the user's sheet as before.
 */
function activateSheet(parts: PartStore, workbookPart: string, xml: string, name: string, ours: ReadonlySet<string>): string {
  const sheets = sheetEntries(xml);
  const index = sheets.findIndex((s) => s.name === name);
  if (index < 0) return xml;
  const current = activeTab(xml);
  if (current === index) return xml;
  const rels = parseRelationships(parts.has(relsPathOf(workbookPart)) ? parts.readText(relsPathOf(workbookPart)) : '', workbookPart);
  for (const sheet of sheets) {
    if (sheet.name === name || ours.has(sheet.name)) continue;
    const rel = rels.find((r) => r.id === sheet.relId);
    if (!rel || !parts.has(rel.target)) continue;
    if (isTabSelected(new TextEncoder().encode(parts.readPrefix(rel.target, 'sheetData')))) return xml;
  }
  return withActiveTab(xml, index);
}

/** One write: drops the old parts of the sheets it replaces, then renders each sheet. */
class SheetWriter {
  private workbook: string;
  private rels: string;
  private readonly relsPath: string;
  private readonly types: ContentTypes;
  private readonly styles: StyleBook;
  private readonly stylesPart: string;
  private readonly hadStyles: boolean;
  /** A Strict OOXML workbook: what we generate is written in Strict namespaces (strict-namespaces.ts). */
  private readonly strict: boolean;
  /** Table ids and names in use by parts that stay. */
  private tableIds = new Set<number>();
  private tableNames = new Map<string, string>();

  constructor(
    private readonly parts: PartStore,
    private readonly workbookPart: string,
  ) {
    this.workbook = parts.readText(workbookPart);
    this.strict = workbookNamespace(this.workbook) === STRICT_MAIN_NS;
    this.relsPath = relsPathOf(workbookPart);
    this.rels = parts.has(this.relsPath) ? parts.readText(this.relsPath) : relationshipsXml(workbookPart, []);
    this.types = new ContentTypes(parts.readText('[Content_Types].xml'));
    const stylesRel = this.relationships().find((r) => r.type === REL.styles);
    this.hadStyles = !!stylesRel && parts.has(stylesRel.target);
    this.stylesPart = stylesRel?.target ?? `${folderOf(workbookPart)}styles.xml`;
    this.styles = new StyleBook(this.hadStyles ? parts.readText(this.stylesPart) : this.generated(MINIMAL_STYLES));
  }

  write(writes: readonly SheetWrite[], activate: string | undefined): void {
    const names = new Set<string>();
    for (const w of writes) {
      // Excel's rules for a sheet name; a file breaking them is "repaired" by Excel on open.
      if (!/^[^[\]:*?/\\]{1,31}$/.test(w.model.name) || w.model.name.startsWith("'") || w.model.name.endsWith("'")) {
        throw new WorkbookError(
          'writeFailed',
          `"${w.model.name}" cannot be a sheet name (1–31 characters, none of [ ] : * ? / \\, no apostrophe at either end).`,
        );
      }
      if (names.has(w.model.name.toLowerCase())) throw new WorkbookError('writeFailed', `The report names the sheet "${w.model.name}" twice.`);
      names.add(w.model.name.toLowerCase());
    }
    // Drop every replaced sheet's old parts before allocating any new one,
    // so a regeneration reuses the same part names and table ids.
    // Carried Notes are read from the old sheets before their parts are dropped.
    const notes = writes.map((w) => carriedNotesOf(this.parts, this.workbook, this.relationships(), w.model));
    const targets = writes.map((w) => this.prepareTarget(w));
    this.collectTables();
    if (activate) this.workbook = activateSheet(this.parts, this.workbookPart, this.workbook, activate, new Set(writes.map((w) => w.model.name)));
    // Only a sheet just made active is marked selected: two selected tabs open grouped.
    const activated = activate && sheetEntries(this.workbook)[activeTab(this.workbook)]?.name === activate ? activate : undefined;
    writes.forEach((w, i) => this.render(w, targets[i]!, activated === w.model.name, notes[i] ?? null));
    for (const w of writes) this.setPrintTitles(w.model);
    this.dropCalcChain();
    this.finish();
  }

  private relationships(): Relationship[] {
    return parseRelationships(this.rels, this.workbookPart);
  }

  /** The worksheet part a sheet is written to; an existing sheet's old related parts are dropped. */
  private prepareTarget(w: SheetWrite): string {
    const entry = sheetEntries(this.workbook).find((s) => s.name.toLowerCase() === w.model.name.toLowerCase());
    if (!entry) {
      const target = this.freePart(`${folderOf(this.workbookPart)}worksheets/sheet`, '.xml');
      const relId = freeRelationshipId(this.relationships());
      const sheetId = sheetEntries(this.workbook).reduce((m, s) => Math.max(m, s.sheetId), 0) + 1;
      this.rels = withRelationship(this.rels, this.workbookPart, { id: relId, type: this.generated(WORKSHEET_REL), target });
      this.workbook = withSheetAppended(this.workbook, { name: w.model.name, sheetId, relId, state: w.state });
      // Reserve the name so the next new sheet picks another.
      this.parts.write(target, '');
      return target;
    }
    this.workbook = withSheetState(this.workbook, entry, w.state);
    const rel = this.relationships().find((r) => r.id === entry.relId);
    if (rel && !rel.external && rel.type === WORKSHEET_REL) {
      this.dropRelated(rel.target);
      return rel.target;
    }
    // A chart sheet (or a broken entry) under this name becomes a worksheet at a new part.
    if (rel && !rel.external) {
      this.dropRelated(rel.target);
      this.parts.delete(rel.target);
      this.types.removeOverride(rel.target);
    }
    const target = this.freePart(`${folderOf(this.workbookPart)}worksheets/sheet`, '.xml');
    this.rels = withoutRelationships(this.rels, new Set([entry.relId]));
    this.rels = withRelationship(this.rels, this.workbookPart, { id: entry.relId, type: this.generated(WORKSHEET_REL), target });
    this.parts.write(target, '');
    return target;
  }

  /**
   * Deletes a part's relationships part and every part it points to that no
   * other relationship in the package still uses (tables, drawings, charts,
   * comments, VML…), recursively. Parts the workbook or another sheet uses,
   * such as a pivot cache, stay.
   */
  private dropRelated(part: string): void {
    const relsPath = relsPathOf(part);
    if (!this.parts.has(relsPath)) return;
    const rels = parseRelationships(this.parts.readText(relsPath), part);
    this.parts.delete(relsPath);
    for (const rel of rels) {
      if (rel.external || !this.parts.has(rel.target) || this.isReferenced(rel.target)) continue;
      this.parts.delete(rel.target);
      this.types.removeOverride(rel.target);
      this.dropRelated(rel.target);
    }
  }

  private isReferenced(target: string): boolean {
    for (const name of this.parts.names()) {
      if (!name.endsWith('.rels')) continue;
      const source = sourceOfRels(name);
      const xml = name === this.relsPath ? this.rels : this.parts.readText(name);
      if (parseRelationships(xml, source).some((r) => !r.external && r.target.toLowerCase() === target.toLowerCase())) return true;
    }
    return false;
  }

  /** Table ids and names of the tables that remain in the package. */
  private collectTables(): void {
    for (const name of this.parts.names()) {
      if (!/\/tables\/[^/]+\.xml$/i.test(name) && this.types.typeOf(name) !== CONTENT_TYPE.table) continue;
      const text = this.parts.readText(name);
      if (text === '') continue;
      const table = parseXmlTree(text);
      if (table.local !== 'table' || !(NS.main as readonly string[]).includes(table.ns)) continue;
      this.tableIds.add(Number(attributeValue(table, '', 'id')));
      this.tableNames.set((attributeValue(table, '', 'name') ?? '').toLowerCase(), name);
    }
  }

  private render(w: SheetWrite, target: string, tabSelected: boolean, carried: CarriedNotes | null): void {
    const { model } = w;
    this.styles.currencyFormat = model.currencyFormat;
    let grid = layoutSheet(model, this.styles, carried !== null);
    const notes = carried && notesFit(grid, model) ? carried : null;
    if (carried && !notes) grid = layoutSheet(model, this.styles);
    const sheetRels: Omit<Relationship, 'external'>[] = [];
    const nextRelId = () => `rId${sheetRels.length + 1}`;

    const tableRelIds: string[] = [];
    for (const table of grid.tables) {
      const key = table.block.name.toLowerCase();
      if (this.tableNames.has(key))
        throw new WorkbookError('writeFailed', `A table named "${table.block.name}" already exists in this workbook (${this.tableNames.get(key)}).`);
      let id = 1;
      while (this.tableIds.has(id)) id++;
      const part = this.freePart(`${folderOf(this.workbookPart)}tables/table`, '.xml');
      this.parts.write(part, this.generated(tableXml(table, id)));
      this.types.setOverride(part, CONTENT_TYPE.table);
      this.tableIds.add(id);
      this.tableNames.set(key, part);
      const relId = nextRelId();
      sheetRels.push({ id: relId, type: REL.table, target: part });
      tableRelIds.push(relId);
    }

    let drawingRelId: string | undefined;
    if (grid.charts.length > 0) {
      const drawing = this.freePart(`${folderOf(this.workbookPart)}drawings/drawing`, '.xml');
      this.parts.write(drawing, '');
      const drawingRels: Omit<Relationship, 'external'>[] = grid.charts.map((chart, i) => {
        const part = this.freePart(`${folderOf(this.workbookPart)}charts/chart`, '.xml');
        this.parts.write(part, this.generated(chartXml(chart, model.name, (r, c) => gridCellAt(grid, r, c))));
        this.types.setOverride(part, CONTENT_TYPE.chart);
        return { id: `rId${i + 1}`, type: REL.chart, target: part };
      });
      this.parts.write(
        drawing,
        this.generated(
          drawingXml(
            grid.charts,
            drawingRels.map((r) => r.id),
          ),
        ),
      );
      this.parts.write(relsPathOf(drawing), this.generated(relationshipsXml(drawing, drawingRels)));
      this.types.setOverride(drawing, CONTENT_TYPE.drawing);
      drawingRelId = nextRelId();
      sheetRels.push({ id: drawingRelId, type: REL.drawing, target: drawing });
    }

    // Deflated while it is generated: a 100,000-row sheet is held as a few MB, never as its XML.
    const deflater = this.strict ? strictDeflater(this.parts.codec.deflater(1)) : this.parts.codec.deflater(1);
    const linkRelIds = linkRelationshipIds(notes, sheetRels.length);
    writeWorksheetXml(model, grid, this.styles, { drawingRelId, tableRelIds, tabSelected, notes, linkRelIds }, (bytes) => deflater.push(bytes));
    this.parts.writeDeflated(target, deflater.end());
    this.types.setOverride(target, CONTENT_TYPE.worksheet);
    if (sheetRels.length > 0 || linkRelIds.some((id) => id !== undefined))
      this.parts.write(relsPathOf(target), this.generated(withLinkRelationships(relationshipsXml(target, sheetRels), notes, linkRelIds)));
  }

  /** A sheet's repeated title rows live in workbook.xml, by the sheet's position. */
  private setPrintTitles(model: SheetModel): void {
    const index = sheetEntries(this.workbook).findIndex((s) => s.name.toLowerCase() === model.name.toLowerCase());
    if (index >= 0) this.workbook = withPrintTitles(this.workbook, index, model.name, model.print?.titleRows ?? null);
  }

  /** Text we generate (a part, a relationship type) as this package's conformance class wants it. */
  private generated(text: string): string {
    return this.strict ? toStrict(text) : text;
  }

  /** calcChain lists formula cells by sheet; cells of a replaced sheet may be in it, so it goes (Excel rebuilds it). */
  private dropCalcChain(): void {
    const chains = this.relationships().filter((r) => r.type === REL.calcChain);
    for (const rel of chains) {
      this.parts.delete(rel.target);
      this.types.removeOverride(rel.target);
    }
    if (chains.length > 0) this.rels = withoutRelationships(this.rels, new Set(chains.map((r) => r.id)));
  }

  private finish(): void {
    const styles = this.styles.result();
    if (styles.changed || !this.hadStyles) {
      this.parts.write(this.stylesPart, styles.xml);
      if (!this.hadStyles) {
        this.rels = withRelationship(this.rels, this.workbookPart, {
          id: freeRelationshipId(this.relationships()),
          type: this.generated(REL.styles),
          target: this.stylesPart,
        });
        this.types.setOverride(this.stylesPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
      }
    }
    this.writeIfChanged(this.workbookPart, this.workbook);
    this.writeIfChanged(this.relsPath, this.rels);
    this.writeIfChanged('[Content_Types].xml', this.types.xml);
  }

  /** Parts whose text did not change keep their original bytes. */
  private writeIfChanged(part: string, xml: string): void {
    if (!this.parts.has(part) || this.parts.readText(part) !== xml) this.parts.write(part, xml);
  }

  /** `prefix` + the smallest number not used by a part + `suffix`. */
  private freePart(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) {
      const name = `${prefix}${n}${suffix}`;
      if (!this.parts.has(name)) return name;
    }
  }
}

const DATE_FORMATS: ReadonlySet<NumberFormat | undefined> = new Set<NumberFormat | undefined>(['date', 'month']);

/** The model with every date-formatted number moved by `days`: what the core computes as 1900-system serials, written into a 1904-system workbook. */
function withDatesShifted(model: SheetModel, days: number): SheetModel {
  const shift = (cell: Cell, format: NumberFormat | undefined): Cell => {
    if (!DATE_FORMATS.has(format)) return cell;
    if (typeof cell === 'number') return cell + days;
    if (cell && typeof cell === 'object' && 'formula' in cell && typeof cell.value === 'number') return { ...cell, value: cell.value + days };
    return cell;
  };
  const blocks = model.blocks.map((block): Block => {
    if (block.kind === 'cells') return { ...block, cells: block.cells.map((row) => row.map((cell, c) => shift(cell, block.formats?.[c]))) };
    if (block.kind === 'table') {
      // A rare workbook: the data sheet's rows are made as cells here, to be shifted.
      const table = withRowsMaterialized(block);
      return { ...table, rows: table.rows.map((row, r) => row.map((cell, c) => shift(cell, table.columns[c]?.format ?? table.rowFormats?.[r]))) };
    }
    return block;
  });
  return { ...model, blocks };
}

/** The archive goes to the sink in blocks of about this size. */
const WRITE_BLOCK = 1 << 20;

function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

/** `xl/worksheets/_rels/sheet1.xml.rels` → `xl/worksheets/sheet1.xml`. */
function sourceOfRels(relsPath: string): string {
  return relsPath.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function isOleCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}
