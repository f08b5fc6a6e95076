import { DEFAULT_STAGES } from '../pipeline/stages';
import type { CellValue, SheetValues } from '../util/cell';
import { type MonthIndex, monthEndSerial, monthKey, monthStartSerial, serialFromYmd } from '../util/dates';
import { type DealLife, dealLife, type DealState, stateAt } from './deal-history';
import { Random } from './random';

export interface SampleOptions {
  deals?: number;
  seed?: number;
  /** Last day of the data (`YYYY-MM-DD` as y, m, d); fixed so the sample never depends on today. */
  end?: { year: number; month: number; day: number };
  months?: number;
}

/** Column widths of the sample sheet, in characters. */
export const SAMPLE_WIDTHS = [12, 24, 14, 9, 13, 13, 12, 10, 16, 12, 14, 9, 14, 13, 13, 13, 13, 13, 13, 16];

export const SAMPLE_HEADERS = [
  'Deal ID',
  'Account',
  'Stage',
  'Status',
  'Created Date',
  'Close Date',
  'Amount',
  'Cost',
  'Owner',
  'Channel',
  'Product',
  'Region',
  'Lost At Stage',
  'Contract End',
  ...DEFAULT_STAGES.stages.map((s) => `${s.name} Date`),
  'Lost Reason',
] as const;
/** Columns holding dates (formatted as dates when written): created, close, contract end, the stage dates. */
export const SAMPLE_DATE_COLUMNS = [4, 5, 13, ...DEFAULT_STAGES.stages.map((_, k) => 14 + k)];

const OWNERS = ['Alice Chen', 'Bruno Diaz', 'Chloe Martin', 'David Okafor', 'Emma Schulz', 'Feng Li', 'Grace Kim', 'Hiro Tanaka'];
const CHANNELS = ['Website', 'Referral', 'Partner', 'Events', 'Outbound'];
const CHANNEL_COST_RATE = [0.42, 0.35, 0.55, 0.6, 0.5];
const PRODUCTS = ['Starter', 'Professional', 'Enterprise', 'Services'];
const PRODUCT_PRICE = [2_500, 9_000, 32_000, 6_000];
const REGIONS = ['North', 'South', 'East', 'West'];
/** Chance of moving on from each open stage (Lead … Negotiation → Won). */
const ADVANCE = [0.62, 0.66, 0.7, 0.72, 0.68];
/** Month-of-year weights: quieter in February and August, busy at quarter ends and in Q4. */
const SEASON = [0.85, 0.75, 1.1, 0.95, 1.0, 1.15, 0.9, 0.7, 1.1, 1.05, 1.2, 1.35];
const ACCOUNT_STEMS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
  'Wonka',
  'Gringotts',
  'Oscorp',
  'Massive',
  'Pied Piper',
  'Dunder',
  'Sterling',
  'Monarch',
];
const ACCOUNT_SUFFIX = [
  'Corp',
  'Ltd',
  'Group',
  'Systems',
  'Labs',
  'Holdings',
  'Trading',
  'Partners',
  'Industries',
  'Foods',
  'Media',
  'Logistics',
  'Health',
  'Energy',
  'Retail',
];

/**
 * A realistic, deterministic pipeline for the demo and the tests: the
 * default stages, owners, channels, products and regions, amounts and
 * costs, contract ends, repeat customers, seasonality and growth over the
 * months, and a few messy cells so the data-issue path shows.
 */
export function samplePipeline(options: SampleOptions = {}): SheetValues {
  const { rows, lives, endSerial } = generate(options);
  const rng = new Random(options.seed ?? 42);
  // The messy cells draw from a stream of their own: the deals' draws are the same with or without them.
  const finalRows = [rows[0]!, ...lives.map((life, i) => withLifeColumns(rows[i + 1]!, life, stateAt(life, endSerial + 1, false)!))];
  makeMessy(finalRows, rng);
  return finalRows;
}

/**
 * The pipeline as it stood at the end of each of the last `historyMonths` months
 * of the sample (SPEC §8 snapshots, issue #17): the same deals, each as it
 * was then: not yet created, in an earlier stage, open with the expected
 * close date of then (pushed month after month by some), at the amount of
 * then (some grow or shrink), or since removed. Open deals carry their
 * expected close in the Close Date column, as CRMs do; no messy cells, so a
 * test can recompute every figure from the rows.
 */
export function sampleHistory(options: SampleOptions, historyMonths: number): { month: MonthIndex; rows: SheetValues }[] {
  const { rows, lives, lastMonth } = generate(options);
  const out: { month: MonthIndex; rows: SheetValues }[] = [];
  for (let m = lastMonth - historyMonths + 1; m <= lastMonth; m++) {
    const at = monthEndSerial(m);
    const sheet: CellValue[][] = [rows[0]!];
    lives.forEach((life, i) => {
      const state = stateAt(life, at, true);
      if (state) sheet.push(withLifeColumns(rows[i + 1]!, life, state));
    });
    out.push({ month: m, rows: sheet });
  }
  return out;
}

/**
 * Owner targets for the sample (SPEC §8: a `Targets` table with an Owner
 * column): each owner's share of the average monthly revenue, growing a
 * little, from the first month of the data to six months after it.
 */
export function sampleTargets(options: SampleOptions = {}): SheetValues {
  const { lives, firstMonth, lastMonth } = generate(options);
  const byOwner = new Map<string, number>();
  for (const life of lives) {
    if (life.base.status !== 'Won') continue;
    byOwner.set(life.base.owner, (byOwner.get(life.base.owner) ?? 0) + life.base.amount);
  }
  const months = lastMonth - firstMonth + 1;
  const rows: CellValue[][] = [['Month', 'Owner', 'Target']];
  for (let m = firstMonth; m <= lastMonth + 6; m++) {
    const growth = 1 + (0.5 * (m - firstMonth)) / months;
    for (const owner of OWNERS) rows.push([monthKey(m), owner, Math.round((((byOwner.get(owner) ?? 0) / months) * growth * 1.1) / 100) * 100]);
  }
  return rows;
}

interface Generated {
  rows: CellValue[][];
  lives: DealLife[];
  endSerial: number;
  firstMonth: MonthIndex;
  lastMonth: MonthIndex;
}

const generated = new Map<string, Generated>();

function generate(options: SampleOptions): Generated {
  const key = JSON.stringify(options);
  let g = generated.get(key);
  if (!g) {
    g = generateDeals(options);
    generated.clear();
    generated.set(key, g);
  }
  return g;
}

function generateDeals(options: SampleOptions): Generated {
  const rows: CellValue[][] = [[...SAMPLE_HEADERS]];
  const lives: DealLife[] = [];
  const draws = drawDeals(options);
  for (const { row, life } of draws.deals) {
    rows.push(row);
    lives.push(life);
  }
  return { rows, lives, endSerial: draws.endSerial, firstMonth: draws.firstMonth, lastMonth: draws.lastMonth };
}

/**
 * The sample's deals one at a time, as `samplePipeline` returns them
 * (header first, the same messy cells), without holding them: for large
 * CSV and Parquet samples (SPEC §10). Only the account names are held.
 */
export function* samplePipelineRows(options: SampleOptions = {}): Generator<CellValue[]> {
  const draws = drawDeals(options);
  const count = options.deals ?? 3000;
  const rng = new Random(options.seed ?? 42);
  const messy = messyRows(count);
  let lostSeen = false;
  let wonSeen = 0;
  let pending: CellValue[][] | null = null;
  yield [...SAMPLE_HEADERS];
  let i = 0;
  for (const { row, life } of draws.deals) {
    const out = withLifeColumns(row, life, stateAt(life, draws.endSerial + 1, false)!);
    i++;
    if (count >= 20) {
      messy.get(i)?.(out);
      // As makeMessy: the first lost deal loses its lost stage, the second won deal its cost.
      if (!lostSeen && out[3] === 'Lost' && rng.next() < 1) {
        lostSeen = true;
        out[12] = null;
      }
      // Only when there is a third won deal: the rows from the second on wait for it.
      if (out[3] === 'Won') wonSeen++;
      if (wonSeen === 2 && pending === null) pending = [];
      if (pending !== null) {
        if (wonSeen === 3) {
          pending[0]![7] = null;
          yield* pending;
          pending = null;
          wonSeen++;
        } else {
          pending.push(out);
          continue;
        }
      }
    }
    yield out;
  }
  if (pending !== null) yield* pending;
}

/** The deals drawn in order: each row's columns, then its history (two random streams, as the sample always drew them). */
function drawDeals(options: SampleOptions): {
  deals: Generator<{ row: CellValue[]; life: DealLife }>;
  endSerial: number;
  firstMonth: MonthIndex;
  lastMonth: MonthIndex;
} {
  const count = options.deals ?? 3000;
  const end = options.end ?? { year: 2026, month: 6, day: 30 };
  const months = options.months ?? 30;
  const endSerial = serialFromYmd(end.year, end.month, end.day);
  const lastMonth = end.year * 12 + end.month - 1;
  const firstMonth = lastMonth - months + 1;
  function* deals(): Generator<{ row: CellValue[]; life: DealLife }> {
    const rng = new Random(options.seed ?? 42);
    const monthWeights = Array.from({ length: months }, (_, i) => SEASON[(firstMonth + i) % 12]! * (1 + (0.5 * i) / months));
    const accounts = Array.from(
      { length: Math.max(40, Math.round(count / 6)) },
      (_, i) =>
        `${ACCOUNT_STEMS[i % ACCOUNT_STEMS.length]} ` +
        `${ACCOUNT_SUFFIX[Math.floor(i / ACCOUNT_STEMS.length) % ACCOUNT_SUFFIX.length]}${i >= 300 ? ` ${Math.floor(i / 300) + 1}` : ''}`,
    );
    const accountWeights = accounts.map((_, i) => 1 / Math.pow(i + 1, 0.8));
    const stages = DEFAULT_STAGES.stages.map((s) => s.name);
    const pickMonth = rng.weightedIndex(monthWeights);
    const pickAccount = rng.weightedIndex(accountWeights);
    // The histories draw from a stream of their own, so the deals' other columns are those of the sample before them.
    const lifeRng = new Random((options.seed ?? 42) * 7919 + 17);
    for (let i = 0; i < count; i++) {
      const m = firstMonth + pickMonth();
      const monthStart = monthStartSerial(m);
      // The last deal is created on the last day, so the data ends where the sample says it does.
      const created = i === count - 1 ? endSerial : Math.min(monthStart + rng.int(0, 27), endSerial);
      const productIndex = rng.weighted([0, 1, 2, 3], [4, 3, 1, 2]);
      const channelIndex = rng.weighted([0, 1, 2, 3, 4], [4, 2, 2, 1, 3]);
      const amount = Math.round(rng.logNormal(PRODUCT_PRICE[productIndex]!, 0.35) / 10) * 10;
      let furthest = 0;
      while (furthest < stages.length && rng.next() < ADVANCE[furthest]! * (channelIndex === 1 ? 1.08 : 1)) furthest++;
      const cycle = Math.round(rng.logNormal(18 + 9 * furthest, 0.4));
      const closeDate = created + cycle;
      const decided = closeDate <= endSerial;
      const won = furthest === stages.length && decided;
      const lost = !won && decided && rng.next() < 0.85;
      const status = won ? 'Won' : lost ? 'Lost' : 'Open';
      const openStage = Math.min(furthest, stages.length - 1);
      const account = accounts[pickAccount()]!;
      const cost = won ? Math.round(amount * CHANNEL_COST_RATE[channelIndex]! * rng.logNormal(1, 0.1)) : null;
      const row: CellValue[] = [
        `D-${String(i + 1).padStart(6, '0')}`,
        account,
        won ? 'Won' : lost ? 'Lost' : stages[openStage]!,
        status,
        created,
        won || lost ? closeDate : null,
        amount,
        cost,
        OWNERS[rng.int(0, OWNERS.length - 1)]!,
        CHANNELS[channelIndex]!,
        PRODUCTS[productIndex]!,
        REGIONS[rng.int(0, REGIONS.length - 1)]!,
        lost ? stages[openStage]! : null,
        won ? serialFromYmd(...addMonths(closeDate, 12)) : null,
      ];
      yield {
        row,
        life: dealLife(
          { created, closeDate, decided, status, furthest: won ? stages.length : openStage, amount, owner: String(row[8]) },
          stages.length,
          endSerial,
          lifeRng,
        ),
      };
    }
  }
  return { deals: deals(), endSerial, firstMonth, lastMonth };
}

/** A row of the sample with the deal's state of then: status, stage, dates, amount, and the stage dates and lost reason after it. */
function withLifeColumns(row: CellValue[], life: DealLife, state: DealState): CellValue[] {
  const out = row.slice(0, 14);
  out[2] = state.stage;
  out[3] = state.status;
  out[5] = state.close;
  out[6] = typeof row[6] === 'number' ? state.amount : row[6]!;
  if (state.status !== 'Won') {
    out[7] = null;
    out[13] = null;
  }
  out[12] = state.status === 'Lost' ? row[12]! : null;
  out.push(...state.stageDates, state.status === 'Lost' ? life.lostReason : null);
  return out;
}

/** The calendar day twelve (or n) months after a serial. */
function addMonths(serial: number, n: number): [number, number, number] {
  const d = new Date(Date.UTC(1899, 11, 30 + serial));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1 + n, Math.min(d.getUTCDate(), 28)];
}

/**
 * The cells real exports have: amounts typed as text (readable and not),
 * a blank created date, an unknown stage, an account under another spelling,
 * a lost deal without its stage, a won deal without a cost.
 */
function messyRows(n: number): Map<number, (row: CellValue[]) => void> {
  const edits = new Map<number, (row: CellValue[]) => void>();
  const at = (k: number, edit: (row: CellValue[]) => void) => {
    const i = 1 + Math.floor((k * n) / 11);
    const before = edits.get(i);
    edits.set(i, before ? (r) => (before(r), edit(r)) : edit);
  };
  // A pipeline in yuan: the symbols say CNY (SPEC §9), so the sample stays single-currency.
  at(1, (r) => (r[6] = `CN¥${Number(r[6]).toLocaleString('en-US')}`));
  at(2, (r) => (r[6] = `¥${Number(r[6]).toLocaleString('en-US')}.00`));
  at(3, (r) => (r[6] = 'TBD'));
  at(4, (r) => (r[4] = null));
  at(5, (r) => ((r[2] = 'Demo'), (r[3] = 'Open')));
  at(6, (r) => (r[1] = `  ${String(r[1]).toUpperCase()}  `));
  return edits;
}

function makeMessy(rows: CellValue[][], rng: Random): void {
  const n = rows.length - 1;
  if (n < 20) return;
  for (const [i, edit] of messyRows(n)) edit(rows[i]!);
  const lost = rows.find((r, i) => i > 0 && r[3] === 'Lost' && rng.next() < 1);
  if (lost) lost[12] = null;
  const won = rows.filter((r, i) => i > 0 && r[3] === 'Won');
  if (won.length > 2) won[1]![7] = null;
}
