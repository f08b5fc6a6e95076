import type { Deal } from '../pipeline/deal';

/**
 * The date an open deal is expected to close (SPEC §2 weighted pipeline):
 * its close date (CRMs keep the expected date there while a deal is open),
 * else its created date plus the median won cycle; null with neither.
 */
export function expectedCloseSerial(deal: Deal, medianCycleDays: number | null): number | null {
  if (deal.closed !== null) return deal.closed;
  if (deal.created !== null && medianCycleDays !== null) return deal.created + medianCycleDays;
  return null;
}

/**
 * Whether a deal was open at `end` (a serial, exclusive): created before it
 * (or with no created date) and either still open or closed on or after it.
 * The snapshot and the movement's "open at the end of the month" both use it.
 */
export function openAt(deal: Deal, end: number): boolean {
  if (deal.created !== null && !(deal.created < end)) return false;
  return deal.status === 'open' || (deal.closed !== null && deal.closed >= end);
}

/**
 * SPEC §8 overdue: an open deal whose expected close date has passed by the
 * end of the report month (`end`, exclusive). Only deals the weighted
 * pipeline weighs (an open stage and an amount) are counted, so the overdue
 * line is the one the weighted pipeline leaves out.
 */
export function isOverdue(deal: Deal, medianCycleDays: number | null, end: number): boolean {
  if (deal.status !== 'open' || deal.stageIndex === null || deal.amount === null || !Number.isFinite(deal.amount)) return false;
  const expected = expectedCloseSerial(deal, medianCycleDays);
  return expected !== null && expected < end;
}
