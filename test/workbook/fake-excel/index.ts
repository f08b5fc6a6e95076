import type { CellValue } from '../../../src/core/util/cell';
import { FakeHost, type FailurePlan, Queue, type SyncRecord } from './context';
import { FakeWorksheetCollection } from './proxies';
import { cellFor, snapshotSheet, type SheetSnapshot, WorkbookState } from './state';

export { FakeOfficeError, FAKE_CODES } from './errors';
export { WEB_PAYLOAD_LIMIT, type SyncRecord, type FailurePlan } from './context';
export type { SheetSnapshot } from './state';

/** The fake `Excel.RequestContext`: the workbook, the application and `sync()`. */
class FakeRequestContext {
  readonly workbook: { worksheets: FakeWorksheetCollection };
  readonly application: { suspendApiCalculationUntilNextSync(): void; suspendScreenUpdatingUntilNextSync(): void; calculate(type: string): void };

  constructor(private readonly queue: Queue) {
    this.workbook = { worksheets: new FakeWorksheetCollection(queue, queue.host.state) };
    this.application = {
      suspendApiCalculationUntilNextSync: () => queue.control('suspendApiCalculationUntilNextSync'),
      suspendScreenUpdatingUntilNextSync: () => queue.control('suspendScreenUpdatingUntilNextSync'),
      calculate: (type: string) => queue.control('calculate', type),
    };
  }

  sync(): Promise<void> {
    return this.queue.sync();
  }

  get pending(): number {
    return this.queue.pending;
  }
}

export interface SeedSheet {
  name: string;
  values: CellValue[][];
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
}

export type ExcelRunLike = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface FakeExcel {
  /** Stands in for `Excel.run`. */
  run: ExcelRunLike;
  /** One record per `context.sync()`, in order, across every `run`. */
  readonly syncs: SyncRecord[];
  /** How many `Excel.run` batches were started. */
  readonly runs: number;
  failAt(plan: FailurePlan): void;
  /** Every sheet as a user would see it, in tab order. */
  snapshot(): SheetSnapshot[];
  readonly state: WorkbookState;
}

/**
 * A recording fake of the part of the Excel JavaScript API the adapter uses.
 * Seeded sheets hold the given values as stored contents (text stays text).
 */
export function createFakeExcel(seed: SeedSheet[] = [{ name: 'Sheet1', values: [] }]): FakeExcel {
  const state = new WorkbookState();
  for (const s of seed) {
    const sheet = state.addSheet(s.name);
    sheet.visibility = s.visibility ?? 'Visible';
    s.values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null && value !== '') cellFor(sheet, r, c).value = value;
      }),
    );
  }
  state.active = state.sheets.find((s) => s.visibility === 'Visible');
  const host = new FakeHost(state);
  let runs = 0;
  const run: ExcelRunLike = async (batch) => {
    runs++;
    const context = new FakeRequestContext(new Queue(host));
    const result = await batch(context as unknown as Excel.RequestContext);
    // Excel.run flushes what the batch left queued.
    if (context.pending > 0) await context.sync();
    return result;
  };
  return {
    run,
    syncs: host.syncs,
    get runs() {
      return runs;
    },
    failAt: (plan) => host.failAt(plan),
    snapshot: () => state.sheets.map(snapshotSheet),
    state,
  };
}
