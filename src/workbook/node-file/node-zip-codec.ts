import zlib from 'node:zlib';
import { deflateWorker, type DeflateWorker } from './deflate-worker';
import { crc32 as jsCrc32, type DeflatedPart, type PartDeflater, SLICE, type ZipCodec } from '../xlsx-package/zip-codec';

/** `zlib.crc32` is native from Node 20.15; older releases use the package's own. */
const nativeCrc32 =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib as unknown as { crc32: (d: Uint8Array, c: number) => number }).crc32 : null;
// No bytes leave the CRC as it is: zlib's crc32 answers 0 for an empty array without storage (one moved to a worker).
const crc32 = (data: Uint8Array, crc: number): number => (data.length === 0 ? crc : nativeCrc32 ? nativeCrc32(data, crc) : jsCrc32(data, crc));

/** A plain Uint8Array over a Buffer's bytes (Buffer's `slice` does not copy; the scanner expects it to). */
function plain(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/**
 * Node's zlib for the CLI: native inflate and deflate, measured on the
 * 74 MB `Funnel Data` sheet of a 100,000-deal report at 0.3 s to deflate
 * (fflate: 1.0 s). A streamed inflate runs on libuv's thread pool, beside
 * the scan of the chunk before it.
 */
export const nodeZipCodec: ZipCodec = {
  // Never more than the declared size (zlib throws past it): a zip bomb cannot take the memory.
  inflate(data, size) {
    return plain(zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, size) }));
  },

  crc32,

  inflateChunks(data, onChunk) {
    return new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw({ chunkSize: SLICE });
      let stopped = false;
      const stop = (error?: unknown) => {
        if (stopped) return;
        stopped = true;
        inflate.destroy();
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      inflate.on('data', (chunk: Buffer) => {
        if (stopped) return;
        try {
          if (onChunk(plain(chunk)) === false) stop();
        } catch (e) {
          stop(e);
        }
      });
      inflate.on('end', () => {
        if (!stopped) {
          stopped = true;
          resolve();
        }
      });
      inflate.on('error', (e) => stop(e));
      inflate.end(data);
    });
  },

  deflater(level): PartDeflater {
    return new SyncFlushDeflater(level);
  },
};

/**
 * Deflates a part in independent 1 MB pieces, each ended with a sync flush
 * (an empty stored block, byte-aligned) and the last with the final block:
 * their concatenation is one valid DEFLATE stream (the technique pigz
 * uses), built with zlib's synchronous calls while the XML is generated.
 * Each piece starts without the previous one's window, which costs well
 * under 1% of the size.
 *
 * A very big part (past `WORKER_AFTER`: the data sheet of a few hundred
 * thousand deals) goes on in the deflate worker (deflate-worker.ts), which
 * deflates its pieces and takes their CRC beside the main thread; the
 * worker's thread costs 15–30 MB, which smaller parts would not win back.
 */
export class SyncFlushDeflater implements PartDeflater {
  private readonly chunks: Uint8Array[] = [];
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private size = 0;
  private compressedSize = 0;
  private crc = 0;
  /** The worker deflating this part's pieces, once one was sent there; its CRC is then the worker's. */
  private worker: DeflateWorker | null = null;
  private part = 0;
  private sent = 0;
  private answered = 0;
  private error: string | null = null;

  /** `inWorker` false: every piece deflated here (tests compare the two); `workerAfter`: bytes deflated here before the worker takes over. */
  constructor(
    private readonly level: number,
    private readonly inWorker = canUseWorker,
    private readonly workerAfter = WORKER_AFTER,
  ) {}

  push(chunk: Uint8Array): void {
    this.size += chunk.length;
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= SLICE) this.compress(zlib.constants.Z_SYNC_FLUSH);
  }

  end(): DeflatedPart {
    this.compress(zlib.constants.Z_FINISH);
    while (this.worker && this.answered < this.sent) this.worker.receive(true);
    if (this.error !== null) throw new Error(`deflate failed: ${this.error}`);
    return { chunks: this.chunks, compressedSize: this.compressedSize, size: this.size, crc: this.crc };
  }

  private compress(flush: number): void {
    if (!this.worker && flush !== zlib.constants.Z_FINISH && this.inWorker && this.size - this.pendingLength >= this.workerAfter) this.worker = deflateWorker();
    if (this.worker) {
      // A buffer of its own, moved to the worker: the caller's chunks may be views of bytes it keeps.
      const input = this.worker.inputOf(this.pending);
      this.pending = [];
      this.pendingLength = 0;
      const index = this.chunks.length;
      this.chunks.push(EMPTY);
      const first = this.sent === 0;
      this.sent++;
      this.worker.send({ part: first ? (this.part = this.worker.newPart()) : this.part, first, crc: this.crc, level: this.level, flush, input }, (answer) => {
        this.answered++;
        if (answer.error !== undefined || !answer.out) {
          this.error ??= answer.error ?? 'no output';
          return;
        }
        this.chunks[index] = answer.out;
        this.compressedSize += answer.out.length;
        this.crc = answer.crc!;
      });
      this.worker.receive(false);
      return;
    }
    const input = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    this.crc = crc32(input, this.crc);
    const out = plain(zlib.deflateRawSync(input, { level: this.level, finishFlush: flush }));
    this.chunks.push(out);
    this.compressedSize += out.length;
  }
}

const EMPTY = new Uint8Array(0);
/** Bytes of a part deflated in the main thread before the worker takes over: a 100,000-deal data sheet (74 MB) stays here. */
const WORKER_AFTER = 96 * 1024 * 1024;

/** The worker takes CRCs with zlib's own crc32 (Node 20.15 and later). */
const canUseWorker = nativeCrc32 !== null;
