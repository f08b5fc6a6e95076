import { generateMonthlyReport } from '../../src/usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../src/usecases/inspect-pipeline';
import { stagesFromNames } from '../../src/core/pipeline/stages';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

function workbook() {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Deals', [
    ['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Expected Revenue'],
    ['D1', 'Acme', 'Won', 46030, 46040, 1200],
    ['D2', 'Beta', 'Proposal', 46031, null, 300],
  ]);
  return wb;
}

describe('inspecting and fixing the column mapping', () => {
  it('shows the detected mapping, what is missing and a preview', async () => {
    const i = await inspectPipeline(workbook());
    expect(i).toMatchObject({ sheet: 'Deals', headerRow: 1, missing: ['amount'], mapping: { id: 'Deal ID', account: 'Account', stage: 'Stage', created: 'Created' } });
    expect(i!.preview).toHaveLength(2);
  });

  it('a saved mapping is used by the next report and shown by the next inspection', async () => {
    const wb = workbook();
    const before = await generateMonthlyReport(wb, { month: '2026-01' });
    expect(before.ok).toBe(false);
    const i = await inspectPipeline(wb);
    await saveMapping(wb, i!.sheet, { ...i!.mapping, amount: 'Expected Revenue' });
    const after = await generateMonthlyReport(wb, { month: '2026-01' });
    expect(after.ok && after.reports[0]!.report.revenue).toBe(1200);
    expect((await inspectPipeline(wb))!.mapping.amount).toBe('Expected Revenue');
  });

  it('saved stages are used by the next report', async () => {
    const wb = workbook();
    await saveStages(wb, stagesFromNames(['Proposal', 'Closing']));
    expect((await inspectPipeline(wb))!.stages.stages.map((x) => x.name)).toEqual(['Proposal', 'Closing']);
    await saveMapping(wb, 'Deals', { id: 'Deal ID', account: 'Account', stage: 'Stage', created: 'Created', closed: 'Close Date', amount: 'Expected Revenue' });
    const r = await generateMonthlyReport(wb, { month: '2026-01' });
    expect(r.ok && r.reports[0]!.report.funnel.steps.map((x) => [x.stage, x.reached])).toEqual([
      ['Proposal', 2],
      ['Closing', 1],
      ['Won', 1],
    ]);
  });
});
