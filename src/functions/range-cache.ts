/* Caching for the custom functions. Excel may call one function thousands of times over the same large
 * range (a column of CONVERSION cells, one per stage pair); each call receives a fresh copy of the range, so
 * the cache is keyed by the range's contents, not by the array. Only results and parsed columns are kept,
 * never the ranges themselves, and only a few entries per function. */

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/**
 * A fingerprint of a range's contents: its shape and two independent 32-bit
 * hashes over every cell's kind and value (numbers by their bits, text by
 * every character). "" and null hash alike, as every function reads both
 * as blank. Two different ranges share a fingerprint with a chance of
 * about 2⁻⁶⁴, and the cache holds a handful of entries, so a stale answer
 * is not a practical risk. Cost: one pass over the cells, about 1–2 ms for
 * 100k cells, far below re-parsing them.
 */
export function rangeFingerprint(range: readonly (readonly unknown[])[] | null | undefined): string {
  if (range === null || range === undefined) return '-';
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  let cells = 0;
  for (let r = 0; r < range.length; r++) {
    const row = range[r]!;
    cells += row.length;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'number') {
        scratch[0] = v;
        const lo = scratchWords[0]!;
        const hi = scratchWords[1]!;
        a = Math.imul(a ^ lo, 0x01000193);
        a = Math.imul(a ^ hi, 0x01000193);
        b = Math.imul(b ^ (lo + 0x6b43a9b5), 0x5bd1e995);
        b ^= b >>> 15;
        b = Math.imul(b ^ hi, 0x5bd1e995);
      } else if (typeof v === 'string' && v !== '') {
        a = Math.imul(a ^ (0x53000000 | v.length), 0x01000193);
        b = Math.imul(b ^ (v.length + 0x2f), 0x5bd1e995);
        // Two UTF-16 units per step (the length is already mixed in, so an odd tail is unambiguous).
        let i = 0;
        for (; i + 1 < v.length; i += 2) {
          const pair = v.charCodeAt(i) | (v.charCodeAt(i + 1) << 16);
          a = Math.imul(a ^ pair, 0x01000193);
          b = Math.imul(b ^ pair, 0x5bd1e995);
          b ^= b >>> 13;
        }
        if (i < v.length) {
          const ch = v.charCodeAt(i);
          a = Math.imul(a ^ ch, 0x01000193);
          b = Math.imul(b ^ ch, 0x5bd1e995);
          b ^= b >>> 13;
        }
      } else {
        // Blank ("" or null), TRUE, FALSE or anything else a host passes (an error value).
        const tag = v === null || v === undefined || v === '' ? 0x0b1a : v === true ? 0x7e5 : v === false ? 0xfa15e : 0xe77;
        a = Math.imul(a ^ tag, 0x01000193);
        b = Math.imul(b ^ tag, 0x5bd1e995);
        b ^= b >>> 15;
      }
    }
    // Row boundaries count, so a 2×3 range and a 3×2 range with the same cells differ.
    a = Math.imul(a ^ 0x0a0a, 0x01000193);
  }
  return `${range.length}x${cells}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** A least-recently-used map of a fixed, small size. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Move to the most recent end: a Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** The cached value, or `compute()` stored under the key. */
  getOrCompute(key: string, compute: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    this.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Every cache of the functions, so tests and the bench can start cold. */
const registry: LruCache<unknown>[] = [];

export function functionCache<V>(capacity: number): LruCache<V> {
  const cache = new LruCache<V>(capacity);
  registry.push(cache);
  return cache;
}

export function clearFunctionCaches(): void {
  for (const cache of registry) cache.clear();
}
