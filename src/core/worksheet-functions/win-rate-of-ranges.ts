import { cellText } from '../pipeline/parse-value';
import { statusParser } from '../pipeline/stages';
import { ratio } from '../util/ratio';
import type { WinRate } from '../metrics/win-rate';

/**
 * Win rate of a column of statuses (SPEC §2): won ÷ (won + lost), over the
 * cells holding a status word in either language (Won, Closed Won, 成交,
 * 赢单, Lost, 流失 …, case-insensitive). Open deals, blanks and other text
 * (a header) are in neither count. Null when no deal is won or lost. The
 * period is whatever rows the caller passes.
 */
export function winRateOfStatuses(values: readonly unknown[]): WinRate & { unknown: number } {
  const statusOf = statusParser();
  let won = 0;
  let lost = 0;
  let unknown = 0;
  for (const v of values) {
    const text = typeof v === 'string' || typeof v === 'number' ? cellText(v) : null;
    if (text === null) continue;
    const status = statusOf(text);
    if (status === 'won') won++;
    else if (status === 'lost') lost++;
    else if (status === null) unknown++;
  }
  return { winRate: ratio(won, won + lost), wonDeals: won, lostDeals: lost, unknown };
}
