import { a1, columnLetter } from '../../core/util/cell';
import { attributeRange, isNamed, nextTag, type Tag } from './xml-bytes';

/**
 * Rewrites a range of columns of a worksheet part the user owns, leaving
 * every other byte of it as it was: the per-deal forecast columns beside the
 * pipeline (issue #17). Cells of columns [dropFrom, dropTo) go from every
 * row; then `rows` (sheet row → the `<c>` elements, as XML, of this block
 * in that row, in column order from `col`) go in at their place, in rows
 * that exist or in new `<row>` elements between them (§18.3.1.73: rows and
 * cells in ascending order). Cells of other columns are copied byte for
 * byte; a row element that gets or loses cells keeps its attributes except
 * `spans` (an optional hint, §18.3.1.73, that the new cells would contradict).
 * A row or cell without `r` (optional, it then follows the previous one)
 * gets one in a row that changes, so the cells around ours keep their place.
 * `<dimension>` is widened to the block.
 */
export interface ColumnSplice {
  dropFrom: number;
  dropTo: number;
  /** First column of the block and its width (cells of the user's there, value-less ones included, go too). */
  col: number;
  width: number;
  /** Zero-based sheet row → the block's cells in it, unprefixed (`<c …>`); the splice gives them the part's SpreadsheetML prefix. */
  rows: ReadonlyMap<number, string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface CellSpan {
  start: number;
  end: number;
  col: number;
  /** Where ` r="…"` goes when the cell has none (after `<c`). */
  nameEnd: number;
  hasRef: boolean;
}

/** The part's bytes with the splice applied, in pieces. */
export function spliceColumns(b: Uint8Array, splice: ColumnSplice): Uint8Array[] {
  const out: Uint8Array[] = [];
  let copied = 0;
  const copyTo = (at: number) => {
    if (at > copied) out.push(b.subarray(copied, at));
    copied = at;
  };
  const text = (s: string) => out.push(encoder.encode(s));
  const ours = [...splice.rows.keys()].sort((x, y) => x - y);
  let next = 0;
  let inserted = false;
  let prefix = '';
  const q = (local: string) => (prefix ? `${prefix}:${local}` : local);
  const prefixed = (xml: string) => (prefix ? xml.replace(/<(\/?)(c|is|t|v|f)(?=[ >/])/g, `<$1${prefix}:$2`) : xml);
  const newRowsBefore = (row: number) => {
    while (next < ours.length && ours[next]! < row) {
      const r = ours[next++]!;
      inserted = true;
      text(`<${q('row')} r="${r + 1}">${prefixed(splice.rows.get(r)!)}</${q('row')}>`);
    }
  };
  const lastBlockRow = ours.length > 0 ? ours[ours.length - 1]! : -1;

  let i = 0;
  let row = -1;
  let inData = false;
  for (;;) {
    const tag = nextTag(b, i, b.length);
    if (!tag) break;
    i = tag.end + 1;
    if (!inData) {
      if (!tag.closing && isNamed(b, tag, 'dimension')) {
        const widened = widenedDimension(b, tag, splice, lastBlockRow);
        if (widened) {
          copyTo(widened.start);
          text(widened.ref);
          copied = widened.end;
        }
      } else if (!tag.closing && isNamed(b, tag, 'sheetData')) {
        prefix = decoder.decode(b.subarray(tag.prefixStart, Math.max(tag.prefixStart, tag.nameStart - 1)));
        if (tag.selfClosing) {
          copyTo(tag.start);
          text(`<${q('sheetData')}>`);
          newRowsBefore(Number.POSITIVE_INFINITY);
          text(`</${q('sheetData')}>`);
          copied = tag.end + 1;
        } else inData = true;
      }
      continue;
    }
    if (tag.closing && isNamed(b, tag, 'sheetData')) {
      copyTo(tag.start);
      newRowsBefore(Number.POSITIVE_INFINITY);
      inData = false;
      continue;
    }
    if (tag.closing || !isNamed(b, tag, 'row')) continue;
    const rowStart = tag.start;
    const rowTagEnd = tag.end;
    const selfClosing = tag.selfClosing;
    const ref = attributeRange(b, tag, 'r');
    row = ref ? Number(decoder.decode(b.subarray(ref[0], ref[1]))) - 1 : row + 1;
    const spans = attributeRange(b, tag, 'spans');
    const rowNameEnd = tag.nameEnd;
    const cells: CellSpan[] = [];
    // Where the scan of the row's content goes on.
    let at = rowTagEnd + 1;
    if (!selfClosing) {
      let col = -1;
      for (;;) {
        const t = nextTag(b, at, b.length);
        if (!t) throw new Error(`row ${row + 1} of the sheet does not end`);
        if (t.closing && isNamed(b, t, 'row')) {
          i = t.end + 1;
          break;
        }
        at = t.end + 1;
        if (t.closing || !isNamed(b, t, 'c')) continue;
        const cref = attributeRange(b, t, 'r');
        col = cref ? columnOf(decoder.decode(b.subarray(cref[0], cref[1]))) : col + 1;
        const cell: CellSpan = { start: t.start, end: t.end + 1, col, nameEnd: t.nameEnd, hasRef: cref !== null };
        if (!t.selfClosing) {
          let e = t.end + 1;
          for (;;) {
            const inner = nextTag(b, e, b.length);
            if (!inner) throw new Error(`a cell of row ${row + 1} does not end`);
            e = inner.end + 1;
            if (inner.closing && isNamed(b, inner, 'c')) break;
          }
          cell.end = e;
        }
        cells.push(cell);
        at = cell.end;
      }
    } else i = rowTagEnd + 1;
    const mine = splice.rows.get(row);
    const dropped = (c: number) => (c >= splice.dropFrom && c < splice.dropTo) || (c >= splice.col && c < splice.col + splice.width);
    const changes = mine !== undefined || cells.some((c) => dropped(c.col));
    copyTo(rowStart);
    newRowsBefore(row);
    if (mine !== undefined) next++;
    if (!changes && (ref || !inserted)) continue;
    // The row's start tag without `spans` (and with `r`), its kept cells, ours in column order.
    const head = b.subarray(rowStart, selfClosing ? rowTagEnd - 1 : rowTagEnd);
    let tagText = decoder.decode(head);
    if (spans && changes)
      tagText =
        decoder.decode(b.subarray(rowStart, spans[0])).replace(/\s+spans\s*=\s*["']$/, '') +
        decoder.decode(b.subarray(spans[1] + 1, selfClosing ? rowTagEnd - 1 : rowTagEnd));
    if (!ref) tagText = tagText.slice(0, rowNameEnd - rowStart) + ` r="${row + 1}"` + tagText.slice(rowNameEnd - rowStart);
    if (!changes) {
      // Only `r` added (rows were inserted before this one): the rest goes as it was.
      text(tagText.replace(/\/$/, '') + (selfClosing ? '/>' : '>'));
      copied = rowTagEnd + 1;
      continue;
    }
    text(`${tagText.replace(/\/$/, '')}>`);
    let placed = mine === undefined;
    for (const cell of cells) {
      if (dropped(cell.col)) continue;
      if (!placed && cell.col >= splice.col + splice.width) {
        text(prefixed(mine!));
        placed = true;
      }
      if (cell.hasRef) out.push(b.subarray(cell.start, cell.end));
      else {
        out.push(b.subarray(cell.start, cell.nameEnd));
        text(` r="${a1(row, cell.col)}"`);
        out.push(b.subarray(cell.nameEnd, cell.end));
      }
    }
    if (!placed) text(prefixed(mine!));
    text(`</${q('row')}>`);
    copied = selfClosing ? rowTagEnd + 1 : i;
  }
  copyTo(b.length);
  return out;
}

/** `<dimension ref="A1:N100"/>`'s value widened to take the block in, or null when it needs no change. */
function widenedDimension(b: Uint8Array, tag: Tag, splice: ColumnSplice, lastRow: number): { start: number; end: number; ref: string } | null {
  const ref = attributeRange(b, tag, 'ref');
  if (!ref || lastRow < 0) return null;
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(decoder.decode(b.subarray(ref[0], ref[1])));
  if (!m) return null;
  const right = Math.max(columnOf(m[3] ?? m[1]!), splice.col + splice.width - 1);
  const bottom = Math.max(Number(m[4] ?? m[2]) - 1, lastRow);
  return { start: ref[0], end: ref[1], ref: `${m[1]!.toUpperCase()}${m[2]}:${columnLetter(right)}${bottom + 1}` };
}

/** `AB12` → 27. */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}
