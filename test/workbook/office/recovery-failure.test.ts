import { sampleReport } from '../contract';
import { harness, noDelay, SEED } from '../office-harness';
import { createOfficePort } from '../../../src/workbook/office/office-port';
import { delayedForCellEdit } from '../../../src/workbook/office/excel-run';
import type { ExcelRunWithOptionsLike } from '../fake-excel';
import { WorkbookError } from '../../../src/workbook/port';
import { causeChain } from '../../../src/usecases/use-case-error';

/** The fake's Excel.run, with the n-th run (1-based) refused by Excel before it starts. */
function refusingRun(excelRun: ExcelRunWithOptionsLike, refused: number[]): ExcelRunWithOptionsLike {
  let n = 0;
  return (options, batch) => {
    n++;
    if (refused.includes(n)) return Promise.reject({ code: 'GeneralException', message: `run ${n} refused`, debugInfo: { errorLocation: `run ${n}` } });
    return excelRun(options, batch);
  };
}

describe('a failed recovery is reported, never swallowed', () => {
  const model = { sheets: [sampleReport('Report 2026-01', 3)], activate: 'Report 2026-01' };

  it('the write fails and so does its rollback: the error lists the tabs left and keeps both failures as its cause', async () => {
    const { fake } = harness(SEED);
    // Run 1 writes (its 3rd write fails once the new tab is there), run 2 is the rollback, run 3 counts what is left.
    const port = createOfficePort(delayedForCellEdit(refusingRun(fake.excelRun, [2])), { delay: noDelay, funnelCharts: true, inPlaceData: true });
    fake.failAt({ write: 3 });
    const error = (await port.applyReport(model).catch((e: unknown) => e)) as WorkbookError;
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error.code).toBe('writeFailed');
    expect(error.message).toMatch(/^The write failed and Excel refused part of the clean-up: delete the tabs "~FR/);
    const chain = causeChain(error.cause) ?? '';
    expect(chain).toContain('run 2 refused');
    expect(chain).toContain('GeneralException');
  });

  it('when the count of what is left fails too, every tab of the run is listed and the cause says why', async () => {
    const { fake } = harness(SEED);
    const port = createOfficePort(delayedForCellEdit(refusingRun(fake.excelRun, [2, 3])), { delay: noDelay, funnelCharts: true, inPlaceData: true });
    fake.failAt({ write: 3 });
    const error = (await port.applyReport(model).catch((e: unknown) => e)) as WorkbookError;
    expect(error.code).toBe('writeFailed');
    const chain = causeChain(error.cause) ?? '';
    expect(chain).toContain('run 2 refused');
    expect(chain).toContain('run 3 refused');
  });

  it('a rollback refused after a write that changed nothing: nothing is left, and the error still says the recovery failed', async () => {
    const { fake } = harness(SEED);
    const port = createOfficePort(delayedForCellEdit(refusingRun(fake.excelRun, [2])), {
      delay: noDelay,
      funnelCharts: true,
      inPlaceData: true,
      locale: () => 'zh-CN',
    });
    const before = fake.snapshot();
    // The first request that writes fails before anything in it applies.
    fake.failAt({ sync: 2 });
    const error = (await port.applyReport(model).catch((e: unknown) => e)) as WorkbookError;
    expect(fake.snapshot()).toEqual(before);
    expect(error.code).toBe('writeFailed');
    expect(error.message).toMatch(/^写入失败，且 Excel 拒绝了部分恢复工作簿的操作/);
    expect(causeChain(error.cause)).toContain('run 2 refused');
  });
});
