import type { PipelineError } from '../core/pipeline/read-pipeline';
import type { Locale } from '../core/i18n';
import { WorkbookError, workbookErrorMessage } from '../workbook/port';

export type UseCaseErrorCode =
  | PipelineError['code']
  | WorkbookError['code']
  | 'noSheet'
  | 'noMonth'
  | 'badMonth'
  | 'sheetChanged'
  | 'userSheet'
  | 'cancelled'
  | 'engineMissing'
  | 'engineInput';

/**
 * A failure the user can act on, returned (never thrown) by the use cases:
 * `message` says what went wrong and what to do, in the user's language.
 */
export interface UseCaseError {
  code: UseCaseErrorCode;
  message: string;
  /** What went wrong underneath, for logs and bug reports (English, never shown as the message): the chain of causes, Office's debugInfo included. */
  cause?: string;
}

/**
 * The one way a use case turns a thrown error into its failure value: a
 * `WorkbookError` becomes `{ ok: false, error }` in the user's language, its
 * causes kept as text; anything else is a bug and is rethrown.
 */
export function failureOf(e: unknown, locale: Locale): { ok: false; error: UseCaseError } {
  if (!(e instanceof WorkbookError)) throw e;
  const cause = causeChain(e.cause);
  return { ok: false, error: { code: e.code, message: workbookErrorMessage(e, locale), ...(cause !== undefined ? { cause } : {}) } };
}

/**
 * An error and its causes in one line for the logs: each as `code: message`,
 * Office's `debugInfo` as JSON, an AggregateError's errors in brackets.
 */
export function causeChain(e: unknown, depth = 0): string | undefined {
  if (e === undefined || e === null) return undefined;
  if (depth > 8) return '…';
  if (typeof e !== 'object') return String(e);
  const o = e as { name?: unknown; code?: unknown; message?: unknown; debugInfo?: unknown; cause?: unknown; errors?: unknown };
  const label = typeof o.code === 'string' ? o.code : typeof o.name === 'string' ? o.name : 'Error';
  let text = `${label}: ${typeof o.message === 'string' ? o.message : JSON.stringify(e)}`;
  if (o.debugInfo !== undefined) text += ` debugInfo=${JSON.stringify(o.debugInfo)}`;
  if (Array.isArray(o.errors)) text += ` [${o.errors.map((x) => causeChain(x, depth + 1) ?? '').join('; ')}]`;
  const inner = causeChain(o.cause, depth + 1);
  return inner === undefined ? text : `${text} ← ${inner}`;
}

/** What a use case that only writes returns. */
export type Saved = { ok: true } | { ok: false; error: UseCaseError };
