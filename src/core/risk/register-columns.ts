import type { MessageKey } from '../i18n';
import type { NumberFormat } from '../report/model';

/** Columns of the `RiskRegister` table, in sheet order (SPEC §5). */
export const RISK_COLUMNS = [
  'id',
  'title',
  'category',
  'description',
  'probability',
  'impact',
  'score',
  'level',
  'strategy',
  'measures',
  'contingencySteps',
  'contingencyOwner',
  'contingencyResources',
  'status',
  'reviewDate',
  'lastDrillDate',
] as const;
export type RiskColumn = (typeof RISK_COLUMNS)[number];

/** The columns the register computes with formulas; every other column belongs to the user. */
export const COMPUTED_RISK_COLUMNS: readonly RiskColumn[] = ['score', 'level'];
export type RiskInputColumn = Exclude<RiskColumn, 'score' | 'level'>;
export const RISK_INPUT_COLUMNS = RISK_COLUMNS.filter((c): c is RiskInputColumn => !COMPUTED_RISK_COLUMNS.includes(c));

export function riskColumnHeaderKey(column: RiskColumn): MessageKey {
  return `risk.col.${column}`;
}

export const RISK_COLUMN_FORMATS: Partial<Record<RiskColumn, NumberFormat>> = {
  probability: 'integer',
  impact: 'integer',
  score: 'integer',
  reviewDate: 'date',
  lastDrillDate: 'date',
};

/** Zero-based position of a column in the register. */
export function riskColumnIndex(column: RiskColumn): number {
  return RISK_COLUMNS.indexOf(column);
}
