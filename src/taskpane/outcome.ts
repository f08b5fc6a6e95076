import type { Translate } from '../core/i18n';
import type { GenerateReportResult } from '../usecases/generate-report';

/** What the pane offers to open so the user can mend a result. */
export type Fix = 'stages' | 'mapping' | 'issues' | 'month';

/** A run as the user should read it: never green when the report is of little use. */
export interface Outcome {
  kind: 'success' | 'warning' | 'failure' | 'cancelled';
  title: string;
  /** What is wrong (warning, failure), one line each; the success line otherwise. */
  lines: string[];
  fixes: Fix[];
  /** Stage values in the data that match no configured stage (for the stage editor). */
  unmatched: string[];
}

/** Above this share of rows with data issues, a report is "mostly data issues". */
const MOSTLY_ISSUES = 0.5;

/** Failures whose cure is in the Pipeline tab (the sheet or its mapping). */
const MAPPING_FAILURES = new Set(['noHeader', 'missingFields', 'emptySheet', 'noSheet']);

/**
 * Sorts a run into success, success with warnings, failure or cancelled,
 * naming what is wrong and which fixes to offer. A month without deals, a
 * funnel that leaves out stage values, or rows mostly with issues is a
 * warning; so is any warning the use case returned (Excel's limits).
 */
export function outcomeOf(result: GenerateReportResult, tr: Translate, locale = 'en-US'): Outcome {
  const n = (v: number) => v.toLocaleString(locale);
  if (!result.ok) {
    if (result.error.code === 'cancelled')
      return { kind: 'cancelled', title: tr('pane.cancelled.title'), lines: [result.error.message], fixes: [], unmatched: [] };
    const fixes: Fix[] = MAPPING_FAILURES.has(result.error.code)
      ? ['mapping']
      : result.error.code === 'noMonth' || result.error.code === 'badMonth'
        ? ['month']
        : [];
    return { kind: 'failure', title: tr('pane.error.title'), lines: [result.error.message, tr('pane.next.error')], fixes, unmatched: [] };
  }
  const last = result.reports[result.reports.length - 1]!;
  const lines: string[] = [];
  const fixes = new Set<Fix>();
  const unmatched = last.report.unknownStages.map((s) => s.value);
  if (unmatched.length > 0) {
    lines.push(tr('pane.warn.unknownStages', { found: last.report.unknownStages.map((s) => `${s.value} (${s.count})`).join(', ') }));
    fixes.add('stages');
  }
  const { read, used } = last.report.deals;
  if (read > 0 && (read - used) / read > MOSTLY_ISSUES) {
    lines.push(tr('pane.warn.issues', { issues: n(read - used), deals: n(read) }));
    fixes.add('mapping').add('issues');
  }
  const empty = result.reports.filter((r) => (r.report.funnel.steps[0]?.reached ?? 0) === 0 && r.report.wonDeals === 0 && r.report.lostDeals === 0);
  if (empty.length > 0) {
    lines.push(tr('pane.warn.noDeals', { month: empty.map((r) => r.month).join(', ') }));
    fixes.add('month');
  }
  if (read > 0 && used > 0 && last.report.revenue === 0 && last.report.wonDeals > 0) {
    lines.push(tr('pane.warn.noRevenue'));
    fixes.add('mapping');
  }
  // The use case's own warnings say the same about unknown stages; the line above names them with the fix.
  lines.push(...result.warnings.filter((w) => unmatched.length === 0 || !unmatched.every((u) => w.includes(u))));
  const done = tr('pane.done', { sheet: last.sheetName, deals: n(read), issues: n(result.issues) });
  if (lines.length === 0) return { kind: 'success', title: tr('pane.done.title'), lines: [done], fixes: [], unmatched };
  return { kind: 'warning', title: tr('pane.warn.title'), lines: [done, ...lines], fixes: [...fixes], unmatched };
}
