import type { Translate } from '../core/i18n';
import type { DynamicsJson } from './dynamics-json';

/**
 * The pipeline dynamics in one line for the pane's result card (issue #17):
 * overdue and stuck counts, and the movement start → end with its new, won
 * and lost amounts. Amounts without decimals, in the user's locale.
 */
export function dynamicsLine(report: Pick<DynamicsJson, 'overdue' | 'stuck' | 'movement'>, locale: string, tr: Translate): string {
  const amount = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(x);
  const m = report.movement;
  return tr('dyn.paneLine', {
    overdue: report.overdue.deals,
    stuck: report.stuck.deals,
    start: amount(m.start),
    end: amount(m.end),
    new: amount(m.new),
    won: amount(m.won),
    lost: amount(m.lost),
  });
}
