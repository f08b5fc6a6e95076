import type { DealStatus } from './stages';

/** One usable row of the pipeline sheet, typed. Dates are Excel serials. */
export interface Deal {
  /** 1-based row number in the sheet, for messages and for selecting the cell. */
  row: number;
  id: string | null;
  /** Account exactly as typed (text fields keep their spaces; compare through `accountKey`). */
  account: string | null;
  /** Account compared across rows: trimmed, case-folded, spaces collapsed (SPEC §2). */
  accountKey: string | null;
  status: DealStatus;
  /** Index of the open stage the deal is in (open deals), else null. */
  stageIndex: number | null;
  /**
   * Furthest funnel step reached: 0…n−1 for the open stages, n for Won.
   * Null when the stage is unknown (the deal is left out of the funnel).
   */
  furthest: number | null;
  created: number | null;
  closed: number | null;
  /** In the reporting currency (SPEC §9): the amount as read times `rate`; null when unusable or when no rate converts it. */
  amount: number | null;
  /** In the reporting currency, like `amount`. */
  cost: number | null;
  /** ISO 4217 code from the currency column, else from the amount cell's symbol (SPEC §9); null when neither names one (the reporting currency). */
  currency: string | null;
  /**
   * The amount and cost as read, in `currency`; present once converted (core/currency/convert-deals.ts), absent when no conversion ran (then `amount` is as
   * read).
   */
  originalAmount?: number | null;
  originalCost?: number | null;
  /** Reporting-currency units per unit of `currency` used; null when the Rates table has none (then `amount` and `cost` are null). */
  rate?: number | null;
  owner: string | null;
  channel: string | null;
  product: string | null;
  region: string | null;
  contractEnd: number | null;
  probability: number | null;
  /** Why the deal was lost (or closed), as typed (SPEC §8 win/loss); null when blank or not mapped. */
  lostReason?: string | null;
  /** Date the deal entered each open stage, when the sheet has `<stage> date` columns. */
  stageDates: (number | null)[] | null;
}

/** Trimmed, case-folded, runs of spaces collapsed (SPEC §2 tiers). */
export function accountKey(account: string): string {
  const spaced = account.trim().replace(/\s+/g, ' ');
  // ASCII lower-cases alike in every locale, and toLowerCase there is ~10× cheaper than ICU's locale path (measured on 175,000 accounts).
  return ASCII.test(spaced) ? spaced.toLowerCase() : spaced.toLocaleLowerCase('en-US');
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range is the point
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * `accountKey` remembering each spelling it has seen: accounts repeat
 * across deals, and the locale-aware lower-casing is the costly part on
 * 100k rows. One per read, so the memory ends with it.
 */
export function accountKeyer(): (account: string) => string {
  const seen = new Map<string, string>();
  return (account) => {
    let key = seen.get(account);
    if (key === undefined) {
      key = accountKey(account);
      seen.set(account, key);
    }
    return key;
  };
}
