import { normalizeHeader } from '../pipeline/fields';

/**
 * Finds which column a header names among a fixed set, whatever the
 * language it was written in: each key is known by its own name and by
 * each of its headers, compared with `normalizeHeader` (case, spaces and
 * punctuation ignored), also without a trailing parenthesis such as
 * "(1-5)" so a CSV may write just "Probability".
 */
export class HeaderIndex<K extends string> {
  private readonly index = new Map<string, K>();

  constructor(names: Iterable<readonly [K, readonly string[]]>) {
    for (const [key, headers] of names) {
      for (const h of [key, ...headers]) {
        this.add(h, key);
        this.add(h.replace(/[(（][^()（）]*[)）]\s*$/u, ''), key);
      }
    }
  }

  private add(header: string, key: K): void {
    const n = normalizeHeader(header);
    if (n !== '' && !this.index.has(n)) this.index.set(n, key);
  }

  keyOf(header: unknown): K | null {
    return typeof header === 'string' ? (this.index.get(normalizeHeader(header)) ?? null) : null;
  }
}
