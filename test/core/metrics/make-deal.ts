import { accountKey, type Deal } from '../../../src/core/pipeline/deal';
import { DEFAULT_STAGES, type DealStatus } from '../../../src/core/pipeline/stages';
import { buildDealTable, type DealTable } from '../../../src/core/metrics/deal-table';
import { monthPeriod, type Period } from '../../../src/core/metrics/period';
import { type MonthIndex, parseMonthKey, serialFromYmd } from '../../../src/core/util/dates';

/** A date as `YYYY-MM-DD` (readable fixtures) or a serial. */
type DateInput = string | number | null;

export interface DealInput {
  status?: DealStatus;
  /** Open stage index: the current stage of an open deal, the stage a lost deal reached. Won deals reach every stage. */
  stage?: number | null;
  account?: string | null;
  created?: DateInput;
  closed?: DateInput;
  amount?: number | null;
  cost?: number | null;
  owner?: string | null;
  channel?: string | null;
  product?: string | null;
  region?: string | null;
  contractEnd?: DateInput;
  stageDates?: DateInput[] | null;
  row?: number;
}

/** The default five open stages (Lead … Negotiation); Won is funnel step 5. */
export const STAGES = DEFAULT_STAGES;
const WON_STEP = STAGES.stages.length;

export function serial(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return serialFromYmd(y!, m!, d!);
}

export function month(key: string): MonthIndex {
  return parseMonthKey(key)!;
}

export function period(key: string): Period {
  return monthPeriod(month(key));
}

function date(v: DateInput | undefined): number | null {
  return v === undefined || v === null ? null : typeof v === 'number' ? v : serial(v);
}

/** A won deal by default: account "Acme", created 2026-01-10, closed 2026-03-10, amount 100. */
export function makeDeal(input: DealInput = {}, row = 2): Deal {
  const status = input.status ?? 'won';
  const stage = input.stage ?? (status === 'won' ? null : 0);
  const account = input.account === undefined ? 'Acme' : input.account;
  return {
    row: input.row ?? row,
    id: `D${row}`,
    account,
    accountKey: account === null ? null : accountKey(account),
    status,
    stageIndex: status === 'open' ? stage : null,
    furthest: status === 'won' ? WON_STEP : stage,
    created: date(input.created === undefined ? '2026-01-10' : input.created),
    closed: date(input.closed === undefined ? (status === 'open' ? null : '2026-03-10') : input.closed),
    amount: input.amount === undefined ? (status === 'won' ? 100 : null) : input.amount,
    cost: input.cost ?? null,
    currency: null,
    owner: input.owner ?? null,
    channel: input.channel ?? null,
    product: input.product ?? null,
    region: input.region ?? null,
    contractEnd: date(input.contractEnd),
    probability: null,
    stageDates: input.stageDates === undefined || input.stageDates === null ? null : input.stageDates.map(date),
  };
}

/** Deals on sheet rows 2, 3, … in order. */
export function makeDeals(inputs: readonly DealInput[]): Deal[] {
  return inputs.map((input, i) => makeDeal(input, i + 2));
}

export function tableOf(inputs: readonly DealInput[]): DealTable {
  return buildDealTable(makeDeals(inputs));
}

/** A segment row in the flat shape of the figures' names (cohort created, then what closed), for compact expectations. */
export function flatSegment(r: import('../../../src/core/metrics/segments').SegmentRow): {
  key: string;
  created: number;
  won: number;
  lost: number;
  winRate: number | null;
  revenue: number;
  cost: number | null;
  costRate: number | null;
} {
  return { key: r.key, created: r.cohort.created, ...r.closed };
}
