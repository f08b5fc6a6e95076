/**
 * The p-th percentile of values as Excel `PERCENTILE.INC` computes it
 * (SPEC §8): rank h = p·(n − 1) into the sorted values, interpolating
 * linearly between the two neighbours. Null for no values.
 */
export function percentileInc(values: ArrayLike<number>, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return percentileOfSorted(sorted, p);
}

/** `percentileInc` of values already sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = p * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
