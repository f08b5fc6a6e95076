/**
 * `fn` remembering its answers for up to `limit` distinct texts (then it
 * just computes): for per-row lookups of categorical cells (a stage, a
 * status) whose normalisation (NFKC, case, punctuation) costs more than a
 * map lookup, without letting a column of free text grow the map unbounded.
 */
export function memoizedByText<T>(fn: (text: string) => T, limit = 4096): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined || seen.has(text)) return known as T;
    const value = fn(text);
    if (seen.size < limit) seen.set(text, value);
    return value;
  };
}
