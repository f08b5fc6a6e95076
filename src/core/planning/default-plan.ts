import { type Locale, type MessageKey, t } from '../i18n';
import type { MonthlyTarget } from '../settings';
import { type MonthIndex, monthKey } from '../util/dates';
import { PLAN_SECTIONS } from './plan-sections';
import { planRow, type SalesPlan } from './sales-plan';

const HORIZONS: readonly MessageKey[] = ['plan.horizon.short', 'plan.horizon.mid', 'plan.horizon.long'];
const KEY_METRICS = ['revenue', 'satisfaction', 'retention', 'newCustomers'] as const;
const STRATEGY_AREAS: readonly MessageKey[] = ['plan.strategy.positioning', 'plan.strategy.pricing', 'plan.strategy.channels', 'plan.strategy.promotions'];
const TEAM_AREAS: readonly MessageKey[] = ['plan.team.structure', 'plan.team.headcount', 'plan.team.training', 'plan.team.incentives'];
/** The Targets table starts with a year of months. */
export const TARGET_MONTHS = 12;

/**
 * A new plan: one revenue goal per horizon, the four key metrics with their
 * definitions, the strategy and team areas of the template, and the target
 * table — the saved targets when the workbook has some, else twelve months
 * from `firstMonth` with the targets left for the user.
 */
export function defaultSalesPlan(locale: Locale, savedTargets: readonly MonthlyTarget[], firstMonth: MonthIndex): SalesPlan {
  const tr = (key: MessageKey) => t(locale, key);
  const plan = Object.fromEntries(PLAN_SECTIONS.map((k) => [k, { rows: [], extraHeaders: [] }])) as unknown as SalesPlan['sections'];
  plan.goals.rows = HORIZONS.map((h) => planRow({ horizon: tr(h), metric: tr('plan.metric.revenue') }));
  plan.keyMetrics.rows = KEY_METRICS.map((m) => planRow({ metric: tr(`plan.metric.${m}`), definition: tr(`plan.metric.${m}.definition`) }));
  plan.strategy.rows = STRATEGY_AREAS.map((a) => planRow({ area: tr(a) }));
  plan.team.rows = TEAM_AREAS.map((a) => planRow({ area: tr(a) }));
  plan.targets.rows =
    savedTargets.length > 0
      ? savedTargets.map((x) => planRow({ month: x.month, target: x.target, owner: x.owner ?? null }))
      : Array.from({ length: TARGET_MONTHS }, (_, i) => planRow({ month: monthKey(firstMonth + i), target: null }));
  return { sections: plan, notes: [] };
}
