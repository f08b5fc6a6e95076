import { Deflate, Inflate, inflateSync } from 'fflate';

/**
 * Raw DEFLATE (RFC 1951) and CRC-32 for the package, behind one interface so
 * the pure-JS default (fflate: runs in the browser) can be swapped for
 * Node's zlib in the CLI (src/workbook/node-file/node-zip-codec.ts), which
 * inflates and deflates several times faster.
 */
export interface ZipCodec {
  /** A whole part inflated; `size` is its inflated size from the zip directory. */
  inflate(data: Uint8Array, size: number): Uint8Array;
  /**
   * A part inflated piece by piece, in order; `onChunk` returning `false`
   * stops early. Memory holds a piece or two, never the whole part.
   */
  inflateChunks(data: Uint8Array, onChunk: (chunk: Uint8Array) => boolean | void): Promise<void>;
  /** A compressor for one part fed in pieces. */
  deflater(level: 1 | 6): PartDeflater;
  /** CRC-32 of `data` continuing from `crc`, to check what is inflated against the zip directory. */
  crc32(data: Uint8Array, crc: number): number;
}

export interface PartDeflater {
  push(chunk: Uint8Array): void;
  end(): DeflatedPart;
}

/** A part already compressed (raw DEFLATE), with what the zip directory needs to know of it. */
export interface DeflatedPart {
  chunks: Uint8Array[];
  compressedSize: number;
  size: number;
  crc: number;
}

/** Parts are inflated and streamed in slices of this size. */
export const SLICE = 1 << 20;

const CRC_TABLE = (() => {
  const table = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  // Slicing by four: four bytes per step.
  for (let n = 0; n < 256; n++) for (let t = 1; t < 4; t++) table[t * 256 + n] = (table[(t - 1) * 256 + n]! >>> 8) ^ table[table[(t - 1) * 256 + n]! & 0xff]!;
  return table;
})();

/** CRC-32 (ISO 3309, as zip uses it) of `data`, continuing from `crc`. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  let i = 0;
  const n4 = data.length - (data.length % 4);
  for (; i < n4; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = CRC_TABLE[768 + (c & 0xff)]! ^ CRC_TABLE[512 + ((c >>> 8) & 0xff)]! ^ CRC_TABLE[256 + ((c >>> 16) & 0xff)]! ^ CRC_TABLE[c >>> 24]!;
  }
  for (; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** fflate, pure JavaScript: the browser's codec and the default. */
export const fflateCodec: ZipCodec = {
  // An output buffer of the declared size: fflate stops there, so a lying entry inflates no further (and fails its CRC).
  inflate(data, size) {
    return inflateSync(data, { out: new Uint8Array(size) });
  },
  crc32,
  async inflateChunks(data, onChunk) {
    inflateSliced(data, onChunk);
  },
  deflater(level) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let compressedSize = 0;
    let crc = 0;
    const deflate = new Deflate({ level }, (chunk) => {
      chunks.push(chunk);
      compressedSize += chunk.length;
    });
    return {
      push(chunk) {
        crc = crc32(chunk, crc);
        size += chunk.length;
        deflate.push(chunk, false);
      },
      end() {
        deflate.push(new Uint8Array(0), true);
        return { chunks, compressedSize, size, crc };
      },
    };
  },
};

/**
 * Synchronous, sliced inflate (fflate's streaming `Inflate`); `onChunk`
 * returning `false` stops it. Each call of `onChunk` gets what one slice of
 * compressed input inflates to: small slices for a reader that wants only
 * the start of a part.
 */
export function inflateSliced(data: Uint8Array, onChunk: (chunk: Uint8Array) => boolean | void, slice = SLICE): void {
  let stopped = false;
  const inflate = new Inflate({}, (chunk) => {
    if (!stopped && onChunk(chunk) === false) stopped = true;
  });
  for (let i = 0; i < data.length && !stopped; i += slice) inflate.push(data.subarray(i, Math.min(i + slice, data.length)), i + slice >= data.length);
  if (data.length === 0) inflate.push(new Uint8Array(0), true);
}
