import { toWorkbookError } from '../../../src/workbook/office/office-errors';
import { WorkbookError } from '../../../src/workbook/port';

describe('toWorkbookError', () => {
  // OfficeExtension.Error carries debugInfo (errorLocation, statement, surroundingStatements): what a bug report needs.
  const office = {
    code: 'GeneralException',
    message: 'An internal error has occurred.',
    debugInfo: { code: 'GeneralException', errorLocation: 'Range.values' },
  };

  it('keeps the Office error as its cause, debugInfo and all', () => {
    const e = toWorkbookError(office, 'Writing the report') as WorkbookError;
    expect(e).toBeInstanceOf(WorkbookError);
    expect(e.code).toBe('writeFailed');
    expect(e.cause).toBe(office);
    const denied = toWorkbookError({ ...office, code: 'AccessDenied' }, 'Writing the report', 'zh-CN') as WorkbookError;
    expect(denied.code).toBe('protected');
    expect((denied.cause as { debugInfo: unknown }).debugInfo).toEqual(office.debugInfo);
  });

  it('passes anything else through unchanged', () => {
    const bug = new TypeError('x');
    expect(toWorkbookError(bug, 'Writing the report')).toBe(bug);
  });
});
