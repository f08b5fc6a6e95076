import { Inflate, inflateSync, Zip, ZipDeflate, type ZipInputFile } from 'fflate';

/**
 * A read-only view of a zip archive held in memory, indexed from its central
 * directory (PKWARE APPNOTE 4.3.12/4.3.16, Zip64 4.5.3).
 *
 * fflate does the (de)compression; this module only reads the directory so a
 * part can be inflated on demand, streamed in chunks, or copied still
 * compressed into the output. Unzipping the whole package up front would
 * inflate a million-row sheet the caller may never read.
 */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  headerOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Parts are inflated and streamed in slices of this size. */
const CHUNK = 1 << 20;

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly bytes: Uint8Array) {
    for (const entry of readCentralDirectory(bytes)) this.entries.set(entry.name, entry);
  }

  /** Entry names in the archive's own order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name);
  }

  /** The whole part, inflated. */
  read(name: string): Uint8Array {
    const entry = this.require(name);
    const data = this.compressedData(entry);
    if (entry.method === 0) return data.slice();
    if (entry.method !== 8) throw new ZipFormatError(`${name}: compression method ${entry.method} is not supported`);
    return inflateSync(data, { out: new Uint8Array(entry.size) });
  }

  /**
   * The part inflated chunk by chunk, so a huge sheet never sits in memory
   * whole. `onChunk` returning `false` stops the inflate early.
   */
  stream(name: string, onChunk: (chunk: Uint8Array) => boolean | void): void {
    const entry = this.require(name);
    const data = this.compressedData(entry);
    if (entry.method === 0) {
      for (let i = 0; i < data.length; i += CHUNK) if (onChunk(data.subarray(i, Math.min(i + CHUNK, data.length))) === false) return;
      return;
    }
    if (entry.method !== 8) throw new ZipFormatError(`${name}: compression method ${entry.method} is not supported`);
    let stopped = false;
    const inflate = new Inflate({}, (chunk) => {
      if (!stopped && onChunk(chunk) === false) stopped = true;
    });
    for (let i = 0; i < data.length && !stopped; i += CHUNK) inflate.push(data.subarray(i, Math.min(i + CHUNK, data.length)), i + CHUNK >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  }

  /** The still-compressed bytes of a part, for copying it unchanged into a new archive. */
  compressedData(entry: ZipEntry): Uint8Array {
    const at = entry.headerOffset;
    if (readU32(this.bytes, at) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${entry.name}: bad local header`);
    const start = at + 30 + readU16(this.bytes, at + 26) + readU16(this.bytes, at + 28);
    if (start + entry.compressedSize > this.bytes.length) throw new ZipFormatError(`${entry.name}: truncated`);
    return this.bytes.subarray(start, start + entry.compressedSize);
  }

  private require(name: string): ZipEntry {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipFormatError(`no part ${name}`);
    return entry;
  }
}

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(bytes);
  let count = readU16(bytes, eocd + 10);
  let offset = readU32(bytes, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && readU32(bytes, locator) === ZIP64_EOCD_LOCATOR) {
    const zip64 = readU64(bytes, locator + 8);
    count = readU64(bytes, zip64 + 32);
    offset = readU64(bytes, zip64 + 48);
  }
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || readU32(bytes, offset) !== CENTRAL_SIGNATURE) throw new ZipFormatError('bad central directory');
    const nameLength = readU16(bytes, offset + 28);
    const extraLength = readU16(bytes, offset + 30);
    const commentLength = readU16(bytes, offset + 32);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: readU16(bytes, offset + 10),
      crc: readU32(bytes, offset + 16),
      compressedSize: readU32(bytes, offset + 20),
      size: readU32(bytes, offset + 24),
      headerOffset: readU32(bytes, offset + 42),
    };
    applyZip64Extra(entry, bytes.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength));
    if (!entry.name.endsWith('/')) entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets of 0xFFFFFFFF live in the Zip64 extra field, in this order (APPNOTE 4.5.3). */
function applyZip64Extra(entry: ZipEntry, extra: Uint8Array): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = readU16(extra, i);
    const length = readU16(extra, i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      const next = (): number => {
        const v = readU64(extra, at);
        at += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
      return;
    }
    i += 4 + length;
  }
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (readU32(bytes, i) === EOCD_SIGNATURE) return i;
  }
  throw new ZipFormatError('no end of central directory');
}

function readU16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

function readU64(b: Uint8Array, at: number): number {
  return readU32(b, at) + readU32(b, at + 4) * 0x1_0000_0000;
}

/** What goes into a written archive: new bytes to deflate, or an entry copied still compressed. */
export type ZipSource = { name: string; data: Uint8Array } | { name: string; copyFrom: ZipArchive };

/** A fixed modification time, so writing the same parts twice gives the same archive. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * Writes an archive with fflate's streaming `Zip`. Unchanged parts are
 * copied compressed (no inflate/deflate round trip: a 40 MB pipeline sheet
 * costs a memory copy, not a second of deflate).
 */
export function writeZip(sources: readonly ZipSource[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  for (const source of sources) {
    if ('data' in source) {
      // Level 1 for big parts: measured on a 47 MB sheet, fflate takes 1.0 s at
      // level 1 and 3.3 s at level 6, for a file 23% larger.
      const file = new ZipDeflate(source.name, { level: source.data.length > 1 << 20 ? 1 : 6 });
      file.mtime = FIXED_MTIME;
      zip.add(file);
      file.push(source.data, true);
    } else {
      const entry = source.copyFrom.entry(source.name);
      if (!entry) throw new ZipFormatError(`no part ${source.name}`);
      const file: ZipInputFile = { filename: source.name, size: entry.size, crc: entry.crc, compression: entry.method, mtime: FIXED_MTIME };
      zip.add(file);
      file.ondata!(null, source.copyFrom.compressedData(entry) as Uint8Array<ArrayBuffer>, true);
    }
  }
  zip.end();
  if (failure) throw failure;
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
