import type { CellValue } from '../../../src/core/util/cell';
import { FakeHost, type FailurePlan, Queue, type SyncRecord } from './context';
import { FakeApplication, FakeProtection, FakeWorksheetCollection } from './proxies';
import { cellFor, snapshotSheet, type SheetSnapshot, WorkbookState } from './state';

export { FakeOfficeError, FAKE_CODES } from './errors';
export { WEB_PAYLOAD_LIMIT, type SyncRecord, type FailurePlan } from './context';
export { shiftRows } from './calculated-columns';
export type { SheetSnapshot } from './state';

/** The fake `Excel.RequestContext`: the workbook, the application and `sync()`. */
class FakeRequestContext {
  readonly workbook: { worksheets: FakeWorksheetCollection; protection: FakeProtection };
  readonly application: FakeApplication;

  constructor(private readonly queue: Queue) {
    this.workbook = {
      worksheets: new FakeWorksheetCollection(queue, queue.host.state),
      protection: new FakeProtection(queue, () => queue.host.state.structureProtected),
    };
    this.application = new FakeApplication(queue, queue.host.state);
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
export type ExcelRunWithOptionsLike = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface FakeExcel {
  /** Stands in for `Excel.run(batch)` (no options: a request during a cell edit fails). */
  run: ExcelRunLike;
  /** Stands in for `Excel.run(options, batch)`; the options are recorded in `runOptions`. */
  excelRun: ExcelRunWithOptionsLike;
  /** The options of every `Excel.run`, in order. */
  readonly runOptions: Excel.RunOptions[];
  /** The user starts typing in a cell (cell-edit mode) … */
  beginCellEdit(): void;
  /** … and presses Enter: requests delayed by `delayForCellEdit` go ahead. */
  endCellEdit(): void;
  /** Protects the workbook's structure (Review › Protect Workbook): no sheet can be added, deleted, renamed, moved or hidden. */
  protectStructure(): void;
  /** Protects a sheet (Review › Protect Sheet, every cell locked). */
  protectSheet(name: string): void;
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
export interface FakeHostOptions {
  /**
   * The host refuses series and title calls on the newer `chartex` chart
   * types (funnel, waterfall, …) with `UnsupportedOperation` ("This
   * operation is not implemented."), as OfficeDev/office-js-docs#910
   * reports for `Chart.series` on Waterfall, Sunburst and other such charts.
   */
  chartexSeriesUnsupported?: boolean;
  /** Excel's decimal separator (File › Options › Advanced, or the system's), `Application.decimalSeparator`; default `.`. */
  decimalSeparator?: string;
}

export function createFakeExcel(seed: SeedSheet[] = [{ name: 'Sheet1', values: [] }], hostOptions: FakeHostOptions = {}): FakeExcel {
  const state = new WorkbookState();
  state.chartexSeriesUnsupported = hostOptions.chartexSeriesUnsupported ?? false;
  state.decimalSeparator = hostOptions.decimalSeparator ?? '.';
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
  const runOptions: Excel.RunOptions[] = [];
  const excelRun: ExcelRunWithOptionsLike = async (options, batch) => {
    runs++;
    runOptions.push({ ...options });
    const context = new FakeRequestContext(new Queue(host, options.delayForCellEdit === true));
    const result = await batch(context as unknown as Excel.RequestContext);
    // Excel.run flushes what the batch left queued.
    if (context.pending > 0) await context.sync();
    return result;
  };
  const run: ExcelRunLike = (batch) => excelRun({}, batch);
  return {
    run,
    excelRun,
    runOptions,
    beginCellEdit: () => host.beginCellEdit(),
    endCellEdit: () => host.endCellEdit(),
    protectStructure: () => (state.structureProtected = true),
    protectSheet: (name) => (state.get(name).protected = true),
    syncs: host.syncs,
    get runs() {
      return runs;
    },
    failAt: (plan) => host.failAt(plan),
    snapshot: () => state.sheets.map(snapshotSheet),
    state,
  };
}
