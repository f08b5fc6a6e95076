import type { CellValue, SheetValues } from '../../core/util/cell';
import { serialFromDate } from '../../core/util/dates';
import * as xmlBytes from './xml-bytes';
import type { Tag } from './xml-bytes';
import { decodeOoxmlEscapes } from './xml-text';
import { concatChunks } from './zip-archive';

// Bound once: through a module namespace each use may be a getter call
// (esbuild's CommonJS output), which cost a third of the scan time in the hot loop.
const { attributeRange, indexOfByte, isNamed, LT, GT, nextTag, nextTagStop, readValue, richText, richTextEnd, textOf, valueEnd } = xmlBytes;

/** SpreadsheetML's namespace, Transitional and Strict: the elements this reader reads are in it. */
const MAIN_NAMESPACES = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];

/** Serial dates of a 1904-system workbook, and which cell styles show dates. */
export interface DateSystem {
  /** Days added to a date cell's serial: 1462 for the 1904 system (§18.17.4.1), else 0. */
  shift: number;
  /** `isDateStyle[s]` for the cell format index `s`. */
  isDateStyle: readonly boolean[];
}

/**
 * Reads a worksheet part's cell values, fed in chunks as they come out of
 * inflate, so memory holds the values returned plus one partial row. Given
 * `onRow`, it keeps no rows at all: each row is handed over once complete
 * and forgotten, so a 1,048,576-row sheet is read in the memory of one row.
 *
 * ECMA-376 Part 1 §18.3.1.4 (c) and §18.18.11 (ST_CellType): `t="s"` shared
 * string index, `str` formula text result, `inlineStr` text in `<is>`,
 * `b` boolean, `e` error (→ null), `n` or absent a number, `d` an ISO date
 * (→ serial). Formula cells give their cached `<v>`. Cells and rows without
 * `r` follow the previous one (§18.3.1.73 makes `r` optional).
 *
 * Elements count by namespace, not by spelling: the root's declarations say
 * which prefix SpreadsheetML has (`x:` from the Open XML SDK, none from
 * Excel), and a `<c>` or `<row>` of another namespace is not a cell.
 *
 * Linear in the part's size whatever its content: a chunk is scanned up to
 * the first construct it cuts (a tag or a cell), only that remainder is
 * kept, and a construct longer than a chunk is retried only when the bytes
 * held have doubled, so no byte is rescanned more than a few times.
 */
export class SheetScanner {
  private readonly rows: CellValue[][] = [];
  /** Bytes held for the next scan (the cut construct, then whole chunks while it is retried). */
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  /** Scan again once `pendingLength` reaches this (0: at once). */
  private retryAt = 0;
  /** Bytes copied into held buffers so far: a linear reader copies each byte a bounded number of times. */
  bytesCopied = 0;
  /** The SpreadsheetML prefix as bytes (empty: the default namespace), or null until the root is seen or when it declares none. */
  private mainPrefix: Uint8Array | null = null;
  private sawRoot = false;
  /** SpreadsheetML's elements are unprefixed here (the default namespace, or none declared): `readPlainCell` applies. */
  private plainNames = false;
  private style = 0;
  private inSheetData = false;
  private row = -1;
  private col = -1;
  private height = 0;
  private width = 0;
  /** Row mode: the row being filled and its index (-1: none). */
  private current: CellValue[] = [];
  private currentIndex = -1;
  /** Row mode: `onRow` asked to stop. */
  private stopped = false;

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly onRow?: (row: CellValue[], index: number) => boolean | void,
    private readonly dates: DateSystem = { shift: 0, isDateStyle: [] },
  ) {}

  /** Scans a chunk; false once the reader wants no more (the caller may stop inflating). */
  push(chunk: Uint8Array): boolean {
    if (this.stopped) return false;
    if (this.pendingLength === 0) {
      this.scanHeld(chunk, 0);
      return !this.stopped;
    }
    if (this.pendingLength + chunk.length < this.retryAt) {
      // Chunks may be reused by their producer: what is held is a copy.
      this.pending.push(chunk.slice());
      this.bytesCopied += chunk.length;
      this.pendingLength += chunk.length;
      return true;
    }
    if (this.pending.length === 1 && this.pendingLength <= JOIN_WINDOW && this.scanJoined(chunk)) return !this.stopped;
    const buffer = concatChunks([...this.pending, chunk]);
    this.bytesCopied += buffer.length;
    this.pending = [];
    this.pendingLength = 0;
    this.scanHeld(buffer, 0);
    return !this.stopped;
  }

  /**
   * The usual case after a cut: a short construct held (part of a cell),
   * joined with the head of the next chunk only; once the scan is past it,
   * the chunk is scanned where it lies, never copied. False (nothing
   * changed but the bytes scanned twice) when the construct runs past the head.
   */
  private scanJoined(chunk: Uint8Array): boolean {
    const held = this.pending[0]!;
    const head = Math.min(chunk.length, JOIN_WINDOW);
    const joined = new Uint8Array(held.length + head);
    joined.set(held, 0);
    joined.set(chunk.subarray(0, head), held.length);
    this.bytesCopied += joined.length;
    const consumed = this.scan(joined, 0, joined.length, false);
    if (consumed < held.length && !this.stopped) return false;
    this.pending = [];
    this.pendingLength = 0;
    this.retryAt = 0;
    if (!this.stopped) this.scanHeld(chunk, consumed - held.length);
    return true;
  }

  /** Scans `buffer` from `from` and holds what it cut for later. */
  private scanHeld(buffer: Uint8Array, from: number): void {
    const consumed = this.scan(buffer, from, buffer.length, false);
    if (consumed >= buffer.length || this.stopped) {
      this.retryAt = 0;
      return;
    }
    const rest = buffer.slice(consumed);
    this.bytesCopied += rest.length;
    this.pending = [rest];
    this.pendingLength = rest.length;
    this.retryAt = 2 * rest.length;
  }

  private takePending(): Uint8Array {
    const buffer = concatChunks(this.pending);
    if (this.pending.length > 1) this.bytesCopied += this.pendingLength;
    this.pending = [];
    this.pendingLength = 0;
    return buffer;
  }

  /**
   * The used range from A1: rows up to the last with a value, each padded
   * with null to the widest (in row mode, nothing: the last row is handed
   * over and the result is empty).
   */
  end(): SheetValues {
    if (this.pendingLength > 0) this.scan(this.takePending(), 0, Infinity, true);
    if (this.onRow) {
      this.emitRow();
      return [];
    }
    const rows = this.rows;
    rows.length = this.height;
    for (let r = 0; r < this.height; r++) {
      const row = rows[r] ?? (rows[r] = []);
      for (let c = 0; c < this.width; c++) if (row[c] === undefined) row[c] = null;
    }
    return rows;
  }

  /**
   * Scans [from, limit) and returns where it stopped: `limit`, or the start of
   * a tag or cell the limit cuts (unless `final`, when the part ends there).
   */
  private scan(b: Uint8Array, from: number, limit: number, final: boolean): number {
    limit = Math.min(limit, b.length);
    let i = from;
    while (!this.stopped) {
      const tag = nextTag(b, i, limit);
      if (!tag) return final || nextTagStop.at < 0 ? limit : nextTagStop.at;
      i = tag.end + 1;
      if (!this.sawRoot) {
        this.sawRoot = true;
        this.mainPrefix = mainPrefixOf(b, tag);
        this.plainNames = this.mainPrefix === null || this.mainPrefix.length === 0;
        continue;
      }
      if (!this.inMain(b, tag)) continue;
      if (isNamed(b, tag, 'sheetData')) {
        this.inSheetData = !tag.closing && !tag.selfClosing;
        continue;
      }
      if (!this.inSheetData || tag.closing) continue;
      if (isNamed(b, tag, 'row')) this.startRow(b, tag);
      else if (isNamed(b, tag, 'c')) {
        const start = tag.start;
        const next = this.readCell(b, tag, limit, final);
        if (next < 0) return start;
        i = next;
      }
    }
    return limit;
  }

  /** True when the tag's prefix is SpreadsheetML's (any prefix when the root declared none). */
  private inMain(b: Uint8Array, tag: Tag): boolean {
    const p = this.mainPrefix;
    if (p === null) return true;
    const length = tag.nameStart - tag.prefixStart;
    if (p.length === 0) return length === 0;
    if (length !== p.length + 1) return false;
    for (let k = 0; k < p.length; k++) if (b[tag.prefixStart + k] !== p[k]) return false;
    return true;
  }

  private startRow(b: Uint8Array, tag: Tag): void {
    const r = attributeRange(b, tag, 'r');
    this.row = r ? parseInteger(b, r[0], r[1]) - 1 : this.row + 1;
    this.col = -1;
  }

  /**
   * Reads one `<c>` whose start tag is `tag`; returns the index after the
   * cell, or -1 (with nothing changed) when the limit cuts it and it is not `final`.
   */
  private readCell(b: Uint8Array, tag: Tag, limit: number, final: boolean): number {
    // Copy the tag: nextTag reuses its object.
    const tagEnd = tag.end;
    const selfClosing = tag.selfClosing;
    const row = this.row;
    const col = this.col;
    const type = this.readCellAttributes(b, tag.nameEnd, tagEnd);
    if (selfClosing) return tagEnd + 1;
    if (this.plainNames) {
      const next = this.readPlainCell(b, tagEnd + 1, limit, type);
      if (next >= 0) return next;
    }
    let rawStart = -1;
    let rawEnd = -1;
    let inline: string | null = null;
    let i = tagEnd + 1;
    let complete = false;
    for (;;) {
      const child = nextTag(b, i, limit);
      if (!child) break;
      i = child.end + 1;
      if (child.closing) {
        if (isNamed(b, child, 'c') && this.inMain(b, child)) {
          complete = true;
          break;
        }
        continue;
      }
      if (child.selfClosing || !this.inMain(b, child)) continue;
      if (isNamed(b, child, 'v')) {
        if (!readValue(b, i, limit)) break;
        rawStart = valueEnd.start;
        rawEnd = valueEnd.end;
        i = valueEnd.next;
      } else if (isNamed(b, child, 'is')) {
        inline = richText(b, i, limit, 'is');
        if (!richTextEnd.complete) break;
        i = richTextEnd.at;
      } else if (isNamed(b, child, 'f')) {
        // The formula text is not a value; skip to its end tag.
        if (!readValue(b, i, limit)) break;
        i = valueEnd.next;
      }
    }
    if (!complete && !final) {
      this.row = row;
      this.col = col;
      return -1;
    }
    this.store(b, type, rawStart, rawEnd, inline);
    return complete ? i : limit;
  }

  /**
   * The two forms nearly every cell's content has, `<v>…</v></c>` and
   * `<is><t>…</t></is></c>`, matched byte for byte from `i` (just after
   * the `<c …>` tag): the index after the cell, or -1 for anything else
   * (another form, a prefix, a CDATA section, a cut), which the general
   * path reads. Saves four tag scans a cell, a third of the scan's time.
   */
  private readPlainCell(b: Uint8Array, i: number, limit: number, type: number): number {
    if (i + 3 >= limit || b[i] !== LT) return -1;
    if (b[i + 1] === 0x76 && b[i + 2] === GT) {
      const start = i + 3;
      const end = indexOfByte(b, LT, start, limit);
      // `</v></c>`
      if (end < 0 || end + 8 > limit || b[end + 1] !== SLASH || b[end + 2] !== 0x76 || b[end + 3] !== GT || !isCellEnd(b, end + 4)) return -1;
      this.store(b, type, start, end, null);
      return end + 8;
    }
    // `<is><t>`
    if (i + 7 > limit || b[i + 1] !== 0x69 || b[i + 2] !== 0x73 || b[i + 3] !== GT || b[i + 4] !== LT || b[i + 5] !== 0x74 || b[i + 6] !== GT) return -1;
    const start = i + 7;
    const end = indexOfByte(b, LT, start, limit);
    // `</t></is></c>`
    if (
      end < 0 ||
      end + 13 > limit ||
      b[end + 1] !== SLASH ||
      b[end + 2] !== 0x74 ||
      b[end + 3] !== GT ||
      b[end + 4] !== LT ||
      b[end + 5] !== SLASH ||
      b[end + 6] !== 0x69 ||
      b[end + 7] !== 0x73 ||
      b[end + 8] !== GT ||
      !isCellEnd(b, end + 9)
    )
      return -1;
    this.store(b, type, -1, -1, textOf(b, start, end));
    return end + 13;
  }

  /** A cell's value from its `<v>` bytes or inline text, by its type, into the row. */
  private store(b: Uint8Array, type: number, rawStart: number, rawEnd: number, inline: string | null): void {
    let value = this.valueOf(b, type, rawStart, rawEnd, inline);
    if (typeof value === 'number' && this.dates.shift !== 0 && type !== TYPE_DATE && this.dates.isDateStyle[this.style]) value += this.dates.shift;
    if (value !== null) this.set(value);
  }

  /**
   * One pass over a `<c>` tag's attributes: places the cell from `r` (or
   * after the previous one) and returns the `t` key (0 when absent).
   */
  private readCellAttributes(b: Uint8Array, from: number, end: number): number {
    let type = 0;
    let placed = false;
    this.style = 0;
    for (let k = from; k < end; k++) {
      const c = b[k]!;
      // r=, t=, and s= only when styles matter (a 1904 workbook): parsing it costs a few percent of the scan.
      if ((c !== 0x72 && c !== 0x74 && (c !== 0x73 || this.dates.shift === 0)) || b[k + 1] !== 0x3d) continue;
      const before = b[k - 1];
      if (before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d) continue;
      const start = k + 3;
      const close = indexOfByte(b, b[k + 2]!, start, end);
      if (close < 0) break;
      if (c === 0x72) {
        this.placeAt(b, start, close);
        placed = true;
      } else if (c === 0x74) type = typeKey(b, start, close);
      else this.style = parseInteger(b, start, close);
      k = close;
    }
    if (!placed) this.col++;
    return type;
  }

  private valueOf(b: Uint8Array, type: number, rawStart: number, rawEnd: number, inline: string | null): CellValue {
    const hasRaw = rawStart >= 0 && rawEnd >= rawStart;
    switch (type) {
      case TYPE_SHARED:
        return hasRaw ? (this.sharedStrings[parseInteger(b, rawStart, rawEnd)] ?? null) : null;
      case TYPE_INLINE: {
        const text = inline ?? (hasRaw ? textOf(b, rawStart, rawEnd) : null);
        return text === null ? null : decodeOoxmlEscapes(text);
      }
      case TYPE_STR:
        return hasRaw ? decodeOoxmlEscapes(textOf(b, rawStart, rawEnd)) : null;
      case TYPE_BOOL:
        return hasRaw ? b[rawStart] === 0x31 : null;
      case TYPE_ERROR:
        return null;
      case TYPE_DATE:
        return hasRaw ? serialOfIsoDate(textOf(b, rawStart, rawEnd)) : null;
      default: {
        if (!hasRaw || rawStart === rawEnd) return null;
        const n = parseNumber(b, rawStart, rawEnd);
        return Number.isFinite(n) ? n : null;
      }
    }
  }

  /** `r="BC12"` → column and row. */
  private placeAt(b: Uint8Array, start: number, end: number): void {
    let col = 0;
    let k = start;
    for (; k < end; k++) {
      const c = b[k]!;
      if (c >= 0x41 && c <= 0x5a) col = col * 26 + (c - 0x40);
      else if (c >= 0x61 && c <= 0x7a) col = col * 26 + (c - 0x60);
      else break;
    }
    this.col = col - 1;
    if (k < end) this.row = parseInteger(b, k, end) - 1;
  }

  private set(value: CellValue): void {
    if (this.row < 0 || this.col < 0 || this.stopped) return;
    if (this.onRow) {
      if (this.row !== this.currentIndex) {
        this.emitRow();
        if (this.stopped) return;
        this.currentIndex = this.row;
      }
      this.current[this.col] = value;
      return;
    }
    const row = this.rows[this.row] ?? (this.rows[this.row] = []);
    row[this.col] = value;
    if (this.row >= this.height) this.height = this.row + 1;
    if (this.col >= this.width) this.width = this.col + 1;
  }

  private emitRow(): void {
    if (this.currentIndex < 0 || this.stopped) return;
    const row = this.current;
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    const index = this.currentIndex;
    this.current = [];
    this.currentIndex = -1;
    if (this.onRow!(row, index) === false) this.stopped = true;
  }
}

const SLASH = 0x2f;

/** `</c>` at `at` (the caller made sure the bytes are there). */
function isCellEnd(b: Uint8Array, at: number): boolean {
  return b[at] === LT && b[at + 1] === SLASH && b[at + 2] === 0x63 && b[at + 3] === GT;
}

/** Bytes of the next chunk joined to a cut construct held from the one before (see `scanJoined`). */
const JOIN_WINDOW = 64 * 1024;

// `t` attribute values keyed by their first two bytes (little-endian).
const TYPE_SHARED = 0x73; // "s"
const TYPE_STR = 0x73 | (0x74 << 8); // "st…"
const TYPE_INLINE = 0x69 | (0x6e << 8); // "in…"
const TYPE_BOOL = 0x62; // "b"
const TYPE_ERROR = 0x65; // "e"
const TYPE_DATE = 0x64; // "d"

function typeKey(b: Uint8Array, start: number, end: number): number {
  return end - start > 1 ? b[start]! | (b[start + 1]! << 8) : (b[start] ?? 0);
}

/** Plain decimals are parsed from the bytes; anything else (exponents, signs of odd form) goes through Number(). */
function parseNumber(b: Uint8Array, start: number, end: number): number {
  let k = start;
  const negative = b[k] === 0x2d;
  if (negative) k++;
  let n = 0;
  let digits = 0;
  for (; k < end; k++) {
    const d = b[k]! - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
    digits++;
  }
  // Integers of up to 15 digits are exact in a double; longer ones and decimals take the exact path.
  if (k === end && digits > 0 && digits <= 15) return negative ? -n : n;
  return Number(textOf(b, start, end));
}

function parseInteger(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    const d = b[k]! - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The prefix the root element binds to SpreadsheetML (its own when it is
 * in it, as for `<x:worksheet xmlns:x=…>`), as bytes; empty for the default
 * namespace; null when the root declares neither (then any prefix counts).
 */
function mainPrefixOf(b: Uint8Array, tag: Tag): Uint8Array | null {
  const text = textOf(b, tag.start, tag.end + 1);
  const own = tag.nameStart > tag.prefixStart ? text.slice(1, tag.nameStart - tag.prefixStart) : '';
  let found: string | null = null;
  for (const m of text.matchAll(/\sxmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (!MAIN_NAMESPACES.includes(m[2] ?? m[3] ?? '')) continue;
    const prefix = m[1] ?? '';
    if (found === null || prefix === own) found = prefix;
  }
  return found === null ? null : new TextEncoder().encode(found);
}

/** `t="d"` cells hold ISO 8601 dates (§18.17.4); the core wants serials, fractions for the time of day. */
function serialOfIsoDate(text: string): number | null {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const dayMs = ms - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return serialFromDate(d) + dayMs / 86_400_000;
}

/** Resolves a shared-string table (§18.4.9 sst): one string per `<si>`, rich-text runs joined, phonetic runs left out. */
export function readSharedStrings(b: Uint8Array): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const tag = nextTag(b, i, b.length);
    if (!tag) return out;
    i = tag.end + 1;
    if (tag.closing || !isNamed(b, tag, 'si')) continue;
    if (tag.selfClosing) {
      out.push('');
      continue;
    }
    out.push(decodeOoxmlEscapes(richText(b, i, b.length, 'si')));
    i = richTextEnd.at;
  }
}

/**
 * Whether a worksheet's start (its bytes up to `sheetData`) marks a sheet
 * view `tabSelected` (§18.3.1.87), reading elements by namespace as the
 * scanner does.
 */
export function isTabSelected(start: Uint8Array): boolean {
  let prefix: Uint8Array | null = null;
  let sawRoot = false;
  for (let i = 0; ;) {
    const tag = nextTag(start, i, start.length);
    if (!tag) return false;
    i = tag.end + 1;
    if (!sawRoot) {
      sawRoot = true;
      prefix = mainPrefixOf(start, tag);
      continue;
    }
    if (tag.closing || !isNamed(start, tag, 'sheetView')) continue;
    const length = tag.nameStart - tag.prefixStart;
    if (
      prefix !== null &&
      (prefix.length === 0
        ? length !== 0
        : length !== prefix.length + 1 || textOf(start, tag.prefixStart, tag.nameStart - 1) !== new TextDecoder().decode(prefix))
    )
      continue;
    const value = attributeRange(start, tag, 'tabSelected');
    if (value) {
      const text = textOf(start, value[0], value[1]);
      if (text === '1' || text === 'true') return true;
    }
  }
}
