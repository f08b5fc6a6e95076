import { inPeriod, type Period } from '../metrics/period';
import type { Deal } from '../pipeline/deal';
import type { StageConfig } from '../pipeline/stages';
import type { DynamicsIndex } from './deal-index';

/** SPEC §8: the reasons listed by name; the rest are one "other" line. */
export const TOP_REASONS = 10;

export interface ReasonLine {
  /** The reason as typed (trimmed); null for deals without one. */
  reason: string | null;
  /** True for the line that sums the reasons after the top ten. */
  other: boolean;
  won: number;
  lost: number;
  lostAmount: number;
}

export interface LostAtStage {
  stage: string;
  lost: number;
  amount: number;
}

export interface WinLoss {
  /** Empty when the sheet has no lost-reason column. */
  reasons: ReasonLine[];
  lostByStage: LostAtStage[];
}

/**
 * Win/loss (SPEC §8): the deals closed in the period by `lostReason`, the
 * ten most frequent (by deals, then lost amount, then name) and one line
 * for the rest, each with won and lost counts and the lost amount; and the
 * lost deals by the stage they reached (SPEC §1 furthest stage).
 */
export function winLoss(
  deals: readonly Deal[],
  stages: StageConfig,
  period: Period,
  hasReasonColumn: boolean,
  closedSince?: DynamicsIndex['closedSince'],
): WinLoss {
  const byReason = new Map<string | null, ReasonLine>();
  const n = stages.stages.length;
  const lostAt = stages.stages.map((s): LostAtStage => ({ stage: s.name, lost: 0, amount: 0 }));
  // The deals closed in the period are among those closed since its month began (`DynamicsIndex.closedSince`), in sheet order.
  const count = closedSince?.length ?? deals.length;
  for (let k = 0; k < count; k++) {
    const d = deals[closedSince ? closedSince[k]! : k]!;
    if (d.status === 'open' || !inPeriod(d.closed, period)) continue;
    const amount = d.amount !== null && Number.isFinite(d.amount) ? d.amount : 0;
    if (d.status === 'lost' && d.furthest !== null) {
      const line = lostAt[Math.min(d.furthest, n - 1)]!;
      line.lost++;
      line.amount += amount;
    }
    if (!hasReasonColumn) continue;
    const reason = d.lostReason?.trim() || null;
    let line = byReason.get(reason);
    if (!line) byReason.set(reason, (line = { reason, other: false, won: 0, lost: 0, lostAmount: 0 }));
    if (d.status === 'won') line.won++;
    else {
      line.lost++;
      line.lostAmount += amount;
    }
  }
  const lines = [...byReason.values()].sort(
    (a, b) => b.won + b.lost - (a.won + a.lost) || b.lostAmount - a.lostAmount || (a.reason ?? '').localeCompare(b.reason ?? ''),
  );
  const reasons = lines.slice(0, TOP_REASONS);
  const rest = lines.slice(TOP_REASONS);
  if (rest.length > 0) {
    reasons.push(
      rest.reduce((o, l) => ({ ...o, won: o.won + l.won, lost: o.lost + l.lost, lostAmount: o.lostAmount + l.lostAmount }), {
        reason: null,
        other: true,
        won: 0,
        lost: 0,
        lostAmount: 0,
      } as ReasonLine),
    );
  }
  return { reasons, lostByStage: lostAt };
}
