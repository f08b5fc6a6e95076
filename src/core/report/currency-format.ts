import { type CurrencyCode, currencyFormatCode } from '../currency/currency-rules';
import type { SheetModel } from './model';

/** The sheets with their amounts (`currency` cells) in the reporting currency's format (SPEC §7, §9); unchanged when there is no reporting currency. */
export function withCurrencyFormat(sheets: readonly SheetModel[], reporting: CurrencyCode | null): SheetModel[] {
  if (reporting === null) return [...sheets];
  const code = currencyFormatCode(reporting);
  return sheets.map((s) => ({ ...s, currencyFormat: code }));
}
