import { FAKE_CODES, FakeOfficeError } from './errors';
import type { WorkbookState } from './state';

/**
 * Excel on the web refuses a request or a response above 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded):
 * "Resource limits and performance optimization for Office Add-ins",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization
 * ("Excel add-ins: … Payload size for requests and responses: 5 MB" on the web).
 */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** What one `context.sync()` carried. */
export interface SyncRecord {
  /** JSON size of the queued operations with their payloads (values, formulas, formats). */
  requestBytes: number;
  /** JSON size of the values loaded back. */
  responseBytes: number;
  writes: number;
  reads: number;
  /** `suspendApiCalculationUntilNextSync` was queued before the batch's first write. */
  calculationSuspended: boolean;
  /** `suspendScreenUpdatingUntilNextSync` was queued before the batch's first write. */
  screenUpdatingSuspended: boolean;
  recalculated: boolean;
  /** The error code the sync failed with. */
  error?: string;
}

export interface FailurePlan {
  /** Fail the n-th write operation from now (1-based); the writes before it in its batch stay applied, as in Excel. */
  write?: number;
  /** Fail the n-th `sync()` from now (1-based) before anything in it applies. */
  sync?: number;
  /** How many consecutive syncs fail (with `sync`); default 1. */
  times?: number;
  code?: string;
}

type OpKind = 'write' | 'read' | 'control';

interface Op {
  kind: OpKind;
  name: string;
  bytes: number;
  run: () => number | void;
}

/** Shared by every context of one fake workbook: the records and the armed failures. */
export class FakeHost {
  readonly syncs: SyncRecord[] = [];
  writeCount = 0;
  private failWriteAt: number | undefined;
  private failSyncAt: number | undefined;
  private failSyncTimes = 0;
  private failCode = FAKE_CODES.generalException as string;

  /** The user is typing in a cell: resolves when the edit ends. */
  private cellEdit: { ended: Promise<void>; end: () => void } | undefined;

  constructor(readonly state: WorkbookState) {}

  /**
   * Cell-edit mode, as `Excel.RunOptions.delayForCellEdit` documents it
   * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions):
   * "When false, if the user is in cell edit when the batch request is
   * processed by the host, the batch automatically fails. When true, … the
   * batch request is delayed until the user exits cell edit mode." The
   * failure is `InvalidOperationInCellEditMode` (Excel.ErrorCodes).
   */
  beginCellEdit(): void {
    if (this.cellEdit) return;
    let end = (): void => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.cellEdit = { ended, end };
  }

  endCellEdit(): void {
    const edit = this.cellEdit;
    this.cellEdit = undefined;
    edit?.end();
  }

  get editingCell(): boolean {
    return this.cellEdit !== undefined;
  }

  /** Before a request is processed: waits out a cell edit (delayForCellEdit) or fails it, as Excel does. */
  async admit(delayForCellEdit: boolean): Promise<void> {
    while (this.cellEdit) {
      if (!delayForCellEdit) {
        this.syncs.push({
          requestBytes: 0,
          responseBytes: 0,
          writes: 0,
          reads: 0,
          calculationSuspended: false,
          screenUpdatingSuspended: false,
          recalculated: false,
          error: FAKE_CODES.cellEditMode,
        });
        throw new FakeOfficeError(FAKE_CODES.cellEditMode, 'The operation is not allowed while the user is editing a cell.');
      }
      await this.cellEdit.ended;
    }
  }

  failAt(plan: FailurePlan): void {
    this.failCode = plan.code ?? FAKE_CODES.generalException;
    this.failWriteAt = plan.write === undefined ? undefined : this.writeCount + plan.write;
    this.failSyncAt = plan.sync === undefined ? undefined : this.syncs.length + plan.sync;
    this.failSyncTimes = plan.sync === undefined ? 0 : (plan.times ?? 1);
  }

  /** Runs one batch of operations the way Excel does: in order, stopping at the first failure. */
  execute(ops: Op[]): void {
    const firstWrite = ops.findIndex((op) => op.kind === 'write');
    const before = (name: string): boolean => {
      const at = ops.findIndex((op) => op.name === name);
      return at >= 0 && (firstWrite < 0 || at < firstWrite);
    };
    const record: SyncRecord = {
      requestBytes: ops.reduce((sum, op) => sum + op.bytes, 0),
      responseBytes: 0,
      writes: ops.filter((op) => op.kind === 'write').length,
      reads: ops.filter((op) => op.kind === 'read').length,
      calculationSuspended: before('suspendApiCalculationUntilNextSync'),
      screenUpdatingSuspended: before('suspendScreenUpdatingUntilNextSync'),
      recalculated: ops.some((op) => op.name === 'calculate'),
    };
    this.syncs.push(record);
    const fail = (error: FakeOfficeError): never => {
      record.error = error.code;
      throw error;
    };
    if (this.failSyncAt !== undefined && this.syncs.length >= this.failSyncAt && this.failSyncTimes > 0) {
      this.failSyncTimes--;
      this.failSyncAt++;
      fail(new FakeOfficeError(this.failCode, `Injected failure at sync ${this.syncs.length}.`));
    }
    if (record.requestBytes > WEB_PAYLOAD_LIMIT)
      fail(new FakeOfficeError(FAKE_CODES.payloadTooLarge, `The request payload size has exceeded the limit (${record.requestBytes} bytes).`));
    for (const op of ops) {
      if (op.kind === 'write' && ++this.writeCount === this.failWriteAt)
        fail(new FakeOfficeError(this.failCode, `Injected failure at write ${this.writeCount} (${op.name}).`));
      try {
        record.responseBytes += op.run() ?? 0;
      } catch (e) {
        if (e instanceof FakeOfficeError) fail(e);
        throw e;
      }
    }
    if (record.responseBytes > WEB_PAYLOAD_LIMIT)
      fail(new FakeOfficeError(FAKE_CODES.responseTooLarge, `The response payload size has exceeded the limit (${record.responseBytes} bytes).`));
  }
}

/** The fake `Excel.RequestContext`'s queue: operations wait here until `sync()`. */
export class Queue {
  private ops: Op[] = [];

  constructor(
    readonly host: FakeHost,
    /** `Excel.run({ delayForCellEdit: true }, …)`: requests wait while the user edits a cell instead of failing. */
    private readonly delayForCellEdit = false,
  ) {}

  get pending(): number {
    return this.ops.length;
  }

  /** Queues a change; `payload` is what the request would carry, measured as JSON. */
  write(name: string, payload: unknown, run: () => void): void {
    this.push('write', name, payload, run);
  }

  /** Queues a load; `run` fills the proxy and returns what the response carried (bytes). */
  read(name: string, payload: unknown, run: () => number): void {
    this.push('read', name, payload, run);
  }

  control(name: string, payload: unknown = null): void {
    this.push('control', name, payload, () => undefined);
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    // Excel answers asynchronously; a microtask keeps callers honest about awaiting.
    await Promise.resolve();
    await this.host.admit(this.delayForCellEdit);
    this.host.execute(ops);
  }

  private push(kind: OpKind, name: string, payload: unknown, run: () => number | void): void {
    this.ops.push({ kind, name, bytes: jsonBytes({ name, payload }) + OP_OVERHEAD, run });
  }
}

/** Each operation in a real request also carries object paths and ids; a flat allowance. */
const OP_OVERHEAD = 64;

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
