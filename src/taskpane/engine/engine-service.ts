import type { ProgressCounts, ProgressStep } from '../../usecases/generate-report';
import type { WorkbookPort } from '../../workbook/port';
import { type Endpoint, type EngineMessage, type EngineReply, fromWire, toWire, transferablesOf } from './protocol';

/** What a use case run by the engine may use besides its arguments. */
export interface EngineContext {
  onProgress(step: ProgressStep, counts?: ProgressCounts): void;
  /** Yields to the event loop (so a Cancel can arrive), then tells whether the page cancelled this call. */
  shouldStop(): Promise<boolean>;
  /** The workbook that lives on the page (Office.js in Excel), reached through messages. */
  hostPort: WorkbookPort;
}

export type EngineOps = Record<string, (context: EngineContext, ...args: never[]) => Promise<unknown>>;

/** The port methods the page answers for the host's workbook (the whole WorkbookPort). */
const PORT_METHODS = ['listSheets', 'activeSheet', 'readSheet', 'applyReport', 'writeDealColumns', 'readSettings', 'writeSettings', 'selectCell'] as const;

/** A macrotask turn, so queued messages (a Cancel) are delivered before the work goes on. */
const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The worker's side: runs the ops the page calls, one message per call,
 * posting progress as it comes and the result (or the error) at the end.
 */
export function serveEngine(endpoint: Endpoint<EngineMessage, EngineReply>, ops: EngineOps): void {
  const cancelled = new Set<number>();
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextCall = 0;
  const hostPort = Object.fromEntries(
    PORT_METHODS.map((method) => [
      method,
      (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const call = nextCall++;
          pending.set(call, { resolve, reject });
          endpoint.postMessage({ kind: 'port', call, method, args });
        }),
    ]),
  ) as unknown as WorkbookPort;

  endpoint.addEventListener('message', (event) => {
    const message = event.data;
    if (message.kind === 'cancel') cancelled.add(message.id);
    else if (message.kind === 'portReply') {
      const waiting = pending.get(message.call);
      pending.delete(message.call);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(fromWire(message.error));
    } else if (message.kind === 'call') void run(message.id, message.op, message.args);
  });

  async function run(id: number, op: string, args: unknown[]): Promise<void> {
    const context: EngineContext = {
      onProgress: (step, counts) => endpoint.postMessage({ kind: 'progress', id, step, counts }),
      shouldStop: async () => {
        await turn();
        return cancelled.has(id);
      },
      hostPort,
    };
    try {
      const fn = ops[op];
      if (!fn) throw new Error(`The engine has no operation "${op}".`);
      const value = await fn(context, ...(args as never[]));
      endpoint.postMessage({ kind: 'done', id, value }, transferablesOf(value));
    } catch (e) {
      endpoint.postMessage({ kind: 'failed', id, error: toWire(e) });
    } finally {
      cancelled.delete(id);
    }
  }
}
