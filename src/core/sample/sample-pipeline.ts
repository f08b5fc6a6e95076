import { DEFAULT_STAGES } from '../pipeline/stages';
import type { CellValue, SheetValues } from '../util/cell';
import { monthStartSerial, serialFromYmd } from '../util/dates';
import { Random } from './random';

export interface SampleOptions {
  deals?: number;
  seed?: number;
  /** Last day of the data (`YYYY-MM-DD` as y, m, d); fixed so the sample never depends on today. */
  end?: { year: number; month: number; day: number };
  months?: number;
}

export const SAMPLE_HEADERS = ['Deal ID', 'Account', 'Stage', 'Status', 'Created Date', 'Close Date', 'Amount', 'Cost', 'Owner', 'Channel', 'Product', 'Region', 'Lost At Stage', 'Contract End'] as const;
/** Columns holding dates (formatted as dates when written). */
export const SAMPLE_DATE_COLUMNS = [4, 5, 13];

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
const ACCOUNT_STEMS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Cyberdyne', 'Aperture', 'Wonka', 'Gringotts', 'Oscorp', 'Massive', 'Pied Piper', 'Dunder', 'Sterling', 'Monarch'];
const ACCOUNT_SUFFIX = ['Corp', 'Ltd', 'Group', 'Systems', 'Labs', 'Holdings', 'Trading', 'Partners', 'Industries', 'Foods', 'Media', 'Logistics', 'Health', 'Energy', 'Retail'];

/**
 * A realistic, deterministic pipeline for the demo and the tests: the
 * default stages, owners, channels, products and regions, amounts and
 * costs, contract ends, repeat customers, seasonality and growth over the
 * months, and a few messy cells so the data-issue path shows.
 */
export function samplePipeline(options: SampleOptions = {}): SheetValues {
  const count = options.deals ?? 3000;
  const rng = new Random(options.seed ?? 42);
  const end = options.end ?? { year: 2026, month: 6, day: 30 };
  const months = options.months ?? 30;
  const endSerial = serialFromYmd(end.year, end.month, end.day);
  const lastMonth = end.year * 12 + end.month - 1;
  const firstMonth = lastMonth - months + 1;
  const monthWeights = Array.from({ length: months }, (_, i) => SEASON[(firstMonth + i) % 12]! * (1 + (0.5 * i) / months));
  const accounts = Array.from({ length: Math.max(40, Math.round(count / 6)) }, (_, i) => `${ACCOUNT_STEMS[i % ACCOUNT_STEMS.length]} ${ACCOUNT_SUFFIX[Math.floor(i / ACCOUNT_STEMS.length) % ACCOUNT_SUFFIX.length]}${i >= 300 ? ` ${Math.floor(i / 300) + 1}` : ''}`);
  const accountWeights = accounts.map((_, i) => 1 / Math.pow(i + 1, 0.8));
  const stages = DEFAULT_STAGES.stages.map((s) => s.name);
  const pickMonth = rng.weightedIndex(monthWeights);
  const pickAccount = rng.weightedIndex(accountWeights);

  const rows: CellValue[][] = [[...SAMPLE_HEADERS]];
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
    rows.push([
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
    ]);
  }
  makeMessy(rows, rng);
  return rows;
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
function makeMessy(rows: CellValue[][], rng: Random): void {
  const n = rows.length - 1;
  if (n < 20) return;
  const at = (k: number) => rows[1 + Math.floor((k * n) / 11)]!;
  at(1)[6] = `$${Number(at(1)[6]).toLocaleString('en-US')}`;
  at(2)[6] = `¥${Number(at(2)[6]).toLocaleString('en-US')}.00`;
  at(3)[6] = 'TBD';
  at(4)[4] = null;
  at(5)[2] = 'Demo';
  at(5)[3] = 'Open';
  at(6)[1] = `  ${String(at(6)[1]).toUpperCase()}  `;
  const lost = rows.find((r, i) => i > 0 && r[3] === 'Lost' && rng.next() < 1);
  if (lost) lost[12] = null;
  const won = rows.filter((r, i) => i > 0 && r[3] === 'Won');
  if (won.length > 2) won[1]![7] = null;
}
