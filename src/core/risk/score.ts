/** Risk levels from the lowest; the register's bands table may rename or move them. */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Lowest score of each level (SPEC §5 defaults: Low ≤ 4, Medium 5–9, High 10–16, Critical ≥ 20). */
export type RiskBands = Readonly<Record<RiskLevel, number>>;
export const DEFAULT_RISK_BANDS: RiskBands = { Low: 1, Medium: 5, High: 10, Critical: 20 };

/** True for the whole numbers 1…5 the register accepts for probability and impact. */
export function isRiskRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Score = probability × impact (SPEC §5); null unless both are whole numbers 1…5. */
export function riskScore(probability: unknown, impact: unknown): number | null {
  return isRiskRating(probability) && isRiskRating(impact) ? probability * impact : null;
}

/** The level whose band holds the score: the highest level whose lower bound the score reaches. */
export function riskLevel(score: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskLevel | null {
  let level: RiskLevel | null = null;
  for (const name of RISK_LEVELS) if (score >= bands[name]) level = name;
  return level;
}

/** One row of the register's bands table: a level name and the lowest score it takes. */
export interface BandRow<Name> {
  name: Name;
  from: number;
}

/**
 * The level of a score under a bands table read from the sheet: the name of
 * the last band (in table order) whose lower bound the score reaches, which
 * is what the sheet's `INDEX(names, MATCH(score, froms, 1))` gives for
 * ascending bounds. Null below the first band.
 */
export function bandLevel<Name>(score: number, bands: readonly BandRow<Name>[]): Name | null {
  let level: Name | null = null;
  for (const band of bands) {
    if (score >= band.from) level = band.name;
    else break;
  }
  return level;
}
