import type { NotesBlock, SheetModel } from '../../core/report/model';
import { columnLetter } from '../../core/util/cell';
import { parseRelationships, relsPathOf, REL, type Relationship } from './opc';
import type { PartStore } from './part-store';
import { sheetEntries } from './workbook-xml';
import { gridExtent, type SheetGrid } from './sheet-grid';
import { decodeEntities, escapeAttr, escapeText } from './xml-text';

/**
 * The Notes region of a report tab carried from its previous version cell
 * for cell (SPEC §6): the `<row>` elements below the Notes heading as they
 * were written (values, formulas, `s` styles, shared-string indices, row
 * heights), renumbered to the new heading's place, with the merged cells
 * and hyperlinks that lie there. Copying the XML keeps everything a cell
 * can hold without this adapter having to understand it:
 *
 * - `s` indices stay valid: styles.xml is only ever appended to (StyleBook);
 * - `t="s"` indices stay valid: the shared-string table is never rewritten;
 * - references a formula makes into the region follow it (as when Excel
 *   moves cells); references above it, to the report, stay as written.
 *
 * What the region cannot keep is dropped rather than written broken:
 * attributes of other namespaces (`x14ac:dyDescent`, a rendering hint,
 * declared only on the old root). A row holding an element of another
 * namespace makes the carry give up, and the adapter writes the values.
 */
export interface CarriedNotes {
  /** The renumbered `<row>` elements, in the main namespace, unprefixed. */
  rowsXml: string;
  /** Merged ranges in the region, renumbered. */
  merges: string[];
  hyperlinks: CarriedLink[];
  /** Zero-based last row and column the carried cells reach. */
  bottom: number;
  right: number;
}

export interface CarriedLink {
  /** The `<hyperlink>` attributes other than the relationship id, renumbered and escaped. */
  attributes: string;
  /** An external target (the old relationship's), when the link has one. */
  target?: string;
}

const MAIN_NAMESPACES = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const RELATIONSHIP_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
const MAX_ROWS = 1_048_576;

/**
 * The carried Notes of each sheet to write, read before anything of the old
 * sheets is dropped (the hyperlinks' relationships live in the old sheet's
 * rels part); null where the model does not ask for it or the old sheet
 * cannot give it.
 */
export function carriedNotesOf(parts: PartStore, workbookXml: string, workbookRels: readonly Relationship[], model: SheetModel): CarriedNotes | null {
  const block = model.blocks.find((b): b is NotesBlock => b.kind === 'notes');
  if (!block?.carry) return null;
  const entry = sheetEntries(workbookXml).find((s) => s.name.toLowerCase() === model.name.toLowerCase());
  const rel = entry && workbookRels.find((r) => r.id === entry.relId);
  if (!rel || rel.external || rel.type !== REL.worksheet || !parts.has(rel.target)) return null;
  const relsPath = relsPathOf(rel.target);
  const sheetRels = parts.has(relsPath) ? parseRelationships(parts.readText(relsPath), rel.target) : [];
  return carryNotes(parts.readText(rel.target), sheetRels, block.carry.headingRow, block.row);
}

/** One token of the sheet's XML: a tag (start, end or empty), or what lies between tags. */
interface Token {
  text: string;
  /** For tags: the name as written (with its prefix). */
  name?: string;
  closing?: boolean;
  selfClosing?: boolean;
}

/**
 * The rows below `oldHeading` (zero-based) of the worksheet XML, moved to
 * below `newHeading`; null when the XML holds something the copy cannot
 * carry safely.
 */
export function carryNotes(xml: string, sheetRels: readonly Relationship[], oldHeading: number, newHeading: number): CarriedNotes | null {
  const delta = newHeading - oldHeading;
  /** First 1-based row of the region. */
  const first = oldHeading + 2;
  // Only the root tag (for its namespaces) and what follows the region's first row are tokenized: the
  // rows above it (a report's data issues may be thousands) are skipped by one search.
  const rootEnd = xml.search(/<[^?!]/);
  const start = regionStart(xml, first);
  const rootTokens = rootEnd < 0 ? [] : tokenize(xml.slice(rootEnd, xml.indexOf('>', rootEnd) + 1));
  const tokens = tokenize(start ? xml.slice(start.index) : xml);
  const root = rootTokens[0];
  if (!root?.name) return null;
  const namespaces = declarations(root.text);
  const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : '');
  const isMain = (name: string) => MAIN_NAMESPACES.has(namespaces.get(prefixOf(name)) ?? '');
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  const shift = (row: number) => (row >= first ? row + delta : row);

  const out: string[] = [];
  const merges: string[] = [];
  const hyperlinks: CarriedLink[] = [];
  let bottom = -1;
  let right = -1;
  let inSheetData = start?.inSheetData ?? false;
  const sharedMasters = new Set<string>();
  let row = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.name === undefined || !isMain(token.name)) continue;
    const name = local(token.name);
    if (name === 'sheetData') {
      inSheetData = !token.closing && !token.selfClosing;
      continue;
    }
    if (!inSheetData && !token.closing && name === 'mergeCell') {
      const ref = attributes(token.text).get('ref');
      const range = ref ? parseRange(ref) : null;
      if (range && range.top >= first) merges.push(shiftRange(range, shift));
      continue;
    }
    if (!inSheetData && !token.closing && name === 'hyperlink') {
      const link = carriedLink(token.text, namespaces, sheetRels, first, shift);
      if (link) hyperlinks.push(link);
      continue;
    }
    if (!inSheetData || token.closing || name !== 'row') continue;
    const rowAttributes = attributes(token.text);
    row = rowAttributes.has('r') ? Number(rowAttributes.get('r')) : row + 1;
    const end = token.selfClosing ? i : closingIndex(tokens, i, token.name);
    if (end < 0) return null;
    if (row >= first && row + delta <= MAX_ROWS) {
      const copied = copyRow(tokens.slice(i, end + 1), { isMain, local, shift, row, sharedMasters });
      if (copied === null) return null;
      out.push(copied.xml);
      bottom = Math.max(bottom, row + delta - 1);
      right = Math.max(right, copied.right);
    }
    i = end;
  }
  return { rowsXml: out.join(''), merges, hyperlinks, bottom, right };
}

interface CopyContext {
  isMain(name: string): boolean;
  local(name: string): string;
  shift(row: number): number;
  row: number;
  /** `si` of the shared formulas whose first cell was carried. */
  sharedMasters: Set<string>;
}

/** One `<row>…</row>`, its tags rebuilt in our namespace and renumbered; null when it holds a foreign element. */
function copyRow(tokens: readonly Token[], context: CopyContext): { xml: string; right: number } | null {
  const parts: string[] = [];
  let right = -1;
  let col = -1;
  let inFormula = false;
  for (const token of tokens) {
    if (token.name === undefined) {
      // Text and comments as written; a formula's text with its references moved.
      parts.push(inFormula ? escapeText(shiftFormula(decodeEntities(token.text), context.shift)) : token.text);
      continue;
    }
    if (!context.isMain(token.name)) return null;
    const name = context.local(token.name);
    if (token.closing) {
      if (name === 'f') inFormula = false;
      parts.push(`</${name}>`);
      continue;
    }
    const a = attributes(token.text);
    if (name === 'row') a.set('r', String(context.shift(context.row)));
    if (name === 'c') {
      const ref = a.get('r');
      const at = ref ? parseCell(ref) : null;
      col = at ? at.col : col + 1;
      if (at) a.set('r', `${columnLetter(at.col)}${context.shift(at.row)}`);
      right = Math.max(right, col);
    }
    if (name === 'f') {
      const ref = a.get('ref');
      const range = ref ? parseRange(ref) : null;
      if (range) a.set('ref', shiftRange(range, context.shift));
      // A shared formula's cells hold only its index; its text is in the first cell (§18.3.1.40), which must be carried too.
      if (a.get('t') === 'shared') {
        const si = a.get('si') ?? '';
        if (range) context.sharedMasters.add(si);
        else if (!context.sharedMasters.has(si)) return null;
      }
      inFormula = !token.selfClosing;
    }
    const attrs = [...a].filter(([k]) => !k.includes(':') || k.startsWith('xml:')).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`);
    parts.push(`<${name}${attrs.join('')}${token.selfClosing ? '/' : ''}>`);
  }
  return { xml: parts.join(''), right };
}

/** A `<hyperlink>` of the region, its relationship resolved to the external target it names. */
function carriedLink(
  tag: string,
  namespaces: ReadonlyMap<string, string>,
  sheetRels: readonly Relationship[],
  first: number,
  shift: (row: number) => number,
): CarriedLink | null {
  const a = attributes(tag);
  const range = parseRange(a.get('ref') ?? '');
  if (!range || range.top < first) return null;
  let target: string | undefined;
  const kept: string[] = [`ref="${shiftRange(range, shift)}"`];
  for (const [key, value] of a) {
    const colon = key.indexOf(':');
    if (colon < 0) {
      if (key !== 'ref') kept.push(`${key}="${escapeAttr(value)}"`);
      continue;
    }
    if (RELATIONSHIP_NAMESPACES.has(namespaces.get(key.slice(0, colon)) ?? '') && key.slice(colon + 1) === 'id') {
      const rel = sheetRels.find((r) => r.id === value);
      // A link whose relationship is gone would point nowhere: keep its other attributes (a location, a display text).
      if (rel?.external) target = rel.target;
    }
  }
  if (target === undefined && !a.has('location')) return null;
  return { attributes: kept.join(' '), target };
}

/** The `<mergeCells>` element for the carried merges ('' for none). */
export function mergeCellsXml(notes: CarriedNotes | null | undefined): string {
  if (!notes || notes.merges.length === 0) return '';
  return `<mergeCells count="${notes.merges.length}">${notes.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
}

/** The `<hyperlinks>` element for the carried links, external ones under the given relationship ids ('' for none). */
export function hyperlinksXml(notes: CarriedNotes | null | undefined, relIds: readonly (string | undefined)[]): string {
  if (!notes || notes.hyperlinks.length === 0) return '';
  const items = notes.hyperlinks.map((link, k) => `<hyperlink ${link.attributes}${relIds[k] ? ` r:id="${relIds[k]}"` : ''}/>`);
  return `<hyperlinks>${items.join('')}</hyperlinks>`;
}

/** Relationship ids for the carried external links, numbered after the sheet's `taken` others. */
export function linkRelationshipIds(notes: CarriedNotes | null | undefined, taken: number): (string | undefined)[] {
  let next = taken;
  return (notes?.hyperlinks ?? []).map((link) => (link.target === undefined ? undefined : `rId${++next}`));
}

/** Adds the carried links' external relationships to a rels part we generated. */
export function withLinkRelationships(relsXml: string, notes: CarriedNotes | null | undefined, relIds: readonly (string | undefined)[]): string {
  const items = (notes?.hyperlinks ?? []).map((link, k) =>
    link.target === undefined ? '' : `<Relationship Id="${relIds[k]}" Type="${REL_HYPERLINK}" Target="${escapeAttr(link.target)}" TargetMode="External"/>`,
  );
  const close = relsXml.lastIndexOf('</Relationships>');
  return `${relsXml.slice(0, close)}${items.join('')}${relsXml.slice(close)}`;
}

const REL_HYPERLINK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

// ── formulas ──────────────────────────────────────────────────────────────

/**
 * Moves a formula's references to rows of the region (unqualified A1
 * references, relative or absolute, single cells, ranges' ends and whole
 * rows) as `shift` says; everything else (text literals, quoted sheet
 * names, references qualified by a sheet, function and defined names,
 * structured references) is kept as written.
 */
export function shiftFormula(formula: string, shift: (row: number) => number): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const c = formula[i]!;
    if (c === '"' || c === "'") {
      // A text literal or a quoted sheet name; a doubled quote stays inside.
      let j = i + 1;
      while (j < n && !(formula[j] === c && formula[j + 1] !== c)) j += formula[j] === c ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '[') {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const before = i > 0 ? formula[i - 1]! : '';
    const qualified = before === '!';
    if (!/[A-Za-z0-9_.\\]/.test(before)) {
      CELL.lastIndex = i;
      const cell = CELL.exec(formula);
      if (cell) {
        out += qualified ? cell[0] : `${cell[1]}${cell[2]}${cell[3]}${shift(Number(cell[4]))}`;
        i += cell[0].length;
        continue;
      }
      ROWS.lastIndex = i;
      const rows = ROWS.exec(formula);
      if (rows) {
        out += qualified ? rows[0] : `${rows[1]}${shift(Number(rows[2]))}:${rows[3]}${shift(Number(rows[4]))}`;
        i += rows[0].length;
        continue;
      }
      NAME.lastIndex = i;
      const name = NAME.exec(formula);
      if (name) {
        out += name[0];
        i += name[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** `$B$47`, `B47`: not followed by what would make it a name, a function or a sheet. */
const CELL = /(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!])/y;
/** `47:50`, `$47:$50`: whole rows. */
const ROWS = /(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})(?![0-9A-Za-z_.(!])/y;
/** Function names, defined names, numbers, unquoted sheet names: kept whole. */
const NAME = /[A-Za-z0-9_.\\]+/y;

// ── XML helpers ──────────────────────────────────────────────────────────

/** Tags (quotes respected), comments, PIs and CDATA kept as text tokens between them. */
function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      tokens.push({ text: xml.slice(i) });
      break;
    }
    if (lt > i) tokens.push({ text: xml.slice(i, lt) });
    const special = xml.startsWith('<!--', lt)
      ? '-->'
      : xml.startsWith('<![CDATA[', lt)
        ? ']]>'
        : xml.startsWith('<?', lt)
          ? '?>'
          : xml.startsWith('<!', lt)
            ? '>'
            : null;
    if (special) {
      const end = xml.indexOf(special, lt);
      const stop = end < 0 ? n : end + special.length;
      tokens.push({ text: xml.slice(lt, stop) });
      i = stop;
      continue;
    }
    let j = lt + 1;
    let quote = '';
    for (; j < n; j++) {
      const c = xml[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    const text = xml.slice(lt, j + 1);
    const closing = text[1] === '/';
    const name = /^<\/?([^\s/>]+)/.exec(text)?.[1] ?? '';
    tokens.push({ text, name, closing, selfClosing: !closing && text.endsWith('/>') });
    i = j + 1;
  }
  return tokens;
}

/**
 * Where to start reading: at the first `<row>` at or below 1-based row
 * `first` (found by its `r`), else (an empty region) at the end of
 * `sheetData`, for the merges and links after it; null when a row before
 * has no `r` (numbering then needs every row) and the whole part is read.
 */
function regionStart(xml: string, first: number): { index: number; inSheetData: boolean } | null {
  const rows = /<(?:[\w.-]+:)?row(?=[\s/>])([^>]*)>|<\/(?:[\w.-]+:)?sheetData>/g;
  for (let m = rows.exec(xml); m; m = rows.exec(xml)) {
    if (m[1] === undefined) return { index: m.index, inSheetData: true };
    const r = /\sr\s*=\s*["'](\d+)["']/.exec(m[1]);
    if (!r) return null;
    if (Number(r[1]) >= first) return { index: m.index, inSheetData: true };
  }
  return null;
}

/** Index of the end tag that closes the start tag at `start`. */
function closingIndex(tokens: readonly Token[], start: number, name: string): number {
  let depth = 0;
  for (let k = start; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.name !== name) continue;
    if (!t.closing && !t.selfClosing) depth++;
    else if (t.closing && --depth === 0) return k;
  }
  return -1;
}

/** A tag's attributes in order, by full name, values decoded. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = tag.replace(/^<\/?[^\s/>]+/, '');
  for (const m of body.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  return out;
}

/** The root's namespace declarations: prefix ('' for the default) → URI. */
function declarations(rootTag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of attributes(rootTag)) {
    if (key === 'xmlns') out.set('', value);
    else if (key.startsWith('xmlns:')) out.set(key.slice(6), value);
  }
  return out;
}

interface Range {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** `B47` → column and 1-based row. */
function parseCell(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}

/** `A47:C48` or `A47`. */
function parseRange(ref: string): Range | null {
  const [a, b] = ref.split(':');
  const from = parseCell(a ?? '');
  const to = b === undefined ? from : parseCell(b);
  if (!from || !to) return null;
  return { left: from.col, top: from.row, right: to.col, bottom: to.row };
}

function shiftRange(r: Range, shift: (row: number) => number): string {
  const from = `${columnLetter(r.left)}${shift(r.top)}`;
  const to = `${columnLetter(r.right)}${shift(r.bottom)}`;
  return from === to ? from : `${from}:${to}`;
}

/** The carried rows go after every row the grid writes: nothing of the model may lie below the Notes heading. */
export function notesFit(grid: SheetGrid, model: SheetModel): boolean {
  const block = model.blocks.find((b): b is NotesBlock => b.kind === 'notes');
  return block !== undefined && gridExtent(grid).bottom <= block.row;
}
