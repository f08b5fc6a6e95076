import { translator } from '../../src/core/i18n';
import { outcomeOf } from '../../src/taskpane/outcome';
import type { GenerateReportResult } from '../../src/usecases/generate-report';
import type { ReportJson } from '../../src/usecases/report-json';

const tr = translator('en-US');

function run(report: Partial<ReportJson>, warnings: string[] = []): GenerateReportResult {
  const full = {
    deals: { read: 100, used: 95, issues: 5 },
    unknownStages: [],
    funnel: { steps: [{ stage: 'Lead', reached: 40 }] },
    wonDeals: 3,
    lostDeals: 2,
    revenue: 9000,
    ...report,
  } as unknown as ReportJson;
  return {
    ok: true,
    reports: [{ month: '2026-03', sheetName: 'Report 2026-03', report: full }],
    pipelineSheet: 'Pipeline',
    warnings,
    issues: full.deals.issues,
  };
}

describe('outcome of a run', () => {
  it('is a success only when nothing is wrong', () => {
    expect(outcomeOf(run({}), tr)).toMatchObject({ kind: 'success', fixes: [] });
  });

  it('warns when stage values match no stage, naming them and offering the stage editor', () => {
    const o = outcomeOf(run({ unknownStages: [{ value: '初步接洽', count: 20 }] }, ['Stage values that match no configured stage (Lead): 初步接洽 (20).']), tr);
    expect(o.kind).toBe('warning');
    expect(o.fixes).toEqual(['stages']);
    expect(o.unmatched).toEqual(['初步接洽']);
    expect(o.lines.join(' ')).toContain('初步接洽 (20)');
    // The use case's own line about the same stages is not repeated.
    expect(o.lines.filter((l) => l.includes('初步接洽'))).toHaveLength(1);
  });

  it('warns when most rows have data issues, offering the mapping and the issues', () => {
    const o = outcomeOf(run({ deals: { read: 6003, used: 0, issues: 6003 } }), tr);
    expect(o).toMatchObject({ kind: 'warning', fixes: ['mapping', 'issues'] });
    expect(o.lines).toContain('6,003 of 6,003 rows have data issues, so most of the data is left out of the figures.');
  });

  it('warns about a month without deals', () => {
    const o = outcomeOf(
      run({ funnel: { steps: [{ stage: 'Lead', reached: 0 }] } as unknown as ReportJson['funnel'], wonDeals: 0, lostDeals: 0, revenue: 0 }),
      tr,
    );
    expect(o).toMatchObject({ kind: 'warning', fixes: ['month'] });
    expect(o.lines.join(' ')).toContain('No deal was created or closed in 2026-03');
  });

  it('keeps the use case’s warnings (Excel’s limits) as a warning', () => {
    expect(outcomeOf(run({}, ['Texts longer than Excel’s limit were cut: A1.']), tr).kind).toBe('warning');
  });

  it('gives a failure its next step, and a cancelled run its own kind', () => {
    expect(outcomeOf({ ok: false, error: { code: 'missingFields', message: 'Header row 1 lacks Amount.' } }, tr)).toMatchObject({
      kind: 'failure',
      fixes: ['mapping'],
      lines: ['Header row 1 lacks Amount.', 'Fix what the message names, then generate again.'],
    });
    expect(outcomeOf({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } }, tr).kind).toBe('cancelled');
  });
});
