import type { PipelineError } from '../core/pipeline/read-pipeline';
import type { WorkbookError } from '../workbook/port';

export type UseCaseErrorCode = PipelineError['code'] | WorkbookError['code'] | 'noSheet' | 'noMonth' | 'badMonth' | 'sheetChanged' | 'userSheet' | 'cancelled';

/**
 * A failure the user can act on, returned (never thrown) by the use cases:
 * `message` says what went wrong and what to do, in the user's language.
 */
export interface UseCaseError {
  code: UseCaseErrorCode;
  message: string;
}
