import type { Deal } from '../pipeline/deal';
import { monthOfSerial } from './month-of-serial';

/** Status codes in `DealTable.status`. */
export const OPEN = 0;
export const WON = 1;
export const LOST = 2;

/** `closedMonth` of a deal that is not won or has no close date. */
export const NO_MONTH = -1;
/** `account` of a deal without an account. */
export const NO_ACCOUNT = -1;

/**
 * The deals as parallel typed columns, built once per report so every
 * metric is a tight loop over numbers. Missing numbers and dates are `NaN`,
 * missing months `NO_MONTH`.
 *
 * Every per-account measure of SPEC §2 (new customers, repurchase, renewal,
 * cohorts, tiers) looks at won deals only, so the account number, close
 * month and contract end are filled for won deals only: a `Map` lookup per
 * won deal instead of per row is most of the build time saved on a large
 * pipeline (about one row in seven is won in a typical funnel).
 */
export interface DealTable {
  readonly size: number;
  readonly deals: readonly Deal[];
  readonly status: Uint8Array;
  readonly created: Float64Array;
  readonly closed: Float64Array;
  readonly amount: Float64Array;
  readonly cost: Float64Array;
  /** Won deals: month of the close date, else `NO_MONTH`. */
  readonly closedMonth: Int32Array;
  /** Won deals: contract end (SPEC §2 renewal), else `NaN`. */
  readonly contractEnd: Float64Array;
  /** Won deals: account number, 0…accounts.count − 1; `NO_ACCOUNT` for other deals and won deals without an account. */
  readonly account: Int32Array;
  readonly accounts: AccountDirectory;
}

/** The distinct accounts with a won deal, compared by `Deal.accountKey` (trimmed, case-folded, spaces collapsed; SPEC §2). */
export interface AccountDirectory {
  readonly count: number;
  readonly keys: readonly string[];
  /** Display name: the spelling most frequent on the account's won deals; a tie goes to the one seen first (lowest sheet row). */
  readonly names: readonly string[];
}

const built = new WeakMap<readonly Deal[], DealTable>();

/**
 * The table of a deals array, built on first use and then reused: a report
 * computes several months (the report month, the previous one for the
 * change column, every month with `--all`) from the same deals. Deals are
 * never changed after the reader returns them, so the cache cannot go stale.
 */
export function dealTableOf(deals: readonly Deal[]): DealTable {
  let table = built.get(deals);
  if (table === undefined) {
    table = buildDealTable(deals);
    built.set(deals, table);
  }
  return table;
}

export function buildDealTable(deals: readonly Deal[]): DealTable {
  const n = deals.length;
  const status = new Uint8Array(n);
  const created = new Float64Array(n);
  const closed = new Float64Array(n);
  const amount = new Float64Array(n);
  const cost = new Float64Array(n);
  const closedMonth = new Int32Array(n).fill(NO_MONTH);
  const contractEnd = new Float64Array(n).fill(NaN);
  const account = new Int32Array(n).fill(NO_ACCOUNT);
  const spellings = new SpellingCounter();
  for (let i = 0; i < n; i++) {
    const d = deals[i]!;
    created[i] = d.created ?? NaN;
    closed[i] = d.closed ?? NaN;
    amount[i] = d.amount ?? NaN;
    cost[i] = d.cost ?? NaN;
    if (d.status !== 'won') {
      status[i] = d.status === 'lost' ? LOST : OPEN;
      continue;
    }
    status[i] = WON;
    if (d.closed !== null) closedMonth[i] = monthOfSerial(d.closed);
    contractEnd[i] = d.contractEnd ?? NaN;
    if (d.accountKey !== null && d.account !== null) account[i] = spellings.add(d.accountKey, d.account, d.row);
  }
  return { size: n, deals, status, created, closed, amount, cost, closedMonth, contractEnd, account, accounts: spellings.directory() };
}

/** Counts each account's spellings; most rows repeat the first spelling, so that case is one string comparison. */
class SpellingCounter {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Per account: spellings, their counts and the first sheet row each was seen on. */
  private readonly texts: string[][] = [];
  private readonly counts: number[][] = [];
  private readonly firstRows: number[][] = [];

  add(key: string, text: string, row: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.texts.push([text]);
      this.counts.push([1]);
      this.firstRows.push([row]);
      return id;
    }
    const texts = this.texts[id]!;
    const at = texts.length === 1 ? (texts[0] === text ? 0 : -1) : texts.indexOf(text);
    if (at >= 0) {
      this.counts[id]![at]!++;
      if (row < this.firstRows[id]![at]!) this.firstRows[id]![at] = row;
    } else {
      texts.push(text);
      this.counts[id]!.push(1);
      this.firstRows[id]!.push(row);
    }
    return id;
  }

  directory(): AccountDirectory {
    const names = this.texts.map((texts, id) => {
      const counts = this.counts[id]!;
      const rows = this.firstRows[id]!;
      let best = 0;
      for (let s = 1; s < texts.length; s++) {
        if (counts[s]! > counts[best]! || (counts[s] === counts[best] && rows[s]! < rows[best]!)) best = s;
      }
      return texts[best]!;
    });
    return { count: this.keys.length, keys: this.keys, names };
  }
}
