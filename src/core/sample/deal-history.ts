import { DEFAULT_STAGES } from '../pipeline/stages';
import { monthOfSerial } from '../metrics/month-of-serial';
import { monthEndSerial } from '../util/dates';
import type { Random } from './random';

/** Why sample deals are lost: a long tail, so the report's top ten and "other" both show. */
const LOST_REASONS = [
  'Price',
  'Competitor',
  'No budget',
  'Timing',
  'No decision',
  'Product fit',
  'Went silent',
  'Chose in-house',
  'Legal / procurement',
  'Champion left',
  'Merger',
  'Project cancelled',
  'Duplicate',
];
const LOST_REASON_WEIGHTS = [22, 18, 14, 12, 10, 7, 6, 4, 3, 2, 1, 1, 1];
const STAGE_NAMES = DEFAULT_STAGES.stages.map((s) => s.name);

/** The sample's columns of a deal as it ends up (the sample without history). */
export interface BaseDeal {
  created: number;
  /** The day it closes (won or lost) or would have closed; open deals whose day came stay open. */
  closeDate: number;
  decided: boolean;
  status: 'Won' | 'Lost' | 'Open';
  /** Open stages entered: 0…n−1, n for a won deal. */
  furthest: number;
  amount: number;
  owner: string;
}

/** A deal's whole life: the base columns and what changed on the way (issue #17: movement between months). */
export interface DealLife {
  base: BaseDeal;
  /** The day it entered each open stage it reached. */
  stageEntries: number[];
  /** Its expected close, and the month ends on which it was pushed later (a slip), each with the new date. */
  expected: { at: number; expected: number }[];
  /** The amount before the day it changed to its final amount (grown or shrunk), if it did. */
  amountChange: { at: number; from: number } | null;
  /** The month end from which the deal is gone from the data (deleted in the CRM). */
  removedAt: number | null;
  lostReason: string | null;
}

/** A deal's history, drawn from `rng` (a stream of its own, so the base columns do not change). */
export function dealLife(base: BaseDeal, stageCount: number, endSerial: number, rng: Random): DealLife {
  const closes = base.status !== 'Open';
  const until = closes ? base.closeDate : Math.min(base.closeDate, endSerial);
  const span = Math.max(0, until - base.created);
  const entered = base.status === 'Won' ? stageCount : base.furthest + 1;
  const stageEntries: number[] = [];
  for (let k = 0; k < entered; k++) {
    const jitter = k === 0 ? 0 : (rng.next() - 0.5) * 0.6;
    stageEntries.push(base.created + Math.floor((span * (k + jitter)) / entered));
  }
  for (let k = 1; k < stageEntries.length; k++) stageEntries[k] = Math.max(stageEntries[k]!, stageEntries[k - 1]!);

  // Expected close: a guess at creation, pushed at month ends by most of the deals about to miss it.
  let expected = base.created + Math.round(rng.logNormal(35 + 8 * Math.min(base.furthest, stageCount - 1), 0.35));
  const events = [{ at: base.created, expected }];
  const last = closes ? base.closeDate : endSerial + 1;
  for (let m = monthOfSerial(base.created); monthEndSerial(m) <= last; m++) {
    const at = monthEndSerial(m);
    if (expected < at + 10 && rng.next() < 0.55) {
      expected = at + rng.int(20, 75);
      events.push({ at, expected });
    }
  }
  const amountChange =
    rng.next() < 0.3 && span > 1
      ? { at: base.created + rng.int(1, span), from: Math.max(10, Math.round((base.amount * rng.logNormal(1, 0.25)) / 10) * 10) }
      : null;
  let removedAt: number | null = null;
  if (rng.next() < 0.06) {
    const at = monthEndSerial(monthOfSerial(base.created) + rng.int(1, 4));
    if (at <= endSerial && (!closes || base.closeDate >= at)) removedAt = at;
  }
  const lostReason = base.status === 'Lost' && rng.next() >= 0.08 ? rng.weighted(LOST_REASONS, LOST_REASON_WEIGHTS) : null;
  return { base, stageEntries, expected: events, amountChange, removedAt, lostReason };
}

export interface DealState {
  stage: string;
  status: 'Won' | 'Lost' | 'Open';
  close: number | null;
  amount: number;
  stageDates: (number | null)[];
}

/**
 * The deal as it stood at `at` (a serial, exclusive: the end of a day or a
 * month): null before it was created or once removed. `history` gives open
 * deals their expected close of then and the amount of then; without it the
 * deal is the sample's final row (open deals without a close date).
 */
export function stateAt(life: DealLife, at: number, history: boolean): DealState | null {
  const { base } = life;
  if (!(base.created < at)) return null;
  if (history && life.removedAt !== null && life.removedAt <= at) return null;
  const closed = base.status !== 'Open' && base.closeDate < at;
  const stageDates = STAGE_NAMES.map((_, k) => {
    const day = life.stageEntries[k];
    return day !== undefined && day < at ? day : null;
  });
  let current = 0;
  stageDates.forEach((d, k) => {
    if (d !== null) current = k;
  });
  let close: number | null = null;
  if (closed) close = base.closeDate;
  else if (history) for (const e of life.expected) if (e.at <= at) close = e.expected;
  const amount = history && life.amountChange && at <= life.amountChange.at ? life.amountChange.from : base.amount;
  return {
    stage: closed ? base.status : STAGE_NAMES[Math.min(current, STAGE_NAMES.length - 1)]!,
    status: closed ? base.status : 'Open',
    close,
    amount,
    stageDates,
  };
}
