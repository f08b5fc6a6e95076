import { WorkbookError } from '../port';
import { REQUEST_BUDGET } from './blocks';

/** Bytes we allow for one small operation (a format, a rename, a table) in the request budget. */
export const SMALL_OP_BYTES = 512;

/**
 * Queues writes on one request context and syncs only when the next write
 * would push the request over the budget, so a write costs
 * ⌈bytes / budget⌉ syncs whatever the number of operations. Calculation
 * and screen updating are suspended at the start of every request (both
 * last until the next sync only).
 */
export class WriteBatch {
  private bytes = 0;
  syncs = 0;
  /** The format code of `currency` cells on the sheet being written (SheetModel.currencyFormat). */
  currencyFormat: string | undefined;

  constructor(
    private readonly context: Excel.RequestContext,
    /** Bytes our payloads may fill of one request (smaller after Excel refused a request as too large). */
    readonly budget = REQUEST_BUDGET,
  ) {
    this.begin();
  }

  /** Bytes still free in the request under way. */
  get room(): number {
    return this.budget - this.bytes;
  }

  /** Makes room for a write of `bytes`; syncs what is queued first when it would not fit. */
  async reserve(bytes: number): Promise<void> {
    if (bytes > this.budget) throw new WorkbookError('tooLarge', `One write of ${bytes} bytes exceeds the ${this.budget}-byte request budget.`);
    if (this.bytes > 0 && this.bytes + bytes > this.budget) await this.flush();
    this.bytes += bytes;
  }

  /** Sends what is queued and starts a new suspended request. */
  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.bytes = 0;
    this.begin();
  }

  private begin(): void {
    this.context.application.suspendApiCalculationUntilNextSync();
    this.context.application.suspendScreenUpdatingUntilNextSync();
  }
}
