/** A ratio whose denominator is zero is empty (SPEC §2): null, never 0, NaN or Infinity. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 || !Number.isFinite(numerator) || !Number.isFinite(denominator) ? null : numerator / denominator;
}
