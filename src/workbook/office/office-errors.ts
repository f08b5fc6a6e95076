import { type Locale, t } from '../../core/i18n';
import { WorkbookError, type WorkbookErrorCode } from '../port';

/**
 * `OfficeExtension.Error` codes we act on (Excel.ErrorCodes). Branching is
 * on the code only: the message is localized.
 */
export const OFFICE_CODES = {
  itemNotFound: 'ItemNotFound',
  cellEditMode: 'InvalidOperationInCellEditMode',
  requestTooLarge: 'RequestPayloadSizeLimitExceeded',
  responseTooLarge: 'ResponsePayloadSizeLimitExceeded',
  accessDenied: 'AccessDenied',
  activityLimit: 'ActivityLimitReached',
  conflict: 'Conflict',
} as const;

/** An error raised by Office: it carries a string `code` (OfficeExtension.Error). */
export interface OfficeErrorLike {
  code: string;
  message: string;
}

export function isOfficeError(e: unknown): e is OfficeErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && !(e instanceof WorkbookError);
}

const BY_CODE: Readonly<Record<string, WorkbookErrorCode>> = {
  [OFFICE_CODES.itemNotFound]: 'sheetNotFound',
  [OFFICE_CODES.cellEditMode]: 'busy',
  [OFFICE_CODES.activityLimit]: 'busy',
  [OFFICE_CODES.conflict]: 'busy',
  [OFFICE_CODES.requestTooLarge]: 'tooLarge',
  [OFFICE_CODES.responseTooLarge]: 'tooLarge',
  [OFFICE_CODES.accessDenied]: 'protected',
};

/**
 * An Office error as the port's `WorkbookError`, the Office error kept as
 * its `cause`; anything else (a bug) passes through unchanged. `AccessDenied` is what Excel answers a change
 * to a protected workbook structure or sheet (Excel.ErrorCodes: "You
 * cannot perform the requested operation."): the user gets a message that
 * says so and what to do, in their language.
 */
export function toWorkbookError(e: unknown, what: string, locale: Locale = 'en-US'): unknown {
  if (!isOfficeError(e)) return e;
  const code = BY_CODE[e.code] ?? 'writeFailed';
  // The Office error stays as the cause: its debugInfo (errorLocation, statement) is what a bug report needs.
  if (code === 'protected') return new WorkbookError(code, t(locale, 'error.office.accessDenied'), undefined, { cause: e });
  return new WorkbookError(code, `${what}: Excel reported ${e.code} (${e.message}).`, undefined, { cause: e });
}

export interface RetryOptions {
  /** Attempts after the first; default 3. */
  retries?: number;
  /** Waits `ms`; injectable so tests do not sleep. */
  delay?: (ms: number) => Promise<void>;
  /** First wait in ms, doubled each time; default 500. */
  backoffMs?: number;
}

export const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` again while Excel refuses it because the user is editing a
 * cell (Script Lab's practice): 500 ms, 1 s, 2 s by default.
 */
export async function retryInCellEditMode<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const delay = options.delay ?? realDelay;
  let wait = options.backoffMs ?? 500;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isOfficeError(e) || e.code !== OFFICE_CODES.cellEditMode || n >= retries) throw e;
      await delay(wait);
      wait *= 2;
    }
  }
}
