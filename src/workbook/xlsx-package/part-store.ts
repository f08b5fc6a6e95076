import { writeZip, type ZipArchive, type ZipSource } from './zip-archive';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The package's parts: those read from the original archive stay there,
 * still compressed, until something replaces them; new and changed parts
 * are held as bytes. A part deleted and written again keeps its place in
 * the archive's order, so regenerating the same sheets gives the same file.
 */
export class PartStore {
  private order: string[];
  private written = new Map<string, Uint8Array>();
  private deleted = new Set<string>();

  constructor(private readonly archive: ZipArchive | null) {
    this.order = archive ? archive.names() : [];
  }

  has(name: string): boolean {
    return !this.deleted.has(name) && (this.written.has(name) || (this.archive?.entry(name) !== undefined && this.order.includes(name)));
  }

  names(): string[] {
    return this.order.filter((n) => this.has(n));
  }

  read(name: string): Uint8Array {
    if (!this.has(name)) throw new Error(`no part ${name}`);
    return this.written.get(name) ?? this.archive!.read(name);
  }

  readText(name: string): string {
    return decoder.decode(this.read(name));
  }

  /** The part's bytes chunk by chunk (inflated as they are needed). */
  stream(name: string, onChunk: (chunk: Uint8Array) => boolean | void): void {
    const written = this.written.get(name);
    if (written) onChunk(written);
    else if (this.has(name)) this.archive!.stream(name, onChunk);
    else throw new Error(`no part ${name}`);
  }

  /** The start of a part as text, up to and including `marker` (or the whole part when it has none). */
  readPrefix(name: string, marker: string): string {
    const chunks: Uint8Array[] = [];
    let text = '';
    this.stream(name, (chunk) => {
      chunks.push(chunk);
      text = decoder.decode(concatAll(chunks));
      return !text.includes(marker);
    });
    const at = text.indexOf(marker);
    return at < 0 ? text : text.slice(0, at + marker.length);
  }

  write(name: string, content: string | Uint8Array): void {
    this.written.set(name, typeof content === 'string' ? encoder.encode(content) : content);
    this.deleted.delete(name);
    if (!this.order.includes(name)) this.order.push(name);
  }

  delete(name: string): void {
    this.written.delete(name);
    this.deleted.add(name);
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

  toZip(): Uint8Array {
    const sources: ZipSource[] = this.names().map((name) => {
      const data = this.written.get(name);
      return data ? { name, data } : { name, copyFrom: this.archive! };
    });
    return writeZip(sources);
  }
}

function concatAll(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
