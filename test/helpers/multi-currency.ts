import type { SheetValues } from '../../src/core/util/cell';

/**
 * A three-currency pipeline (CNY, USD, EUR, and GBP deals that no rate
 * converts) and its `Rates` table (CNY per unit), small enough to compute
 * by hand; report month 2026-03. The hand computation is in
 * test/usecases/multi-currency.test.ts. Every deal has an owner: LibreOffice's COUNTIFS with a
 * "" criterion (the leaderboard's blank-owner row) counts no blank cell, where Excel counts them.
 */
export const MC_MONTH = '2026-03';

export const MC_PIPELINE: SheetValues = [
  ['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Amount', 'Cost', 'Currency', 'Lost At Stage', 'Owner'],
  ['D1', 'Acme', 'Won', '2026-01-10', '2026-03-05', 1000, 400, 'CNY', null, 'Wang'],
  ['D2', 'Beta', 'Won', '2026-01-15', '2026-03-10', 200, 50, 'USD', null, 'Li'],
  ['D3', 'Gamma', 'Won', '2026-02-01', '2026-03-20', 100, 30, '€', null, 'Wang'],
  ['D4', 'Acme', 'Won', '2026-02-10', '2026-03-25', '$100', 20, 'usd', null, 'Li'],
  ['D5', 'Delta', 'Won', '2026-02-11', '2026-03-15', 500, 100, 'GBP', null, 'Wang'],
  ['D6', 'Omega', 'Won', '2025-10-01', '2025-12-10', 800, 100, 'CNY', null, 'Li'],
  ['D7', 'Omega', 'Won', '2026-01-20', '2026-03-18', 600, 300, '¥', null, 'Wang'],
  ['D8', 'Beta', 'Lost', '2026-01-05', '2026-03-12', 50, null, 'USD', 'Proposal', 'Li'],
  ['D9', 'Eps', 'Proposal', '2026-02-01', '2026-04-20', 1000, null, 'USD', null, 'Wang'],
  ['D10', 'Zeta', 'Negotiation', '2026-02-03', '2026-05-10', 500, null, 'EUR', null, 'Li'],
  ['D11', 'Eta', 'Lead', '2026-03-02', '2026-04-28', 2000, null, 'CNY', null, 'Wang'],
  ['D12', 'Theta', 'Opportunity', '2026-03-04', '2026-05-02', 400, null, 'GBP', null, 'Li'],
];

export const MC_RATES: SheetValues = [
  ['Month', 'Currency', 'Rate'],
  ['2026-02', 'USD', 7.2],
  ['2026-03', 'USD', 7.1],
  ['2026-01', 'EUR', 7.8],
  ['2026-03', 'EUR', 7.7],
  ['2025-12', 'USD', 7.3],
];
