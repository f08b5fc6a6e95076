/**
 * Row-block arithmetic for the Office.js adapter. Excel on the web refuses a
 * request or response above 5 MB ("Resource limits and performance
 * optimization for Office Add-ins", Microsoft Learn); we keep every request
 * under 4 MB so the JSON envelope Office adds around our payload has room.
 */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Room kept for the operation envelopes Office adds to each request. */
export const ENVELOPE_BYTES = 64 * 1024;

/** What our own payloads may fill of one request. */
export const REQUEST_BUDGET = MAX_REQUEST_BYTES - ENVELOPE_BYTES;

/** Bytes a JSON payload adds per row beyond its cells (`[`, `]`, a comma). */
const ROW_OVERHEAD = 3;

export type CellInput = string | number | boolean | null;

/** UTF-8 length of a string as JSON would carry it (escapes counted as at least one byte each). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Control characters may be escaped as \uXXXX: counted at that upper bound.
    if (code < 0x80) bytes += code < 0x20 ? 6 : code === 0x22 || code === 0x5c ? 2 : 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** JSON bytes of one cell input plus its comma. */
export function cellBytes(value: CellInput): number {
  if (value === null) return 5;
  if (typeof value === 'string') return utf8Bytes(value) + 3;
  if (typeof value === 'boolean') return value ? 5 : 6;
  return String(value).length + 1;
}

/** JSON bytes of one row of cell inputs, as sent in a `formulas` matrix. */
export function rowBytes(row: readonly CellInput[]): number {
  let bytes = ROW_OVERHEAD;
  for (const value of row) bytes += cellBytes(value);
  return bytes;
}

export interface RowBlock {
  /** First row of the block, as an index into the rows. */
  start: number;
  /** One past the last row. */
  end: number;
  bytes: number;
}

/**
 * Greedy packing of consecutive rows into blocks of at most `budget` bytes:
 * B = the fewest blocks the data needs in order, up to one block of slack
 * against an ideal split. A row larger than the budget gets a block of its
 * own (the caller refuses it: no request can carry it). `firstBudget` lets
 * the first block fill what is left of a request already under way.
 */
export function splitRowBlocks(sizes: readonly number[], budget = REQUEST_BUDGET, firstBudget = budget): RowBlock[] {
  const blocks: RowBlock[] = [];
  let start = 0;
  let bytes = 0;
  sizes.forEach((size, i) => {
    if (i > start && bytes + size > (blocks.length === 0 ? firstBudget : budget)) {
      blocks.push({ start, end: i, bytes });
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  if (sizes.length > start) blocks.push({ start, end: sizes.length, bytes });
  return blocks;
}

/**
 * Rows to ask for in the next read block: what fits in the budget at the
 * largest bytes-per-row seen so far, with a 1.5× margin because a later
 * row may be longer than any row seen; at least one row.
 */
export function readBlockRows(bytesPerRow: number, budget = REQUEST_BUDGET): number {
  return Math.max(1, Math.floor(budget / (Math.max(bytesPerRow, 1) * 1.5)));
}

/** A pessimistic first guess of a row's response size before any row was seen: 64 bytes a cell. */
export function guessRowBytes(columnCount: number): number {
  return ROW_OVERHEAD + 64 * Math.max(columnCount, 1);
}
