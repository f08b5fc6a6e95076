import { type Locale, type MessageKey, t } from '../i18n';
import type { CellValue } from '../util/cell';

/** Risk categories of the sales-planning template (SPEC §5). */
export const RISK_CATEGORIES = ['marketDemand', 'competitor', 'policy', 'customer', 'channel', 'team', 'other'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Response strategies (SPEC §5). */
export const RISK_STRATEGIES = ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'] as const;
export type RiskStrategy = (typeof RISK_STRATEGIES)[number];

/**
 * Statuses. `open`: identified, response not yet in place; `monitoring`:
 * measures in place, still watched (and still on the heat map); `closed`:
 * no longer a risk — left off the heat map and the overdue-review check.
 */
export const RISK_STATUSES = ['open', 'monitoring', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** A closed-vocabulary column of the register: its keys and their catalogue prefix. */
export interface Vocabulary<K extends string> {
  keys: readonly K[];
  prefix: 'risk.category' | 'risk.strategy' | 'risk.status';
}

export const CATEGORY_VOCABULARY: Vocabulary<RiskCategory> = { keys: RISK_CATEGORIES, prefix: 'risk.category' };
export const STRATEGY_VOCABULARY: Vocabulary<RiskStrategy> = { keys: RISK_STRATEGIES, prefix: 'risk.strategy' };
export const STATUS_VOCABULARY: Vocabulary<RiskStatus> = { keys: RISK_STATUSES, prefix: 'risk.status' };

const LOCALES: readonly Locale[] = ['en-US', 'zh-CN'];

/** The label shown in the sheet (and in the drop-down) for a key. */
export function vocabularyLabel<K extends string>(vocabulary: Vocabulary<K>, key: K, locale: Locale): string {
  return t(locale, `${vocabulary.prefix}.${key}` as MessageKey);
}

/** Every label of a vocabulary in one language, in order: the drop-down list. */
export function vocabularyLabels<K extends string>(vocabulary: Vocabulary<K>, locale: Locale): string[] {
  return vocabulary.keys.map((k) => vocabularyLabel(vocabulary, k, locale));
}

/**
 * The key a cell names, accepting the label in either language or the key
 * itself, case- and space-insensitively (so a register written in English
 * reads back under zh-CN, and a CSV may use `mitigate`); null otherwise.
 */
export function vocabularyKey<K extends string>(vocabulary: Vocabulary<K>, value: CellValue): K | null {
  if (typeof value !== 'string') return null;
  const wanted = fold(value);
  if (wanted === '') return null;
  for (const key of vocabulary.keys) {
    if (fold(key) === wanted) return key;
    for (const locale of LOCALES) if (fold(vocabularyLabel(vocabulary, key, locale)) === wanted) return key;
  }
  return null;
}

/** A cell of a vocabulary column in the given language: known labels translated, anything else kept as typed. */
export function localizeChoice<K extends string>(vocabulary: Vocabulary<K>, value: CellValue, locale: Locale): CellValue {
  const key = vocabularyKey(vocabulary, value);
  return key === null ? value : vocabularyLabel(vocabulary, key, locale);
}

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}
