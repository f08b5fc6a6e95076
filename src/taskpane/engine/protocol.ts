import type { ProgressCounts, ProgressStep } from '../../usecases/generate-report';
import { WorkbookError } from '../../workbook/port';
import { causeChain } from '../../usecases/use-case-error';

/*
 * The messages between the page and the engine worker. The page asks for a
 * use case (`call`), may cancel it, and answers the worker's workbook calls
 * (`port`) when the workbook lives on the page (Office.js in Excel); the
 * worker answers with progress and then the result or a failure.
 */

export type EngineMessage =
  | { kind: 'call'; id: number; op: string; args: unknown[] }
  | { kind: 'cancel'; id: number }
  | { kind: 'portReply'; call: number; ok: true; value: unknown }
  | { kind: 'portReply'; call: number; ok: false; error: WireError };

export type EngineReply =
  | { kind: 'done'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: WireError }
  | { kind: 'progress'; id: number; step: ProgressStep; counts?: ProgressCounts }
  | { kind: 'port'; call: number; method: string; args: unknown[] };

/** Either end of a MessagePort, a Worker or the worker's global scope. */
export interface Endpoint<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<In>) => void): void;
}

/** An error as it crosses the boundary: a `WorkbookError` keeps its code, catalogue message and causes (as text: Office's errors do not clone). */
export interface WireError {
  message: string;
  workbook?: { code: WorkbookError['code']; localized?: WorkbookError['localized']; cause?: string };
}

export function toWire(e: unknown): WireError {
  if (e instanceof WorkbookError) return { message: e.message, workbook: { code: e.code, localized: e.localized, cause: causeChain(e.cause) } };
  return { message: e instanceof Error ? e.message : String(e) };
}

export function fromWire(e: WireError): Error {
  return e.workbook ? new WorkbookError(e.workbook.code, e.message, e.workbook.localized, { cause: e.workbook.cause }) : new Error(e.message);
}

/** The buffers of byte arrays in a value, handed over rather than copied (a whole workbook, say). */
export function transferablesOf(value: unknown): Transferable[] {
  const whole = (v: unknown): v is Uint8Array =>
    v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer;
  if (whole(value)) return [value.buffer];
  if (value && typeof value === 'object')
    return Object.values(value)
      .filter(whole)
      .map((v) => v.buffer);
  return [];
}
