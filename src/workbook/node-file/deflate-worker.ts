import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * One worker thread that deflates the pieces of big parts (and takes their
 * CRC-32) while the main thread goes on generating the XML: on the
 * 1,048,575-deal report the `Funnel Data` sheet is 800 MB of XML whose
 * deflate and CRC took about 3 s of the main thread. Node's zlib does the
 * work in the worker exactly as it does in the main thread, so the bytes
 * are the same.
 *
 * The main thread's code stays synchronous: results are taken from the
 * port with `receiveMessageOnPort`, and when it must wait (too many pieces
 * in flight, or the end of a part) it sleeps on a shared counter the
 * worker bumps after each answer (`Atomics.wait`).
 */

/** One piece of a part: `part` numbers the part (its CRC runs across its pieces); the first piece sent carries the CRC of what came before it. */
interface Job {
  part: number;
  first: boolean;
  crc: number;
  level: number;
  flush: number;
  input: Uint8Array;
}

interface Answer {
  out?: Uint8Array;
  crc?: number;
  /** The job's input, handed back for the next piece. */
  input?: Uint8Array;
  error?: string;
}

// Plain CommonJS, run with `eval`: the CLI is one bundled file, so the worker cannot be a file of its own.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
const { port, signal } = workerData;
const answered = new Int32Array(signal);
const crcs = new Map();
port.on('message', (job) => {
  let answer;
  try {
    const before = job.first ? job.crc : (crcs.get(job.part) ?? 0);
    // zlib's crc32 answers 0 for an empty array without storage (the last piece of a part often is one).
    const crc = job.input.length === 0 ? before : zlib.crc32(job.input, before);
    if (job.flush === zlib.constants.Z_FINISH) crcs.delete(job.part);
    else crcs.set(job.part, crc);
    const b = zlib.deflateRawSync(job.input, { level: job.level, finishFlush: job.flush });
    // Only an ArrayBuffer of its own can be handed over without copying the rest of it.
    const out = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);
    // The input goes back to be filled again: left here, the pieces would pile up until this thread collects its garbage (tens of MB).
    answer = { out, crc, input: job.input };
    port.postMessage(answer, [out.buffer, job.input.buffer]);
  } catch (e) {
    port.postMessage({ error: String((e && e.message) || e) });
  }
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
`;

/** Pieces sent and not yet answered, at most: bounds the memory they hold (about 1 MB each) when the worker falls behind. */
const MAX_IN_FLIGHT = 4;
/** Room of a piece's input buffer: a piece is about 1 MB of XML (the writer's block, and a little past it). */
const PIECE_BUFFER = (1 << 20) + (128 << 10);
/** A worker that answers nothing for this long is taken as gone (a piece takes a few ms). */
const STALL_MS = 60_000;

class DeflateWorker {
  private readonly port: MessagePort;
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  /** What to do with each answer, in the order the pieces were sent (the worker answers in that order). */
  private readonly waiting: ((answer: Answer) => void)[] = [];
  private parts = 0;
  /** Input buffers the worker handed back, to copy the next pieces into. */
  private readonly spare: ArrayBuffer[] = [];
  broken = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal: this.answered.buffer }, transferList: [port2] });
    worker.on('error', () => (this.broken = true));
    worker.on('exit', () => (this.broken = true));
    // Neither keeps the process alive: an idle worker is left to die with it.
    worker.unref();
    port1.unref();
  }

  newPart(): number {
    return ++this.parts;
  }

  get inFlight(): number {
    return this.waiting.length;
  }

  /**
   * The chunks copied into a buffer the worker may be handed (never a
   * caller's, nor a slice of Buffer's shared pool: neither can move), one
   * it handed back when one is big enough: the pieces go round between the
   * two threads instead of a new megabyte each.
   */
  inputOf(chunks: readonly Uint8Array[]): Uint8Array {
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const at = this.spare.findIndex((b) => b.byteLength >= length);
    const buffer = at >= 0 ? this.spare.splice(at, 1)[0]! : new ArrayBuffer(Math.max(length, PIECE_BUFFER));
    const input = new Uint8Array(buffer, 0, length);
    let offset = 0;
    for (const c of chunks) {
      input.set(c, offset);
      offset += c.length;
    }
    return input;
  }

  /** Sends a piece (its bytes are moved to the worker: `input` must come from `inputOf` and is unusable after). */
  send(job: Job, onAnswer: (answer: Answer) => void): void {
    while (this.waiting.length >= MAX_IN_FLIGHT) this.receive(true);
    this.waiting.push(onAnswer);
    this.port.postMessage(job, [job.input.buffer as ArrayBuffer]);
  }

  /** Takes the answers already there; with `wait`, sleeps until at least one comes. */
  receive(wait: boolean): void {
    const started = Date.now();
    for (;;) {
      const seen = Atomics.load(this.answered, 0);
      let got = false;
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        got = true;
        const answer = m.message as Answer;
        if (answer.input && this.spare.length <= MAX_IN_FLIGHT) this.spare.push(answer.input.buffer as ArrayBuffer);
        this.waiting.shift()!(answer);
      }
      if (got || !wait || this.waiting.length === 0) return;
      if (Atomics.wait(this.answered, 0, seen, 1000) === 'timed-out' && Date.now() - started > STALL_MS) {
        this.broken = true;
        throw new Error('the deflate worker stopped answering');
      }
    }
  }
}

let shared: DeflateWorker | null | undefined;

/** The process's deflate worker, started on first use; null where none can run (the caller then deflates itself). */
export function deflateWorker(): DeflateWorker | null {
  if (shared === undefined || shared?.broken) {
    try {
      shared = new DeflateWorker();
    } catch {
      shared = null;
    }
  }
  return shared;
}

export type { DeflateWorker };
