import { fromWire, toWire } from '../../src/taskpane/engine/protocol';
import { failureOf } from '../../src/usecases/use-case-error';
import { WorkbookError } from '../../src/workbook/port';

describe('a WorkbookError crossing the worker boundary', () => {
  it('keeps its code, catalogue message and causes (as text: structured clone would refuse an Office error)', () => {
    const office = { code: 'GeneralException', message: 'An internal error has occurred.', debugInfo: { errorLocation: 'Range.values' } };
    const sent = new WorkbookError(
      'writeFailed',
      'Writing the report: Excel reported GeneralException.',
      { key: 'workbookError.writeFailed', params: {} },
      { cause: office },
    );
    const wire = structuredClone(toWire(sent));
    const back = fromWire(wire) as WorkbookError;
    expect(back).toBeInstanceOf(WorkbookError);
    expect([back.code, back.message, back.localized]).toEqual([sent.code, sent.message, sent.localized]);
    expect(failureOf(back, 'en-US').error.cause).toContain('Range.values');
  });
});
