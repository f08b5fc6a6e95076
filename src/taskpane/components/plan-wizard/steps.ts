import type { MessageKey } from '../../../core/i18n';

/** The wizard's four steps: the name on the step's button and heading, and the hint under it. */
export const STEPS: readonly { name: MessageKey; hint: MessageKey }[] = [
  { name: 'pane.plan.step.goals', hint: 'pane.plan.goals.hint' },
  { name: 'pane.plan.step.metrics', hint: 'pane.plan.metrics.hint' },
  { name: 'pane.plan.step.strategy', hint: 'pane.plan.strategy.hint' },
  { name: 'pane.plan.step.risks', hint: 'pane.plan.risks.hint' },
];
