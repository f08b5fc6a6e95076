import { a1 } from '../../../src/core/util/cell';
import { FAKE_CODES, FakeOfficeError } from './errors';

/** A rectangle of cells, zero-based and inclusive. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d+)$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `B2`, `B2:D9` or `Sheet!B2:D9` (the sheet part is ignored) → a rectangle. */
export function parseAddress(address: string): Rect {
  const local = address.slice(address.lastIndexOf('!') + 1).toUpperCase();
  const [from, to = from] = local.split(':');
  const a = CELL.exec(from!);
  const b = CELL.exec(to!);
  if (!a || !b) throw new FakeOfficeError(FAKE_CODES.invalidArgument, `The fake cannot parse the address "${address}".`);
  const r0 = Number(a[2]) - 1;
  const c0 = columnIndex(a[1]!);
  const r1 = Number(b[2]) - 1;
  const c1 = columnIndex(b[1]!);
  return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
}

export function formatRect(rect: Rect): string {
  const from = a1(rect.r0, rect.c0);
  return rect.r0 === rect.r1 && rect.c0 === rect.c1 ? from : `${from}:${a1(rect.r1, rect.c1)}`;
}

/** How Excel writes a sheet-qualified address: quoted only when the name needs it. */
export function qualified(sheet: string, rect: Rect): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${formatRect(rect)}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
