/**
 * XML written straight into UTF-8 bytes, handed on in blocks of about 1 MB.
 *
 * Why not strings joined and encoded: for the 100,000-row `Funnel Data`
 * sheet (74 MB of XML) the strings, their joins and TextEncoder cost more
 * than the rest of the writing together, and most of the garbage
 * collection. Here the markup goes byte by byte into a buffer that is
 * reused until full; text is escaped on the way in.
 */
export class XmlWriter {
  private buffer: Uint8Array;
  private at = 0;
  /** Blocks handed to the sink so far. */
  private blocks = 0;

  constructor(
    private readonly sink: (bytes: Uint8Array) => void,
    private readonly blockSize = 1 << 20,
  ) {
    this.buffer = new Uint8Array(blockSize + HEADROOM);
  }

  /**
   * Markup or other text known to need no escaping (tag names, attribute
   * values we generate, numbers); any character is encoded as UTF-8.
   */
  raw(s: string): void {
    const n = s.length;
    if (this.at + n * 3 > this.buffer.length) this.grow(n * 3);
    const b = this.buffer;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) b[at++] = c;
      else {
        this.at = at;
        this.char(s, i);
        at = this.at;
        if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) i++;
      }
    }
    this.at = at;
    if (at >= this.blockSize) this.flush();
  }

  /**
   * Text content: `&`, `<`, `>` escaped, a CR as a character reference (an
   * XML reader would turn a raw one into LF), characters XML 1.0 cannot
   * carry dropped (C0 controls other than tab and line ends, U+FFFE/U+FFFF,
   * lone surrogates).
   */
  text(s: string): void {
    const n = s.length;
    if (this.at + n * 5 > this.buffer.length) this.grow(n * 5);
    const b = this.buffer;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === 0x26) at = put(b, at, AMP);
        else if (c === 0x3c) at = put(b, at, LT);
        else if (c === 0x3e) at = put(b, at, GT);
        else b[at++] = c;
      } else if (c < 0x20) {
        if (c === 0x09 || c === 0x0a) b[at++] = c;
        else if (c === 0x0d) at = put(b, at, CR);
      } else {
        this.at = at;
        if (c >= 0xd800 && c <= 0xdbff) {
          if (isLowSurrogate(s.charCodeAt(i + 1))) {
            this.char(s, i);
            i++;
          }
        } else if (!(c >= 0xdc00 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff) this.char(s, i);
        at = this.at;
      }
    }
    this.at = at;
    if (at >= this.blockSize) this.flush();
  }

  /** A non-negative integer (row numbers, style indexes, serial dates) without going through a string. */
  int(n: number): void {
    if (n >= 0x7fffffff) {
      this.raw(String(n));
      return;
    }
    if (this.at + 10 > this.buffer.length) this.grow(10);
    const b = this.buffer;
    let digits = 1;
    for (let m = n; m >= 10; m = (m / 10) | 0) digits++;
    let at = this.at + digits;
    this.at = at;
    let m = n | 0;
    do {
      b[--at] = 0x30 + (m % 10);
      m = (m / 10) | 0;
    } while (m > 0);
    if (this.at >= this.blockSize) this.flush();
  }

  /** Bytes prepared once (markup repeated on every cell). */
  bytes(bytes: Uint8Array): void {
    if (this.at + bytes.length > this.buffer.length) this.grow(bytes.length);
    const b = this.buffer;
    let at = this.at;
    if (bytes.length > 12) {
      b.set(bytes, at);
      at += bytes.length;
    } else for (let k = 0; k < bytes.length; k++) b[at++] = bytes[k]!;
    this.at = at;
    if (at >= this.blockSize) this.flush();
  }

  /**
   * Markup prepared once and a run of bytes between (a cell's start: its
   * column, its row's digits, its style), with one check for room: the
   * data sheet writes one per cell.
   */
  joined(first: Uint8Array, middle: Uint8Array, middleLength: number, last: Uint8Array): void {
    const n = first.length + middleLength + last.length;
    if (this.at + n > this.buffer.length) this.grow(n);
    const b = this.buffer;
    let at = this.at;
    for (let k = 0; k < first.length; k++) b[at++] = first[k]!;
    for (let k = 0; k < middleLength; k++) b[at++] = middle[k]!;
    for (let k = 0; k < last.length; k++) b[at++] = last[k]!;
    this.at = at;
    if (at >= this.blockSize) this.flush();
  }

  /** A point in the output, for `copySince`. */
  mark(): WriterMark {
    return { block: this.blocks, at: this.at };
  }

  /** A copy of the bytes written since `mark` (to write them again with `bytes`), or null when a block was handed on in between. */
  copySince(mark: WriterMark): Uint8Array | null {
    return mark.block === this.blocks ? this.buffer.slice(mark.at, this.at) : null;
  }

  /** Hands the bytes written so far to the sink. */
  flush(): void {
    if (this.at === 0) return;
    this.blocks++;
    const full = this.buffer.subarray(0, this.at);
    this.buffer = new Uint8Array(this.blockSize + HEADROOM);
    this.at = 0;
    this.sink(full);
  }

  /** The character at `s[i]` (a surrogate pair counts as one) as UTF-8. */
  private char(s: string, i: number): void {
    const code = s.codePointAt(i)!;
    const b = this.buffer;
    let at = this.at;
    if (code < 0x800) {
      b[at++] = 0xc0 | (code >> 6);
      b[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      b[at++] = 0xe0 | (code >> 12);
      b[at++] = 0x80 | ((code >> 6) & 0x3f);
      b[at++] = 0x80 | (code & 0x3f);
    } else {
      b[at++] = 0xf0 | (code >> 18);
      b[at++] = 0x80 | ((code >> 12) & 0x3f);
      b[at++] = 0x80 | ((code >> 6) & 0x3f);
      b[at++] = 0x80 | (code & 0x3f);
    }
    this.at = at;
  }

  /** Room for `need` more bytes: the block goes to the sink first, and a longer string than a block gets a buffer of its own. */
  private grow(need: number): void {
    this.flush();
    if (need > this.buffer.length) this.buffer = new Uint8Array(need + HEADROOM);
  }
}

/** Where `mark` was taken: the block, and the offset in it. */
export interface WriterMark {
  block: number;
  at: number;
}

/** Room past the block size, so a cell or a row never needs a check per byte. */
const HEADROOM = 64 * 1024;

/** ASCII text as bytes. */
export const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const AMP = bytesOf('&amp;');
const LT = bytesOf('&lt;');
const GT = bytesOf('&gt;');
const CR = bytesOf('&#13;');

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function put(b: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) b[at + k] = bytes[k]!;
  return at + bytes.length;
}
