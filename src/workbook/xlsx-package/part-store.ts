import { concatChunks, copiedEntry, deflatedEntry, type ZipArchive, zipChunks, type ZipWriteEntry } from './zip-archive';
import { type DeflatedPart, fflateCodec, inflateSliced, type ZipCodec } from './zip-codec';

const encoder = new TextEncoder();
/** Compressed bytes inflated per step when only the start of a part is wanted. */
const PREFIX_SLICE = 16 * 1024;
const decoder = new TextDecoder();

/** A part written in this session: plain bytes (small parts) or already compressed (sheets, written as they are rendered). */
type Written = { bytes: Uint8Array } | { deflated: DeflatedPart };

/**
 * The package's parts: those read from the original archive stay there,
 * still compressed, until something replaces them; new and changed parts
 * are held as bytes, or compressed when they are big (a sheet is deflated
 * while its XML is generated, so a 100,000-row sheet is held as a few MB).
 * A part deleted and written again keeps its place in the archive's order,
 * so regenerating the same sheets gives the same file.
 */
export class PartStore {
  /** Part names as first written (the archive's spelling), in archive order. */
  private order: string[];
  /** Keyed by `key(name)`: OPC part names are compared ignoring ASCII case (ECMA-376 Part 2 §9.1.1.1.2). */
  private written = new Map<string, Written>();
  private deleted = new Set<string>();
  private readonly archiveNames = new Map<string, string>();

  constructor(
    private readonly archive: ZipArchive | null,
    readonly codec: ZipCodec = fflateCodec,
  ) {
    this.order = archive ? archive.names() : [];
    for (const name of this.order) {
      const k = key(name);
      const other = this.archiveNames.get(k);
      if (other !== undefined) throw new Error(`the parts ${other} and ${name} have the same name but for case`);
      this.archiveNames.set(k, name);
    }
  }

  has(name: string): boolean {
    const k = key(name);
    return !this.deleted.has(k) && (this.written.has(k) || this.archiveNames.has(k));
  }

  /** The name the part has in this package (its first spelling), or undefined when there is none. */
  nameOf(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const k = key(name);
    return this.archiveNames.get(k) ?? this.order.find((n) => key(n) === k);
  }

  names(): string[] {
    return this.order.filter((n) => this.has(n));
  }

  read(name: string): Uint8Array {
    if (!this.has(name)) throw new Error(`no part ${name}`);
    const written = this.written.get(key(name));
    if (!written) return this.archive!.read(this.archiveNames.get(key(name))!);
    if ('bytes' in written) return written.bytes;
    return this.codec.inflate(concatChunks(written.deflated.chunks), written.deflated.size);
  }

  readText(name: string): string {
    return decoder.decode(this.read(name));
  }

  /** The part's bytes chunk by chunk, synchronously (inflated as they are needed); `false` from `onChunk` stops. */
  stream(name: string, onChunk: (chunk: Uint8Array) => boolean | void, slice?: number): void {
    if (!this.has(name)) throw new Error(`no part ${name}`);
    const written = this.written.get(key(name));
    if (!written) this.archive!.stream(this.archiveNames.get(key(name))!, onChunk, slice);
    else if ('bytes' in written) onChunk(written.bytes);
    else inflateSliced(concatChunks(written.deflated.chunks), onChunk, slice);
  }

  /** The part's bytes chunk by chunk through the codec: the way to read a big sheet. */
  async streamAsync(name: string, onChunk: (chunk: Uint8Array) => boolean | void): Promise<void> {
    if (!this.has(name)) throw new Error(`no part ${name}`);
    const written = this.written.get(key(name));
    if (!written) return this.archive!.streamAsync(this.archiveNames.get(key(name))!, onChunk);
    if ('bytes' in written) onChunk(written.bytes);
    else await this.codec.inflateChunks(concatChunks(written.deflated.chunks), onChunk);
  }

  /**
   * The start of a part as text, up to and including `marker` (or the whole
   * part when it has none), inflated in small slices: a sheet's views sit
   * in its first bytes, before a `sheetData` that may be 100 MB.
   */
  readPrefix(name: string, marker: string): string {
    const chunks: Uint8Array[] = [];
    let text = '';
    this.stream(
      name,
      (chunk) => {
        chunks.push(chunk);
        text = decoder.decode(concatChunks(chunks));
        return !text.includes(marker);
      },
      PREFIX_SLICE,
    );
    const at = text.indexOf(marker);
    return at < 0 ? text : text.slice(0, at + marker.length);
  }

  write(name: string, content: string | Uint8Array): void {
    this.put(name, { bytes: typeof content === 'string' ? encoder.encode(content) : content });
  }

  /** Stores a part compressed by `this.codec.deflater`. */
  writeDeflated(name: string, part: DeflatedPart): void {
    this.put(name, { deflated: part });
  }

  delete(name: string): void {
    this.written.delete(key(name));
    this.deleted.add(key(name));
  }

  /** A way back to the current state, for all-or-nothing writes. */
  checkpoint(): () => void {
    const order = [...this.order];
    const written = new Map(this.written);
    const deleted = new Set(this.deleted);
    return () => {
      this.order = order;
      this.written = written;
      this.deleted = deleted;
    };
  }

  /** The archive's bytes in order, produced as they are asked for (parts already compressed are not copied). */
  *zipChunks(): Generator<Uint8Array> {
    yield* zipChunks(this.entries());
  }

  toZip(): Uint8Array {
    return concatChunks([...this.zipChunks()]);
  }

  private *entries(): Generator<ZipWriteEntry> {
    for (const name of this.names()) {
      const written = this.written.get(key(name));
      if (!written) yield copiedEntry(this.archive!, this.archive!.entry(name)!);
      else if ('bytes' in written) yield deflatedEntry(name, written.bytes, this.codec);
      else {
        const d = written.deflated;
        yield { name, method: 8, crc: d.crc, size: d.size, compressedSize: d.compressedSize, data: d.chunks };
      }
    }
  }

  /** A part written under another spelling of an existing name keeps the existing spelling (and its place). */
  private put(name: string, entry: Written): void {
    const k = key(name);
    this.written.set(k, entry);
    this.deleted.delete(k);
    if (!this.order.some((n) => key(n) === k)) this.order.push(name);
  }
}

function key(name: string): string {
  return name.toLowerCase();
}
