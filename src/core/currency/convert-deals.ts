import type { DataIssue } from '../pipeline/data-issue';
import type { Deal } from '../pipeline/deal';
import type { Pipeline } from '../pipeline/read-pipeline';
import { a1 } from '../util/cell';
import { type MonthIndex, monthIndexOfSerial, monthKey } from '../util/dates';
import { type CurrencyCode, mostFrequentCurrency, RateBook, type RateRow, type RateRule } from './currency-rules';

/** What the conversion did (the JSON's `currency`, SPEC §9). */
export interface CurrencySummary {
  /** The reporting currency; null when no deal names a currency and none was chosen (amounts as read). */
  reporting: CurrencyCode | null;
  /** Deals in another currency converted at a rate of the `Rates` table. */
  converted: number;
  /** Deals in another currency with no rate: left out of every amount, counted in every count. */
  missingRate: number;
}

export interface ConvertOptions {
  /** The chosen reporting currency; default: the most frequent currency of the won deals (of all deals when no won deal names one). */
  reporting?: CurrencyCode | null;
  rates: readonly RateRow[];
  /** The report month: open deals convert at the latest rate at or before it. */
  month: MonthIndex;
}

/**
 * Converts every deal's amount and cost to the reporting currency (SPEC §9,
 * rules in currency-rules.ts): won and lost deals at their close month's
 * rate, open ones at the latest rate at or before the report month. A deal
 * without a rate keeps its counts and loses its amounts (null, like an
 * unusable amount cell, so every metric that sums or averages amounts leaves
 * it out) and gets a `missingRate` data issue naming its row, currency and
 * month. A deal with no currency is in the reporting currency.
 *
 * When every deal is in the reporting currency the pipeline comes back as
 * it was (the same deals array), so a single-currency workbook gives
 * exactly the numbers it gave before multi-currency existed.
 */
export function convertPipeline(pipeline: Pipeline, options: ConvertOptions): { pipeline: Pipeline; currency: CurrencySummary } {
  const { deals } = pipeline;
  const reporting = options.reporting ?? mostFrequentCurrency(wonCurrencies(deals)) ?? mostFrequentCurrency(deals.map((d) => d.currency));
  if (deals.every((d) => d.currency === null || d.currency === reporting)) return { pipeline, currency: { reporting, converted: 0, missingRate: 0 } };

  const book = new RateBook(reporting, options.rates);
  const { mapping, headers } = pipeline.header;
  const column = mapping.currency ?? mapping.amount ?? 0;
  const added: DataIssue[] = [];
  let converted = 0;
  const out = deals.map((d): Deal => {
    const rule = rateRule(d, options.month);
    const rate = book.rate(d.currency, rule);
    const foreign = d.currency !== null && d.currency !== reporting;
    if (foreign && rate !== null) converted++;
    if (rate === null && (d.amount !== null || d.cost !== null)) {
      added.push({
        row: d.row,
        column: headers[column] ?? '',
        field: mapping.currency !== undefined ? 'currency' : 'amount',
        address: a1(d.row - 1, column),
        value: `${d.currency} ${monthKey(rule.month)}`,
        code: 'missingRate',
      });
    }
    return {
      ...d,
      originalAmount: d.amount,
      originalCost: d.cost,
      rate,
      amount: rate === null || d.amount === null ? null : d.amount * rate,
      cost: rate === null || d.cost === null ? null : d.cost * rate,
    };
  });
  const issues = mergeByRow(pipeline.issues, added);
  const rowsWithIssues = new Set(pipeline.issues.map((i) => i.row));
  const newlyUnclean = new Set(added.map((i) => i.row).filter((r) => !rowsWithIssues.has(r))).size;
  return {
    pipeline: { ...pipeline, deals: out, issues, rowsClean: pipeline.rowsClean - newlyUnclean },
    currency: { reporting, converted, missingRate: added.length },
  };
}

/** SPEC §9: a closed deal at its close month's rate; an open one (or one without a close date) at the latest rate at or before the report month. */
export function rateRule(d: Deal, month: MonthIndex): RateRule {
  if (d.status !== 'open' && d.closed !== null) return { kind: 'closeMonth', month: monthIndexOfSerial(d.closed) };
  return { kind: 'latestAtOrBefore', month };
}

function* wonCurrencies(deals: readonly Deal[]): Iterable<CurrencyCode | null> {
  for (const d of deals) if (d.status === 'won') yield d.currency;
}

/** The reader's issues (in row order) with the new ones placed among them by row. */
function mergeByRow(a: readonly DataIssue[], b: readonly DataIssue[]): DataIssue[] {
  if (b.length === 0) return [...a];
  const out: DataIssue[] = [];
  let j = 0;
  for (const issue of a) {
    while (j < b.length && b[j]!.row < issue.row) out.push(b[j++]!);
    out.push(issue);
  }
  while (j < b.length) out.push(b[j++]!);
  return out;
}
