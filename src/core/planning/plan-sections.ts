import type { MessageKey } from '../i18n';
import type { NumberFormat } from '../report/model';

/** The sections of the sales-planning template (SPEC §5), in sheet order. */
export const PLAN_SECTIONS = ['goals', 'keyMetrics', 'strategy', 'team', 'channels', 'promotions', 'tiers', 'targets'] as const;
export type PlanSectionKey = (typeof PLAN_SECTIONS)[number];

export interface PlanColumn {
  key: string;
  header: MessageKey;
  format?: NumberFormat;
}

export interface PlanSectionDef {
  heading: MessageKey;
  /** Excel table name: stable in every language so formulas and other runs find it. */
  table: string;
  columns: readonly PlanColumn[];
  /**
   * Texts the add-in writes into the section (row labels, definitions):
   * one in either language is shown in the user's language on the next run.
   */
  labels: readonly MessageKey[];
  /** Filled from the pipeline on every run that has one; the user's rows are kept only when there is none. */
  fromData?: boolean;
}

const HORIZON_LABELS: readonly MessageKey[] = ['plan.horizon.short', 'plan.horizon.mid', 'plan.horizon.long'];
const METRIC_LABELS: readonly MessageKey[] = ['plan.metric.revenue', 'plan.metric.satisfaction', 'plan.metric.retention', 'plan.metric.newCustomers'];

export const PLAN_SECTION_DEFS: Readonly<Record<PlanSectionKey, PlanSectionDef>> = {
  goals: {
    heading: 'plan.goals',
    table: 'PlanGoals',
    columns: [
      { key: 'horizon', header: 'plan.col.horizon' },
      { key: 'goal', header: 'plan.col.goal' },
      { key: 'metric', header: 'plan.col.metric' },
      { key: 'baseline', header: 'plan.col.baseline', format: 'decimal' },
      { key: 'target', header: 'plan.col.target', format: 'decimal' },
      { key: 'deadline', header: 'plan.col.deadline', format: 'date' },
      { key: 'owner', header: 'plan.col.owner' },
      { key: 'current', header: 'plan.col.current', format: 'decimal' },
      { key: 'progress', header: 'plan.col.progress', format: 'percent' },
    ],
    labels: [...HORIZON_LABELS, ...METRIC_LABELS],
  },
  keyMetrics: {
    heading: 'plan.keyMetrics',
    table: 'PlanKeyMetrics',
    columns: [
      { key: 'metric', header: 'plan.col.metric' },
      { key: 'definition', header: 'plan.col.definition' },
      { key: 'baseline', header: 'plan.col.baseline', format: 'decimal' },
      { key: 'target', header: 'plan.col.target', format: 'decimal' },
      { key: 'owner', header: 'plan.col.owner' },
    ],
    labels: [
      ...METRIC_LABELS,
      'plan.metric.revenue.definition',
      'plan.metric.satisfaction.definition',
      'plan.metric.retention.definition',
      'plan.metric.newCustomers.definition',
    ],
  },
  strategy: {
    heading: 'plan.strategy',
    table: 'PlanStrategy',
    columns: [
      { key: 'area', header: 'plan.col.area' },
      { key: 'plan', header: 'plan.col.plan' },
      { key: 'actions', header: 'plan.col.actions' },
      { key: 'owner', header: 'plan.col.owner' },
    ],
    labels: ['plan.strategy.positioning', 'plan.strategy.pricing', 'plan.strategy.channels', 'plan.strategy.promotions'],
  },
  team: {
    heading: 'plan.team',
    table: 'PlanTeam',
    columns: [
      { key: 'area', header: 'plan.col.area' },
      { key: 'current', header: 'plan.col.current' },
      { key: 'plan', header: 'plan.col.plan' },
      { key: 'owner', header: 'plan.col.owner' },
    ],
    labels: ['plan.team.structure', 'plan.team.headcount', 'plan.team.training', 'plan.team.incentives'],
  },
  channels: {
    heading: 'plan.channels.plain',
    table: 'PlanChannels',
    columns: [
      { key: 'channel', header: 'plan.col.channel' },
      { key: 'deals', header: 'plan.col.deals', format: 'integer' },
      { key: 'revenue', header: 'plan.col.revenue', format: 'currency' },
      { key: 'cost', header: 'plan.col.cost', format: 'currency' },
      { key: 'costRate', header: 'plan.col.costRate', format: 'percent' },
      { key: 'margin', header: 'plan.col.margin', format: 'currency' },
    ],
    labels: [],
    fromData: true,
  },
  promotions: {
    heading: 'plan.promotions',
    table: 'PlanPromotions',
    columns: [
      { key: 'promotion', header: 'plan.col.promotion' },
      { key: 'goal', header: 'plan.col.goal' },
      { key: 'start', header: 'plan.col.start', format: 'date' },
      { key: 'end', header: 'plan.col.end', format: 'date' },
      { key: 'budget', header: 'plan.col.budget', format: 'currency' },
      { key: 'expectedLift', header: 'plan.col.expectedLift', format: 'percent' },
      { key: 'actualLift', header: 'plan.col.actualLift', format: 'percent' },
      { key: 'owner', header: 'plan.col.owner' },
    ],
    labels: [],
  },
  tiers: {
    heading: 'plan.tiers',
    table: 'PlanTiers',
    columns: [
      { key: 'account', header: 'plan.col.account' },
      { key: 'revenue12m', header: 'plan.col.revenue12m', format: 'currency' },
      { key: 'tier', header: 'plan.col.tier' },
    ],
    labels: [],
    fromData: true,
  },
  targets: {
    heading: 'plan.targets',
    table: 'Targets',
    columns: [
      { key: 'month', header: 'plan.col.month', format: 'text' },
      { key: 'target', header: 'plan.col.monthTarget', format: 'currency' },
      // Optional (SPEC §8): a row with an owner is that owner's target; a month's team target is the sum of its rows.
      { key: 'owner', header: 'plan.col.owner' },
    ],
    labels: [],
  },
};

/** Goal horizons and their length in months (SPEC §5: 3 months, 1 year, 3 years). */
export const HORIZON_MONTHS: ReadonlyArray<readonly [MessageKey, number]> = [
  ['plan.horizon.short', 3],
  ['plan.horizon.mid', 12],
  ['plan.horizon.long', 36],
];
