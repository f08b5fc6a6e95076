import { t, type MessageKey } from '../../core/i18n';
import { WorkbookError } from '../port';

/**
 * The checks that keep a damaged or crafted package from being read or
 * copied into the output (SPEC §6 "Corrupt input is refused, never
 * propagated"): unique entry names (ignoring case, as OPC compares part
 * names), sizes a part can really have, the CRC of every byte inflated, and
 * no DTD in any XML part (OPC, ECMA-376 Part 2 §8.1.4: a package with a
 * DOCTYPE is invalid, and entity declarations are how "billion laughs"
 * bombs work).
 */

/** A package the add-in refuses to read or write: the input stays as it was. Its message exists in every catalogue. */
export class CorruptPackageError extends WorkbookError {
  constructor(key: MessageKey, params: Record<string, string | number>) {
    super('notAWorkbook', t('en-US', key, params), { key, params });
    this.name = 'CorruptPackageError';
  }
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * The largest a part read whole may be. Structural parts (workbook, styles,
 * relationships, content types, tables, drawings) of the largest real
 * workbooks are a few MB: Excel's own limits (64,000 cell formats, 1,024
 * fonts) keep styles.xml under ~20 MB. Data-sized parts (shared strings,
 * sheets) follow the row limit: 1,048,576 rows of text. Anything larger is
 * refused before it is inflated (a 2 GiB styles.xml once crashed V8).
 */
export const STRUCTURAL_PART_LIMIT = 64 * MiB;
export const DATA_PART_LIMIT = 1 * GiB;
/** Streamed parts (sheets) are never held whole; this bounds the work of inflating one. */
export const STREAMED_PART_LIMIT = 16 * GiB;

/**
 * DEFLATE cannot expand more than about 1032:1 (a 258-byte match per 2
 * bits); a declared size beyond that is a lie. Above `BOMB_FLOOR`, a ratio
 * over `BOMB_RATIO` is a zip bomb: real sheet XML compresses 5–50:1 and
 * runs of styled blank cells about 150:1, while 128 MB of white space
 * compresses 1000:1.
 */
const DEFLATE_MAX_RATIO = 1100;
const BOMB_FLOOR = 64 * MiB;
const BOMB_RATIO = 500;

/** What the directory says of an entry (see ZipEntry). */
export interface DeclaredEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
}

/** Parts read whole that hold data rather than structure. */
function isDataPart(name: string): boolean {
  return /(^|\/)(sharedStrings[^/]*\.xml|worksheets\/[^/]+|pivotCache\/pivotCacheRecords[^/]*\.xml|media\/[^/]+|embeddings\/[^/]+|customXml\/[^/]+)$/i.test(
    name,
  );
}

/** The largest `name` may be when it is read whole into memory. */
export function wholeReadLimit(name: string): number {
  return isDataPart(name) ? DATA_PART_LIMIT : STRUCTURAL_PART_LIMIT;
}

/** Refuses, before anything is inflated, a directory with duplicate names or sizes no real part has. */
export function checkDirectory(entries: readonly DeclaredEntry[]): void {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw new CorruptPackageError('package.duplicate', { part: entry.name, other });
    seen.set(key, entry.name);
    checkDeclaredSize(entry);
  }
}

function checkDeclaredSize(entry: DeclaredEntry): void {
  const { name, method, size, compressedSize } = entry;
  if (method === 0 && size !== compressedSize) throw new CorruptPackageError('package.badSize', { part: name });
  if (size > STREAMED_PART_LIMIT) throw new CorruptPackageError('package.tooLarge', { part: name, size: sizeText(size), limit: sizeText(STREAMED_PART_LIMIT) });
  if (method !== 8 || size === 0) return;
  const ratio = size / Math.max(compressedSize, 1);
  if (ratio > DEFLATE_MAX_RATIO || (size > BOMB_FLOOR && ratio > BOMB_RATIO))
    throw new CorruptPackageError('package.bomb', { part: name, size: sizeText(size), ratio: Math.round(ratio) });
}

/** Refuses a whole read larger than the part's kind allows. */
export function checkWholeRead(entry: DeclaredEntry): void {
  const limit = wholeReadLimit(entry.name);
  if (entry.size > limit) throw new CorruptPackageError('package.tooLarge', { part: entry.name, size: sizeText(entry.size), limit: sizeText(limit) });
}

/** `1.5 GB`, `64 MB`: sizes in messages. */
function sizeText(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GB` : `${Math.ceil(bytes / MiB)} MB`;
}

/** Entries whose content is XML (checked for a DTD). */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}

/**
 * Follows one part's inflated bytes as they come: CRC-32 and length against
 * the directory, and for XML parts a DOCTYPE in the prolog (a DTD may only
 * stand before the root element, so only the bytes up to the first start
 * tag are looked at). `push` throws as soon as the part passes its declared
 * size, so a lying entry never inflates further; `end` checks the CRC.
 */
export class PartCheck {
  private crc = 0;
  private length = 0;
  private prolog: Prolog | null;

  constructor(
    private readonly entry: DeclaredEntry & { crc: number },
    private readonly crc32: (data: Uint8Array, crc: number) => number,
  ) {
    this.prolog = isXmlPart(entry.name) ? new Prolog() : null;
  }

  push(chunk: Uint8Array): void {
    this.length += chunk.length;
    if (this.length > this.entry.size) throw new CorruptPackageError('package.badSize', { part: this.entry.name });
    this.crc = this.crc32(chunk, this.crc);
    if (this.prolog) {
      const state = this.prolog.push(chunk);
      if (state === 'doctype') throw new CorruptPackageError('package.doctype', { part: this.entry.name });
      if (state === 'root') this.prolog = null;
    }
  }

  end(): void {
    if (this.length !== this.entry.size) throw new CorruptPackageError('package.badSize', { part: this.entry.name });
    if (this.crc >>> 0 !== this.entry.crc >>> 0) throw new CorruptPackageError('package.badCrc', { part: this.entry.name });
  }
}

/**
 * The XML prolog, byte by byte across chunks: comments, processing
 * instructions and white space until the root element's `<` and a name
 * character, or a `<!DOCTYPE` (which also holds every `<!ENTITY`).
 */
class Prolog {
  /** Where the scan is: in text, after `<`, inside `<!…`, a comment, a PI or another declaration. */
  private state: 'text' | 'lt' | 'bang' | 'comment' | 'pi' | 'other' = 'text';
  /** The last bytes seen of the construct under way (its name, or the end marker being matched). */
  private held = '';

  push(chunk: Uint8Array): 'open' | 'root' | 'doctype' {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      switch (this.state) {
        case 'text':
          if (c === 0x3c) this.state = 'lt';
          break;
        case 'lt':
          if (c === 0x3f) {
            this.state = 'pi';
            this.held = '';
          } else if (c === 0x21) {
            this.state = 'bang';
            this.held = '';
          } else return 'root';
          break;
        case 'bang':
          this.held += String.fromCharCode(c);
          if (this.held === '--') {
            this.state = 'comment';
            this.held = '';
          } else if (this.held.length >= 7) {
            if (this.held.toUpperCase() === 'DOCTYPE') return 'doctype';
            this.state = 'other';
          } else if (!'--'.startsWith(this.held) && !'DOCTYPE'.startsWith(this.held.toUpperCase())) this.state = 'other';
          break;
        case 'comment':
          this.held = (this.held + String.fromCharCode(c)).slice(-3);
          if (this.held === '-->') this.state = 'text';
          break;
        case 'pi':
          this.held = (this.held + String.fromCharCode(c)).slice(-2);
          if (this.held === '?>') this.state = 'text';
          break;
        case 'other':
          // `<![CDATA[` or another declaration before the root: not XML a part may hold, and no DTD either.
          if (c === 0x3e) this.state = 'text';
          break;
      }
    }
    return 'open';
  }
}
