import { type Locale, type MessageKey, t } from '../i18n';
import type { CellValue } from '../util/cell';
import { type RiskRow, nextRiskId } from './register';
import { CATEGORY_VOCABULARY, type RiskCategory, type RiskStrategy, STATUS_VOCABULARY, STRATEGY_VOCABULARY, vocabularyLabel } from './vocabulary';

export const STARTER_RISK_KEYS = ['marketDemand', 'competitor', 'policy', 'keyCustomer', 'channel', 'team'] as const;
export type StarterRiskKey = (typeof STARTER_RISK_KEYS)[number];

interface StarterRisk {
  category: RiskCategory;
  probability: number;
  impact: number;
  strategy: RiskStrategy;
}

/**
 * The sales risks of the seed material's risk-control section, with a first
 * estimate a team can adjust: demand shifts and competitor moves are likely
 * and hurt revenue (P3–4 × I3–4); a policy change is rarer but can stop deals
 * (P2 × I4); losing a key customer is rare but the costliest (P2 × I5);
 * channel conflict is common with moderate impact (P3 × I3); turnover is
 * common in sales teams and takes relationships along (P3 × I4).
 */
const STARTER_RISKS: Readonly<Record<StarterRiskKey, StarterRisk>> = {
  marketDemand: { category: 'marketDemand', probability: 3, impact: 4, strategy: 'mitigate' },
  competitor: { category: 'competitor', probability: 4, impact: 3, strategy: 'mitigate' },
  policy: { category: 'policy', probability: 2, impact: 4, strategy: 'transfer' },
  keyCustomer: { category: 'customer', probability: 2, impact: 5, strategy: 'mitigate' },
  channel: { category: 'channel', probability: 3, impact: 3, strategy: 'avoid' },
  team: { category: 'team', probability: 3, impact: 4, strategy: 'mitigate' },
};

function text(key: StarterRiskKey, part: 'title' | 'description' | 'measures' | 'steps' | 'owner' | 'resources', locale: Locale): string {
  return t(locale, `risk.starter.${key}.${part}` as MessageKey);
}

/** The starter risk whose title a cell holds, in either language. */
export function starterRiskOfTitle(title: CellValue): StarterRiskKey | null {
  if (typeof title !== 'string') return null;
  const wanted = title.trim();
  return STARTER_RISK_KEYS.find((k) => text(k, 'title', 'en-US') === wanted || text(k, 'title', 'zh-CN') === wanted) ?? null;
}

/** One starter risk as a register row, open, in the user's language. */
export function starterRiskRow(key: StarterRiskKey, id: string, locale: Locale): RiskRow {
  const risk = STARTER_RISKS[key];
  return {
    cells: {
      id,
      title: text(key, 'title', locale),
      category: vocabularyLabel(CATEGORY_VOCABULARY, risk.category, locale),
      description: text(key, 'description', locale),
      probability: risk.probability,
      impact: risk.impact,
      strategy: vocabularyLabel(STRATEGY_VOCABULARY, risk.strategy, locale),
      measures: text(key, 'measures', locale),
      contingencySteps: text(key, 'steps', locale),
      contingencyOwner: text(key, 'owner', locale),
      contingencyResources: text(key, 'resources', locale),
      status: vocabularyLabel(STATUS_VOCABULARY, 'open', locale),
      reviewDate: null,
      lastDrillDate: null,
    },
    extras: [],
  };
}

/**
 * Appends the starter risks the register lacks (a starter counts as present
 * when a row carries its title in either language), each with the next free
 * ID, so inserting them twice adds nothing.
 */
export function withStarterRisks(rows: readonly RiskRow[], locale: Locale, extraColumns: number): RiskRow[] {
  const present = new Set(rows.map((r) => starterRiskOfTitle(r.cells.title ?? null)).filter((k) => k !== null));
  const out = [...rows];
  for (const key of STARTER_RISK_KEYS) {
    if (present.has(key)) continue;
    const row = starterRiskRow(key, nextRiskId(out), locale);
    out.push({ ...row, extras: new Array<CellValue>(extraColumns).fill(null) });
  }
  return out;
}
