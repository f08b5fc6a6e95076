import type { PipelineError } from '../core/pipeline/read-pipeline';
import type { Locale } from '../core/i18n';
import { WorkbookError, workbookErrorMessage } from '../workbook/port';

export type UseCaseErrorCode = PipelineError['code'] | WorkbookError['code'] | 'noSheet' | 'noMonth' | 'badMonth' | 'sheetChanged' | 'userSheet' | 'cancelled' | 'engineMissing' | 'engineInput';

/**
 * A failure the user can act on, returned (never thrown) by the use cases:
 * `message` says what went wrong and what to do, in the user's language.
 */
export interface UseCaseError {
  code: UseCaseErrorCode;
  message: string;
}

/** A use case's failure from a workbook error, in the user's language; anything else is a bug and is rethrown. */
export function workbookFailure(e: unknown, locale: Locale): { ok: false; error: UseCaseError } {
  if (e instanceof WorkbookError) return { ok: false, error: { code: e.code, message: workbookErrorMessage(e, locale) } };
  throw e;
}

/** What a use case that only writes returns. */
export type Saved = { ok: true } | { ok: false; error: UseCaseError };
