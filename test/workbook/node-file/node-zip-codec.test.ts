import zlib from 'node:zlib';
import { nodeZipCodec, SyncFlushDeflater } from '../../../src/workbook/node-file/node-zip-codec';
import { concatChunks } from '../../../src/workbook/xlsx-package/zip-archive';
import { crc32 } from '../../../src/workbook/xlsx-package/zip-codec';

/** Sheet-like XML of about `bytes`, pushed in chunks of uneven sizes (views into one buffer, as the writer's blocks may be). */
function chunksOf(bytes: number, seed: number): Uint8Array[] {
  const text = Array.from({ length: Math.ceil(bytes / 60) }, (_, i) => `<row r="${i + seed}"><c r="A${i}"><v>${(i * 7919) % 100_003}</v></c></row>`).join('');
  const all = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let at = 0, k = 0; at < all.length; k++) {
    const size = [1 << 20, 333_333, (1 << 20) + 17, 5][k % 4]!;
    out.push(all.subarray(at, Math.min(at + size, all.length)));
    at += size;
  }
  return out;
}

describe('nodeZipCodec deflater', () => {
  it.each([0, 2_000_000])('deflates a part of many pieces in the worker (from byte %d on) to the same bytes and CRC as in the main thread', (workerAfter) => {
    const chunks = chunksOf(6_000_000, 1);
    const copies = chunks.map((c) => c.slice());
    const inWorker = new SyncFlushDeflater(1, true, workerAfter);
    const here = new SyncFlushDeflater(1, false);
    for (const c of chunks) {
      inWorker.push(c);
      here.push(c);
    }
    const a = inWorker.end();
    const b = here.end();
    const input = concatChunks(copies);
    expect(a.size).toBe(input.length);
    expect(a.crc).toBe(crc32(input));
    expect(a.crc).toBe(b.crc);
    expect(a.compressedSize).toBe(b.compressedSize);
    expect(Buffer.compare(concatChunks(a.chunks), concatChunks(b.chunks))).toBe(0);
    expect(Buffer.compare(zlib.inflateRawSync(concatChunks(a.chunks)), input)).toBe(0);
    // The caller's bytes are copied to the worker, never taken from it.
    chunks.forEach((c, i) => expect(Buffer.compare(c, copies[i]!)).toBe(0));
  });

  it('leaves a Buffer the caller pushed as it was (Buffer.slice does not copy)', () => {
    const buffer = Buffer.from(concatChunks(chunksOf(3_000_000, 5)));
    const copy = Buffer.from(buffer);
    const d = new SyncFlushDeflater(1, true, 0);
    for (let at = 0; at < buffer.length; at += 1 << 20) d.push(buffer.subarray(at, at + (1 << 20)));
    const part = d.end();
    expect(buffer.byteLength).toBe(copy.length);
    expect(Buffer.compare(buffer, copy)).toBe(0);
    expect(part.crc).toBe(crc32(copy));
  });

  it('keeps parts apart when two are deflated at once, and small parts stay in one piece', () => {
    const first = chunksOf(3_000_000, 1);
    const second = chunksOf(2_500_000, 9);
    const d1 = new SyncFlushDeflater(1, true, 0);
    const d2 = new SyncFlushDeflater(1, true, 1_500_000);
    const small = nodeZipCodec.deflater(6);
    for (let i = 0; i < Math.max(first.length, second.length); i++) {
      if (first[i]) d1.push(first[i]!);
      if (second[i]) d2.push(second[i]!);
    }
    small.push(new TextEncoder().encode('<a/>'));
    for (const [d, chunks] of [
      [d1, first],
      [d2, second],
      [small, [new TextEncoder().encode('<a/>')]],
    ] as const) {
      const part = d.end();
      const input = concatChunks(chunks);
      expect(part.crc).toBe(crc32(input));
      expect(Buffer.compare(zlib.inflateRawSync(concatChunks(part.chunks)), input)).toBe(0);
    }
  });

  it('takes no bytes as leaving the CRC as it is, even an array without storage (zlib answers 0 there)', () => {
    const empty = new Uint8Array(0);
    const moved = structuredClone(empty, { transfer: [empty.buffer] });
    expect(nodeZipCodec.crc32(moved, 777)).toBe(777);
    expect(nodeZipCodec.crc32(new Uint8Array(0), 777)).toBe(777);
  });
});
