import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { formOf, changesOf, withCell } from '../../src/taskpane/components/plan-wizard/wizard-model';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import { readPlanWizard, savePlanWizard } from '../../src/usecases/plan-wizard';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

// Issue #17 item 8: owner targets typed in the plan wizard reach the report: the owner leaderboard uses them, the team target is their sum (SPEC §8).

jest.setTimeout(60_000);

it('saves per-owner targets from the wizard into the Targets table, and the report reads them per owner and summed for the team', async () => {
  const pipeline = samplePipeline({ deals: 300, seed: 5 });
  const ownerCol = pipeline[0]!.indexOf('Owner');
  const owners = [
    ...new Set(
      pipeline
        .slice(1)
        .map((r) => r[ownerCol])
        .filter((v): v is string => typeof v === 'string'),
    ),
  ].slice(0, 2);
  expect(owners).toHaveLength(2);
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Pipeline', pipeline, { dateColumns: SAMPLE_DATE_COLUMNS });
  const read = await readPlanWizard(wb, { locale: 'en-US' });
  if (!read.ok) throw new Error(read.error.message);
  let form = formOf(read.state);
  // The wizard's rows for one month: one per owner (the second added with "Add another owner's target").
  form = withCell(form, 'targets', 0, 'month', '2026-04');
  form = withCell(form, 'targets', 0, 'target', 30_000);
  form = withCell(form, 'targets', 0, 'owner', owners[0]!);
  form = { ...form, rows: { ...form.rows, targets: [...form.rows.targets, { month: '2026-04', target: 20_000, owner: owners[1]! }] } };
  const saved = await savePlanWizard(wb, changesOf(form, 'en-US'));
  expect(saved.ok).toBe(true);
  expect((await wb.readSettings()).targets?.filter((x) => x.month === '2026-04')).toEqual([
    { month: '2026-04', target: 30_000, owner: owners[0] },
    { month: '2026-04', target: 20_000, owner: owners[1] },
  ]);
  const result = await generateMonthlyReport(wb, { month: '2026-04' });
  if (!result.ok) throw new Error(result.error.message);
  const report = result.reports[0]!.report;
  expect(report.target).toBe(50_000);
  const byOwner = new Map(report.owners.map((o) => [o.owner, o.target]));
  expect(byOwner.get(owners[0]!)).toBe(30_000);
  expect(byOwner.get(owners[1]!)).toBe(20_000);
});
