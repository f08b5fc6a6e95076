import { t } from '../../src/core/i18n';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../src/usecases/inspect-pipeline';
import { createOrUpdateSalesPlan, readSalesPlanState } from '../../src/usecases/plan';
import { readPlanWizard, savePlanWizard } from '../../src/usecases/plan-wizard';
import { checkRiskEdits, createOrUpdateRiskRegister, readRiskRegisterState } from '../../src/usecases/risks';
import { causeChain, failureOf } from '../../src/usecases/use-case-error';
import { stagesFromNames } from '../../src/core/pipeline/stages';
import { WorkbookError, type WorkbookPort } from '../../src/workbook/port';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

/** A workbook whose every call fails as `fail` says (the port's methods only; the rest as it is). */
function failing(fail: () => never): WorkbookPort {
  const wb = XlsxPackage.create();
  return new Proxy(wb, {
    get: (target, key, receiver) => (typeof Reflect.get(target, key, receiver) === 'function' ? fail : Reflect.get(target, key, receiver)),
  });
}

const officeError = {
  code: 'GeneralException',
  message: 'An internal error has occurred.',
  debugInfo: { code: 'GeneralException', errorLocation: 'Worksheet.copy', statement: 'var copy = sheet.copy(...);' },
};
const busy = (): never => {
  throw new WorkbookError('busy', 'Writing the report: Excel reported GeneralException (An internal error has occurred.).', undefined, { cause: officeError });
};

/** Every use case the pane, the CLI and browser mode call, with what it needs. */
const USE_CASES: [string, (port: WorkbookPort) => Promise<unknown>][] = [
  ['inspectPipeline', (port) => inspectPipeline(port, { locale: 'zh-CN' })],
  ['saveMapping', (port) => saveMapping(port, 'Deals', {}, 'zh-CN')],
  ['saveStages', (port) => saveStages(port, stagesFromNames(['A']), 'zh-CN')],
  ['generateMonthlyReport', (port) => generateMonthlyReport(port, { locale: 'zh-CN' })],
  ['readSalesPlanState', (port) => readSalesPlanState(port, { locale: 'zh-CN' })],
  ['createOrUpdateSalesPlan', (port) => createOrUpdateSalesPlan(port, { locale: 'zh-CN' })],
  ['readRiskRegisterState', (port) => readRiskRegisterState(port, { locale: 'zh-CN' })],
  [
    'checkRiskEdits',
    (port) =>
      checkRiskEdits(port, { locale: 'zh-CN', editRisks: [{ id: 'R-1', base: {}, cells: { status: 'Closed' } }] }).then((error) => ({ ok: false, error })),
  ],
  ['createOrUpdateRiskRegister', (port) => createOrUpdateRiskRegister(port, { locale: 'zh-CN', starterRisks: true })],
  ['readPlanWizard', (port) => readPlanWizard(port, { locale: 'zh-CN' })],
  ['savePlanWizard', (port) => savePlanWizard(port, { locale: 'zh-CN', plan: {}, addRisks: [] })],
];

describe('use cases return a workbook failure as a value (failureOf), never throw it', () => {
  it.each(USE_CASES)('%s: in the user’s language, with its cause kept for the logs', async (_name, run) => {
    const result = (await run(failing(busy))) as { ok: false; error: { code: string; message: string; cause?: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('busy');
    expect(result.error.message).toBe(t('zh-CN', 'workbookError.busy'));
    expect(result.error.cause).toContain('GeneralException');
    expect(result.error.cause).toContain('Worksheet.copy');
  });

  it.each(USE_CASES)('%s: a bug (not a WorkbookError) is not dressed up as a user message: it rejects', async (_name, run) => {
    const bug = (): never => {
      throw new TypeError('x is undefined');
    };
    await expect(run(failing(bug))).rejects.toThrow(TypeError);
  });
});

describe('failureOf', () => {
  it('gives the catalogue message in Chinese and the adapter’s own in English', () => {
    const e = new WorkbookError('sheetNotFound', 'There is no sheet named "Deals".');
    expect(failureOf(e, 'en-US')).toEqual({ ok: false, error: { code: 'sheetNotFound', message: 'There is no sheet named "Deals".' } });
    expect(failureOf(e, 'zh-CN')).toEqual({ ok: false, error: { code: 'sheetNotFound', message: t('zh-CN', 'workbookError.sheetNotFound') } });
  });

  it('rethrows anything else', () => {
    const bug = new RangeError('bad index');
    expect(() => failureOf(bug, 'en-US')).toThrow(bug);
  });

  it('spells out the chain of causes, Office’s debugInfo and both failures of a failed recovery included', () => {
    const recovery = new WorkbookError('writeFailed', 'Putting the workbook back', undefined, {
      cause: { code: 'AccessDenied', message: 'denied', debugInfo: { errorLocation: 'Worksheet.delete' } },
    });
    const chain = causeChain(new AggregateError([officeError, recovery], 'The write failed, and so did its recovery'));
    expect(chain).toContain('The write failed, and so did its recovery');
    expect(chain).toContain('Worksheet.copy');
    expect(chain).toContain('AccessDenied: denied');
    expect(chain).toContain('Worksheet.delete');
    expect(causeChain(undefined)).toBeUndefined();
  });
});
