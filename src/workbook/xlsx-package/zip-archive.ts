import { checkDirectory, checkWholeRead, CorruptPackageError, PartCheck } from './package-guards';
import { fflateCodec, inflateSliced, SLICE, type ZipCodec } from './zip-codec';

/**
 * A read-only view of a zip archive held in memory, indexed from its central
 * directory (PKWARE APPNOTE 4.3.12/4.3.16, Zip64 4.5.3), and the writer of
 * new archives.
 *
 * A codec (fflate, or Node's zlib in the CLI) does the (de)compression; this
 * module reads the directory so a part can be inflated on demand, streamed
 * in chunks, or copied still compressed into the output. Unzipping the
 * whole package up front would inflate a million-row sheet the caller may
 * never read.
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

/** Compressed bytes inflated per step by `verify`. */
const VERIFY_SLICE = 64 * 1024;
const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;

/**
 * Every entry is checked (package-guards.ts) before its bytes are used: the
 * directory when the archive is opened (duplicates, sizes), the CRC, length
 * and DTD as the entry is inflated, whole or streamed to its end, and, for
 * an entry copied still compressed and never read, by one streamed inflate
 * whose output is dropped (`verify`).
 */
export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  /** Entries whose whole content passed the checks. */
  private readonly verified = new Set<string>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly codec: ZipCodec = fflateCodec,
  ) {
    const entries = readCentralDirectory(bytes);
    checkDirectory(entries);
    for (const entry of entries) this.entries.set(entry.name, entry);
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
    checkWholeRead(entry);
    const data = this.compressedData(entry);
    let out: Uint8Array;
    if (entry.method === 0) out = data.slice();
    else if (entry.method !== 8) throw new ZipFormatError(`${name}: compression method ${entry.method} is not supported`);
    else out = this.inflating(entry, () => this.codec.inflate(data, entry.size));
    const check = this.check(entry);
    check.push(out);
    check.end();
    this.verified.add(name);
    return out;
  }

  /**
   * The part inflated chunk by chunk, synchronously (for the first bytes of
   * a part). `onChunk` returning `false` stops the inflate early.
   */
  stream(name: string, onChunk: (chunk: Uint8Array) => boolean | void, slice = SLICE): void {
    const entry = this.require(name);
    const data = this.compressedData(entry);
    const checked = this.checked(entry, onChunk);
    if (entry.method === 0) {
      for (let i = 0; i < data.length; i += slice) if (checked.onChunk(data.subarray(i, Math.min(i + slice, data.length))) === false) return;
    } else if (entry.method !== 8) throw new ZipFormatError(`${name}: compression method ${entry.method} is not supported`);
    else this.inflating(entry, () => inflateSliced(data, checked.onChunk, slice), checked);
    checked.end();
  }

  /** The part inflated chunk by chunk through the codec (Node's zlib runs it off the main thread), so a huge sheet never sits in memory whole. */
  async streamAsync(name: string, onChunk: (chunk: Uint8Array) => boolean | void): Promise<void> {
    const entry = this.require(name);
    if (entry.method !== 8) return this.stream(name, onChunk);
    const checked = this.checked(entry, onChunk);
    try {
      await this.codec.inflateChunks(this.compressedData(entry), checked.onChunk);
    } catch (e) {
      throw checked.failure(e);
    }
    checked.end();
  }

  /**
   * Inflates an entry once, dropping the output, unless a read already went
   * through all of it: an entry copied still compressed into a new archive
   * must be as sound as one that was read.
   */
  verify(entry: ZipEntry): void {
    if (this.verified.has(entry.name)) return;
    // Small slices: a lying entry inflates at most ~1000 times a slice before its length check stops it.
    this.stream(entry.name, () => undefined, VERIFY_SLICE);
  }

  /** The still-compressed bytes of a part, for copying it unchanged into a new archive. */
  compressedData(entry: ZipEntry): Uint8Array {
    const at = entry.headerOffset;
    if (readU32(this.bytes, at) !== LOCAL_SIGNATURE) throw new ZipFormatError(`${entry.name}: bad local header`);
    const start = at + 30 + readU16(this.bytes, at + 26) + readU16(this.bytes, at + 28);
    if (start + entry.compressedSize > this.bytes.length) throw new ZipFormatError(`${entry.name}: truncated`);
    return this.bytes.subarray(start, start + entry.compressedSize);
  }

  private check(entry: ZipEntry): PartCheck {
    return new PartCheck(entry, this.codec.crc32);
  }

  /**
   * `onChunk` behind the checks: each chunk is checked before the reader
   * sees it; `end` (called once the inflate ran to its end, not when the
   * reader stopped it) checks the CRC and marks the entry verified.
   * `failure` tells the reader's own errors (passed on) from the codec's
   * (a damaged entry).
   */
  private checked(entry: ZipEntry, onChunk: (chunk: Uint8Array) => boolean | void) {
    const check = this.check(entry);
    let stopped = false;
    let readerError: unknown = undefined;
    return {
      onChunk: (chunk: Uint8Array): boolean | void => {
        check.push(chunk);
        try {
          const more = onChunk(chunk);
          if (more === false) stopped = true;
          return more;
        } catch (e) {
          readerError = e;
          throw e;
        }
      },
      end: () => {
        if (stopped) return;
        check.end();
        this.verified.add(entry.name);
      },
      failure: (e: unknown): unknown =>
        e === readerError || e instanceof CorruptPackageError
          ? e
          : new CorruptPackageError('package.badData', { part: entry.name, reason: (e as Error).message }),
    };
  }

  /** Runs a codec call on an entry's data; what the codec throws means the entry is damaged. */
  private inflating<T>(entry: ZipEntry, run: () => T, checked?: { failure(e: unknown): unknown }): T {
    try {
      return run();
    } catch (e) {
      if (checked) throw checked.failure(e);
      throw e instanceof CorruptPackageError ? e : new CorruptPackageError('package.badData', { part: entry.name, reason: (e as Error).message });
    }
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
  for (let i = 0; i + 4 <= extra.length;) {
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

/** One entry of a written archive: its bytes already compressed (method 8) or stored (method 0). */
export interface ZipWriteEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  compressedSize: number;
  data: Iterable<Uint8Array>;
}

/** What goes into a written archive: new bytes to deflate, or an entry copied still compressed. */
export type ZipSource = { name: string; data: Uint8Array } | { name: string; copyFrom: ZipArchive };

/**
 * Writes an archive with the given sources and returns it whole. Unchanged
 * parts are copied compressed (no inflate/deflate round trip: a 40 MB
 * pipeline sheet costs a memory copy, not a second of deflate).
 */
export function writeZip(sources: readonly ZipSource[], codec: ZipCodec = fflateCodec): Uint8Array {
  const entries = sources.map((source): ZipWriteEntry => {
    if ('data' in source) return deflatedEntry(source.name, source.data, codec);
    const entry = source.copyFrom.entry(source.name);
    if (!entry) throw new ZipFormatError(`no part ${source.name}`);
    return copiedEntry(source.copyFrom, entry);
  });
  return concatChunks([...zipChunks(entries)]);
}

/** An entry compressed now: level 1 for big parts (measured on a 47 MB sheet, fflate takes 1.0 s at level 1 and 3.3 s at level 6, for a file 23% larger). */
export function deflatedEntry(name: string, data: Uint8Array, codec: ZipCodec): ZipWriteEntry {
  const deflater = codec.deflater(data.length > SLICE ? 1 : 6);
  for (let i = 0; i < data.length; i += SLICE) deflater.push(data.subarray(i, Math.min(i + SLICE, data.length)));
  const part = deflater.end();
  return { name, method: 8, crc: part.crc, size: part.size, compressedSize: part.compressedSize, data: part.chunks };
}

/** An entry of another archive, copied as it is stored there. */
export function copiedEntry(archive: ZipArchive, entry: ZipEntry): ZipWriteEntry {
  archive.verify(entry);
  return {
    name: entry.name,
    method: entry.method,
    crc: entry.crc,
    size: entry.size,
    compressedSize: entry.compressedSize,
    data: [archive.compressedData(entry)],
  };
}

/** A fixed modification time (1980-01-01 00:00 in MS-DOS form), so writing the same parts twice gives the same archive. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const MAX32 = 0xffffffff;

/**
 * The archive's bytes in order: local header and data of each entry, then
 * the central directory; Zip64 records where a size, an offset or the entry
 * count passes the classic limits (APPNOTE 4.5.3, 4.3.14).
 */
export function* zipChunks(entries: Iterable<ZipWriteEntry>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const utf8 = name.length !== e.name.length ? 0x0800 : 0;
    const big = e.size >= MAX32 || e.compressedSize >= MAX32;
    const local = new Uint8Array(30 + name.length + (big ? 20 : 0));
    const l = new DataView(local.buffer);
    l.setUint32(0, LOCAL_SIGNATURE, true);
    l.setUint16(4, big ? 45 : 20, true);
    l.setUint16(6, utf8, true);
    l.setUint16(8, e.method, true);
    l.setUint16(10, DOS_TIME, true);
    l.setUint16(12, DOS_DATE, true);
    l.setUint32(14, e.crc, true);
    l.setUint32(18, big ? MAX32 : e.compressedSize, true);
    l.setUint32(22, big ? MAX32 : e.size, true);
    l.setUint16(26, name.length, true);
    l.setUint16(28, big ? 20 : 0, true);
    local.set(name, 30);
    if (big) {
      l.setUint16(30 + name.length, 0x0001, true);
      l.setUint16(32 + name.length, 16, true);
      setU64(l, 34 + name.length, e.size);
      setU64(l, 42 + name.length, e.compressedSize);
    }
    const extra: number[] = [];
    if (e.size >= MAX32) extra.push(e.size);
    if (e.compressedSize >= MAX32) extra.push(e.compressedSize);
    if (offset >= MAX32) extra.push(offset);
    const extraLength = extra.length > 0 ? 4 + 8 * extra.length : 0;
    const header = new Uint8Array(46 + name.length + extraLength);
    const c = new DataView(header.buffer);
    c.setUint32(0, CENTRAL_SIGNATURE, true);
    c.setUint16(4, extra.length > 0 ? 45 : 20, true);
    c.setUint16(6, extra.length > 0 ? 45 : 20, true);
    c.setUint16(8, utf8, true);
    c.setUint16(10, e.method, true);
    c.setUint16(12, DOS_TIME, true);
    c.setUint16(14, DOS_DATE, true);
    c.setUint32(16, e.crc, true);
    c.setUint32(20, Math.min(e.compressedSize, MAX32), true);
    c.setUint32(24, Math.min(e.size, MAX32), true);
    c.setUint16(28, name.length, true);
    c.setUint16(30, extraLength, true);
    c.setUint32(42, Math.min(offset, MAX32), true);
    header.set(name, 46);
    if (extraLength > 0) {
      c.setUint16(46 + name.length, 0x0001, true);
      c.setUint16(48 + name.length, 8 * extra.length, true);
      extra.forEach((v, i) => setU64(c, 50 + name.length + 8 * i, v));
    }
    central.push(header);
    yield local;
    let written = 0;
    for (const chunk of e.data) {
      written += chunk.length;
      yield chunk;
    }
    if (written !== e.compressedSize) throw new ZipFormatError(`${e.name}: ${written} bytes written, ${e.compressedSize} announced`);
    offset += local.length + written;
    count++;
  }
  const directoryOffset = offset;
  let directorySize = 0;
  for (const header of central) {
    directorySize += header.length;
    yield header;
  }
  const zip64 = count >= 0xffff || directoryOffset >= MAX32 || directorySize >= MAX32;
  if (zip64) {
    const record = new Uint8Array(56 + 20);
    const z = new DataView(record.buffer);
    z.setUint32(0, ZIP64_EOCD_SIGNATURE, true);
    setU64(z, 4, 44);
    z.setUint16(12, 45, true);
    z.setUint16(14, 45, true);
    setU64(z, 24, count);
    setU64(z, 32, count);
    setU64(z, 40, directorySize);
    setU64(z, 48, directoryOffset);
    z.setUint32(56, ZIP64_EOCD_LOCATOR, true);
    setU64(z, 64, directoryOffset + directorySize);
    z.setUint32(72, 1, true);
    yield record;
  }
  const end = new Uint8Array(22);
  const d = new DataView(end.buffer);
  d.setUint32(0, EOCD_SIGNATURE, true);
  d.setUint16(8, Math.min(count, 0xffff), true);
  d.setUint16(10, Math.min(count, 0xffff), true);
  d.setUint32(12, Math.min(directorySize, MAX32), true);
  d.setUint32(16, Math.min(directoryOffset, MAX32), true);
  yield end;
}

function setU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 0x1_0000_0000, true);
  view.setUint32(at + 4, Math.floor(value / 0x1_0000_0000), true);
}

export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
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
