import type { ProgressCounts, ProgressStep } from '../../usecases/generate-report';
import type { WorkbookPort } from '../../workbook/port';
import { type Endpoint, type EngineMessage, type EngineReply, fromWire, toWire, transferablesOf } from './protocol';

export interface CallOptions {
  onProgress?(step: ProgressStep, counts?: ProgressCounts): void;
  /** Aborting asks the engine to stop the call; it answers with its own result (a use case's `cancelled`). */
  signal?: AbortSignal;
  /** Buffers handed to the worker instead of copied (a file's bytes). */
  transfer?: Transferable[];
}

/**
 * The page's side of the engine worker: calls its ops and, when given the
 * host's workbook (Office.js lives on the page), answers the worker's
 * workbook calls against it.
 */
export class EngineClient {
  private nextId = 0;
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; options: CallOptions }>();

  constructor(
    private readonly endpoint: Endpoint<EngineReply, EngineMessage>,
    private readonly hostPort?: WorkbookPort,
  ) {
    endpoint.addEventListener('message', (event) => void this.receive(event.data));
  }

  call<T>(op: string, args: unknown[], options: CallOptions = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve, reject, options });
      options.signal?.addEventListener('abort', () => this.endpoint.postMessage({ kind: 'cancel', id }), { once: true });
      this.endpoint.postMessage({ kind: 'call', id, op, args }, options.transfer ?? []);
    });
  }

  private async receive(reply: EngineReply): Promise<void> {
    if (reply.kind === 'port') return this.answerPort(reply.call, reply.method, reply.args);
    const call = this.calls.get(reply.id);
    if (!call) return;
    if (reply.kind === 'progress') return call.options.onProgress?.(reply.step, reply.counts);
    this.calls.delete(reply.id);
    if (reply.kind === 'done') call.resolve(reply.value);
    else call.reject(fromWire(reply.error));
  }

  private async answerPort(call: number, method: string, args: unknown[]): Promise<void> {
    try {
      if (!this.hostPort) throw new Error('The page holds no workbook for the engine to use.');
      const fn = (this.hostPort as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
      if (typeof fn !== 'function') throw new Error(`The workbook has no method "${method}".`);
      const value = await fn.apply(this.hostPort, args);
      this.endpoint.postMessage({ kind: 'portReply', call, ok: true, value }, transferablesOf(value));
    } catch (e) {
      this.endpoint.postMessage({ kind: 'portReply', call, ok: false, error: toWire(e) });
    }
  }
}
