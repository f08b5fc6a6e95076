import { generateMonthlyReport } from '../../src/usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../src/usecases/inspect-pipeline';
import { stagesFromNames } from '../../src/core/pipeline/stages';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { WorkbookError } from '../../src/workbook/port';

/** The inspection of a workbook that has one (the use case returns a result value). */
async function inspected(wb: XlsxPackage) {
  const r = await inspectPipeline(wb);
  if (!r.ok || !r.inspection) throw new Error('expected an inspection');
  return r.inspection;
}

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
    const i = await inspected(workbook());
    expect(i).toMatchObject({
      sheet: 'Deals',
      headerRow: 1,
      missing: ['amount'],
      mapping: { id: 'Deal ID', account: 'Account', stage: 'Stage', created: 'Created' },
    });
    expect(i.preview).toHaveLength(2);
  });

  it('a saved mapping is used by the next report and shown by the next inspection', async () => {
    const wb = workbook();
    const before = await generateMonthlyReport(wb, { month: '2026-01' });
    expect(before.ok).toBe(false);
    const i = await inspected(wb);
    await saveMapping(wb, i.sheet, { ...i.mapping, amount: 'Expected Revenue' });
    const after = await generateMonthlyReport(wb, { month: '2026-01' });
    expect(after.ok && after.reports[0]!.report.revenue).toBe(1200);
    expect((await inspected(wb)).mapping.amount).toBe('Expected Revenue');
  });

  it('saved stages are used by the next report', async () => {
    const wb = workbook();
    await saveStages(wb, stagesFromNames(['Proposal', 'Closing']));
    expect((await inspected(wb)).stages.stages.map((x) => x.name)).toEqual(['Proposal', 'Closing']);
    await saveMapping(wb, 'Deals', { id: 'Deal ID', account: 'Account', stage: 'Stage', created: 'Created', closed: 'Close Date', amount: 'Expected Revenue' });
    const r = await generateMonthlyReport(wb, { month: '2026-01' });
    expect(r.ok && r.reports[0]!.report.funnel.steps.map((x) => [x.stage, x.reached])).toEqual([
      ['Proposal', 2],
      ['Closing', 1],
      ['Won', 1],
    ]);
  });

  it('returns a workbook failure as a value, in the user’s language, instead of throwing', async () => {
    const wb = workbook();
    wb.writeSettings = async () => {
      throw new WorkbookError('protected', 'The sheet is protected.');
    };
    expect(await saveStages(wb, stagesFromNames(['A']), 'zh-CN')).toEqual({
      ok: false,
      error: { code: 'protected', message: '工作簿或其中的工作表受保护，未做任何更改。请取消保护后重试。' },
    });
    expect(await saveMapping(wb, 'Deals', {}, 'en-US')).toEqual({ ok: false, error: { code: 'protected', message: 'The sheet is protected.' } });
    wb.readSettings = async () => {
      throw new WorkbookError('busy', 'Excel is busy.');
    };
    expect(await inspectPipeline(wb, { locale: 'zh-CN' })).toEqual({
      ok: false,
      error: { code: 'busy', message: 'Excel 正忙（可能有单元格处于编辑状态）。请完成编辑后重试。' },
    });
  });
});
