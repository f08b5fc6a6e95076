import type { Dialect } from './dialect';
import { monthEndSerial, monthKey, monthStartSerial, type MonthIndex } from '../../core/util/dates';
import { RENEWAL_DAYS_AFTER, RENEWAL_DAYS_BEFORE } from '../../core/metrics/renewal';
import { COHORT_MONTHS } from '../../core/metrics/cohort-retention';
import { TIER_A_SHARE, TIER_B_SHARE } from '../../core/metrics/tiers';
import { MIN_CLOSED_FOR_LEARNING } from '../../core/forecast/weighted-pipeline';
import { monthOfSerialSql } from './dialect';

/*
 * SPEC §2 as SQL: one definition per metric, each a query (or an aggregate
 * of a shared query) over the normalised deals table (deals-view.ts), with
 * the same inclusion rules as core/metrics (a row is left out only of the
 * metrics that need its bad cell; ratios are computed by the caller with
 * core's `ratio`, so a zero denominator is null alike). Dates are serial
 * days, months month indexes, so no dialect's date functions are involved.
 */

export interface MetricParams {
  month: MonthIndex;
  /** Open stages (the funnel has one more step: Won). */
  openStages: number;
  /** Months of the repurchase window ending with the month. */
  repurchaseMonths: number;
  /** Table (or view) of the deals. */
  deals?: string;
  /** Default probability of each open stage. */
  stageDefaults: readonly number[];
  /** Months the weighted pipeline looks ahead. */
  horizon: number;
  /** Table of team targets by month (`month` index, `target`), one row a month; null when there are none. */
  targets?: string | null;
}

/** A named query of the month and what it returns. */
export interface MetricQuery {
  name: string;
  /** What SPEC §2 calls it, for the printed SQL. */
  title: string;
  sql: string;
}

const won = "status = 'won'";

/** An aggregate over the deals closed in the report month (win rate, revenue, deal size, cycle, cost rate share this scan). */
interface ClosedAggregate {
  name: string;
  sql: string;
}

const CLOSED_IN_MONTH: readonly ClosedAggregate[] = [
  { name: 'won_deals', sql: `SUM(CASE WHEN ${won} THEN 1 ELSE 0 END)` },
  { name: 'lost_deals', sql: "SUM(CASE WHEN status = 'lost' THEN 1 ELSE 0 END)" },
  { name: 'revenue', sql: `SUM(CASE WHEN ${won} AND amount IS NOT NULL THEN amount ELSE 0 END)` },
  { name: 'sized_deals', sql: `SUM(CASE WHEN ${won} AND amount IS NOT NULL THEN 1 ELSE 0 END)` },
  { name: 'cycle_days', sql: `SUM(CASE WHEN ${won} AND created IS NOT NULL THEN closed - created ELSE 0 END)` },
  { name: 'cycle_deals', sql: `SUM(CASE WHEN ${won} AND created IS NOT NULL THEN 1 ELSE 0 END)` },
  { name: 'cost', sql: `SUM(CASE WHEN ${won} AND amount IS NOT NULL AND cost IS NOT NULL THEN cost ELSE 0 END)` },
  { name: 'costed_amount', sql: `SUM(CASE WHEN ${won} AND amount IS NOT NULL AND cost IS NOT NULL THEN amount ELSE 0 END)` },
  { name: 'costed_deals', sql: `SUM(CASE WHEN ${won} AND amount IS NOT NULL AND cost IS NOT NULL THEN 1 ELSE 0 END)` },
];

/** Every query of SPEC §2 for one report month. */
export function metricQueries(_d: Dialect, p: MetricParams): MetricQuery[] {
  const deals = p.deals ?? 'deals';
  const start = monthStartSerial(p.month);
  const end = monthEndSerial(p.month);
  const M = p.month;
  const inMonth = (x: string) => `${x} >= ${start} AND ${x} < ${end}`;
  const wonWithAccount =
    `SELECT row_no, account, account_key, closed, closed_month, amount, cost, contract_end ` +
    `FROM ${deals} WHERE NOT blank AND ${won} AND account_key IS NOT NULL`;
  const steps = Array.from({ length: p.openStages + 1 }, (_, k) => (k === 0 ? `SELECT ${k} AS k` : `SELECT ${k}`)).join(' UNION ALL ');
  const targets = p.targets ?? `(SELECT CAST(NULL AS INTEGER) AS month, CAST(NULL AS DOUBLE) AS target WHERE 1 = 0)`;
  const january = M - (M % 12);
  const quarter = M - (M % 3);
  const spans = [
    { name: 'attainment', first: M },
    { name: 'attainment_qtd', first: quarter },
    { name: 'attainment_ytd', first: january },
  ];
  const attainments = spans
    .map((x) => `CASE WHEN t_${x.name}.months = ${M - x.first + 1} THEN r_${x.name}.revenue / NULLIF(t_${x.name}.target, 0) END AS ${x.name}`)
    .join(',\n  ');
  // The median cycle of the won deals closed by the month end: dates open deals without a close date (velocity, weighted pipeline).
  const wonCycle =
    `SELECT AVG(v) AS median FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) AS r, COUNT(*) OVER () AS c
    FROM (SELECT closed - created AS v FROM ${deals} WHERE NOT blank AND ${won} AND closed IS NOT NULL ` +
    `AND created IS NOT NULL AND closed < ${end}) AS days) AS ranked
  WHERE r = FLOOR((c + 1) / 2.0) OR r = FLOOR((c + 2) / 2.0)`;
  const n = p.openStages;
  // Stage probabilities: won ÷ closed among the deals closed by the month end that reached the stage, once 30 did; else the default.
  const stageDefaults = p.stageDefaults
    .map((v, k) => (k === 0 ? `SELECT ${k} AS k, CAST(${v} AS DOUBLE) AS dflt` : `SELECT ${k}, CAST(${v} AS DOUBLE)`))
    .join(' UNION ALL ');
  const probabilities =
    `SELECT s.k, s.dflt,
    SUM(CASE WHEN c.step IS NULL THEN 0 ELSE 1 END) AS closed_deals,
    SUM(CASE WHEN c.status = 'won' THEN 1 ELSE 0 END) AS won_deals
  FROM (${stageDefaults}) AS s
  LEFT JOIN (SELECT LEAST(furthest, ${n}) AS step, status FROM ${deals} ` +
    `WHERE NOT blank AND status <> 'open' AND furthest IS NOT NULL AND (closed IS NULL OR closed < ${end})) AS c ON c.step >= s.k
  GROUP BY s.k, s.dflt`;
  const learned =
    `SELECT k, CASE WHEN closed_deals >= ${MIN_CLOSED_FOR_LEARNING} THEN CAST(won_deals AS DOUBLE) / closed_deals ELSE dflt END AS probability ` +
    `FROM (${probabilities}) AS counted`;
  const expected = 'COALESCE(d.closed, d.created + cycle.median)';
  return [
    {
      name: 'stage_probabilities',
      title: `Stage probabilities as of ${monthKey(M)}: learned from closed deals once ${MIN_CLOSED_FOR_LEARNING} reached the stage, else the default`,
      sql: `SELECT counted.*, lost.lost, lost.unknown_lost, cycle.median AS cycle
FROM (${probabilities}) AS counted
CROSS JOIN (SELECT COUNT(*) AS lost, SUM(CASE WHEN lost_unknown THEN 1 ELSE 0 END) AS unknown_lost
  FROM ${deals} WHERE NOT blank AND status = 'lost' AND furthest IS NOT NULL AND (closed IS NULL OR closed < ${end})) AS lost
CROSS JOIN (${wonCycle}) AS cycle
ORDER BY k`,
    },
    {
      name: 'weighted_pipeline',
      title:
        `Weighted pipeline: Σ open amount × probability by expected close month, ` +
        `the ${p.horizon} months after ${monthKey(M)}; bucket -1 is overdue, ${p.horizon} later`,
      sql: `WITH cycle AS (${wonCycle}),
probs AS (${learned}),
open_deals AS (
  SELECT d.amount, COALESCE(d.probability, probs.probability, 0) AS probability,
    CASE WHEN ${expected} IS NULL THEN 0 ELSE ${monthOfSerialSql(expected)} - ${M + 1} END AS offset_months
  FROM ${deals} d CROSS JOIN cycle LEFT JOIN probs ON probs.k = d.open_stage
  WHERE NOT d.blank AND d.status = 'open' AND d.open_stage IS NOT NULL AND d.amount IS NOT NULL)
SELECT CASE WHEN offset_months < 0 THEN -1 WHEN offset_months >= ${p.horizon} THEN ${p.horizon} ELSE offset_months END AS bucket,
  COUNT(*) AS deals, SUM(amount * probability) AS weighted, SUM(amount) AS open_amount
FROM open_deals
GROUP BY CASE WHEN offset_months < 0 THEN -1 WHEN offset_months >= ${p.horizon} THEN ${p.horizon} ELSE offset_months END`,
    },
    {
      name: 'funnel',
      title: `Cohort conversion of ${monthKey(M)}: reached(k) = deals created in the month whose furthest stage ≥ k`,
      sql: `SELECT steps.k AS step, COUNT(d.furthest) AS reached
FROM (${steps}) AS steps
LEFT JOIN ${deals} d ON NOT d.blank AND d.furthest >= steps.k AND ${inMonth('d.created')}
GROUP BY steps.k
ORDER BY steps.k`,
    },
    {
      name: 'closed',
      title: `Deals closed in ${monthKey(M)}: win rate, revenue, average deal size, mean cycle, cost rate`,
      sql: `SELECT ${CLOSED_IN_MONTH.map((a) => `${a.sql} AS ${a.name}`).join(',\n  ')}
FROM ${deals}
WHERE NOT blank AND ${inMonth('closed')}`,
    },
    {
      name: 'cycle_median',
      title: 'Median sales cycle (mean of the two middle values for an even count)',
      sql: `SELECT AVG(v) AS median
FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) AS r, COUNT(*) OVER () AS c
      FROM (SELECT closed - created AS v FROM ${deals} WHERE NOT blank AND ${won} AND created IS NOT NULL AND ${inMonth('closed')}) AS days) AS ranked
WHERE r = FLOOR((c + 1) / 2.0) OR r = FLOOR((c + 2) / 2.0)`,
    },
    {
      name: 'open_deals',
      title: 'Open deals at the month end for the velocity (overdue deals left out, dated by the median won cycle)',
      sql:
        `WITH cycles AS (${wonCycle})
SELECT COUNT(*) AS open_deals
FROM ${deals} CROSS JOIN cycles
WHERE NOT blank AND created < ${end} AND (
  (status = 'open' AND NOT (open_stage IS NOT NULL AND amount IS NOT NULL ` +
        `AND COALESCE(closed, created + cycles.median) IS NOT NULL AND COALESCE(closed, created + cycles.median) < ${end}))
  OR (status <> 'open' AND closed >= ${end}))`,
    },
    {
      name: 'new_customers',
      title: 'New customers (first won deal ever closes in the month) and CAC (Σ cost of their won deals closed in the month ÷ new customers)',
      sql: `WITH w AS (${wonWithAccount}),
f AS (SELECT account_key, MIN(closed) AS first_close FROM w GROUP BY account_key)
SELECT nc.new_customers, acq.cost, acq.costed
FROM (SELECT COUNT(*) AS new_customers FROM f WHERE ${inMonth('first_close')}) AS nc
CROSS JOIN (SELECT SUM(w.cost) AS cost, COUNT(w.cost) AS costed
  FROM w JOIN f ON w.account_key = f.account_key
  WHERE ${inMonth('f.first_close')} AND ${inMonth('w.closed')}) AS acq`,
    },
    {
      name: 'attainment',
      title: 'Target attainment: revenue ÷ target for the month, quarter to date and year to date (empty when a month has no target)',
      sql:
        `WITH t AS (SELECT month, target FROM ${targets} AS targets),
r AS (SELECT closed_month AS month, SUM(amount) AS revenue FROM ${deals} WHERE NOT blank AND ${won} ` +
        `AND amount IS NOT NULL AND closed_month BETWEEN ${january} AND ${M} GROUP BY closed_month)
SELECT tm.target,
  ${attainments}
FROM (SELECT MAX(CASE WHEN month = ${M} THEN target END) AS target FROM t) AS tm
${spans
  .map(
    (x) => `CROSS JOIN (SELECT COUNT(*) AS months, SUM(target) AS target FROM t WHERE month BETWEEN ${x.first} AND ${M}) AS t_${x.name}
CROSS JOIN (SELECT COALESCE(SUM(revenue), 0) AS revenue FROM r WHERE month BETWEEN ${x.first} AND ${M}) AS r_${x.name}`,
  )
  .join('\n')}`,
    },
    {
      name: 'repurchase',
      title: `Repurchase: accounts with ≥ 2 won deals closed in the ${p.repurchaseMonths} months ending ${monthKey(M)} ÷ accounts with ≥ 1`,
      sql:
        `SELECT COUNT(*) AS accounts, SUM(CASE WHEN won_count >= 2 THEN 1 ELSE 0 END) AS repeat_accounts
FROM (SELECT account_key, COUNT(*) AS won_count FROM (${wonWithAccount}) AS w ` +
        `WHERE closed_month BETWEEN ${M - Math.max(1, Math.floor(p.repurchaseMonths)) + 1} AND ${M} GROUP BY account_key) AS a`,
    },
    {
      name: 'renewal',
      title:
        `Renewal: contracts ending in the month whose account has another won deal closing ` +
        `within [end − ${RENEWAL_DAYS_BEFORE}, end + ${RENEWAL_DAYS_AFTER}] days ÷ contracts ending`,
      sql: `WITH w AS (${wonWithAccount})
SELECT COUNT(*) AS contracts, SUM(renewed) AS renewed
FROM (SELECT c.row_no, MAX(CASE WHEN o.row_no IS NULL THEN 0 ELSE 1 END) AS renewed
      FROM w c LEFT JOIN w o ON o.account_key = c.account_key AND o.row_no <> c.row_no
        AND o.closed >= c.contract_end - ${RENEWAL_DAYS_BEFORE} AND o.closed <= c.contract_end + ${RENEWAL_DAYS_AFTER}
      WHERE ${inMonth('c.contract_end')}
      GROUP BY c.row_no) AS contracts`,
    },
    {
      name: 'cohorts',
      title:
        `Cohort retention: accounts by the month of their first won deal ` +
        `(the ${COHORT_MONTHS} cohorts ending ${monthKey(M)}), buying again k months later`,
      sql:
        `WITH w AS (SELECT account_key, closed_month FROM (${wonWithAccount}) AS won WHERE closed_month IS NOT NULL),
f AS (SELECT account_key, MIN(closed_month) AS first_month FROM w GROUP BY account_key),
a AS (SELECT DISTINCT w.account_key, f.first_month, w.closed_month - f.first_month AS since ` +
        `FROM w JOIN f ON w.account_key = f.account_key WHERE w.closed_month - f.first_month < ${COHORT_MONTHS})
SELECT first_month AS cohort, since, COUNT(*) AS accounts
FROM a
WHERE first_month BETWEEN ${M - COHORT_MONTHS + 1} AND ${M}
GROUP BY first_month, since
ORDER BY first_month, since`,
    },
    {
      name: 'tiers',
      title: `Customer tiers: trailing-12-month revenue, A while the accounts above hold < ${TIER_A_SHARE}%, B while < ${TIER_B_SHARE}%, else C`,
      sql: `WITH w AS (${wonWithAccount}),
rev AS (SELECT account_key, SUM(amount) AS revenue FROM w WHERE amount IS NOT NULL AND closed_month BETWEEN ${M - 11} AND ${M} GROUP BY account_key),
spellings AS (SELECT account_key, account, COUNT(*) AS spelled, MIN(row_no) AS first_row FROM w GROUP BY account_key, account),
names AS (SELECT account_key, account, ROW_NUMBER() OVER (PARTITION BY account_key ORDER BY spelled DESC, first_row) AS pick FROM spellings),
ranked AS (
  SELECT rev.account_key, names.account, rev.revenue,
    SUM(rev.revenue) OVER (ORDER BY rev.revenue DESC, rev.account_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - rev.revenue AS above,
    SUM(rev.revenue) OVER () AS total
  FROM rev JOIN names ON names.account_key = rev.account_key AND names.pick = 1)
SELECT account, revenue,
  CASE WHEN above * 100 < ${TIER_A_SHARE} * total THEN 'A' WHEN above * 100 < ${TIER_B_SHARE} * total THEN 'B' ELSE 'C' END AS tier
FROM ranked
WHERE total > 0
ORDER BY revenue DESC, account_key`,
    },
    {
      name: 'revenue_history',
      title: `The forecast's history: revenue by close month up to ${monthKey(M)} (months without a won deal are 0), and the first won month`,
      sql: `SELECT closed_month AS month, SUM(CASE WHEN amount IS NOT NULL AND closed_month <= ${M} THEN amount ELSE 0 END) AS revenue
FROM ${deals}
WHERE NOT blank AND ${won} AND closed_month IS NOT NULL
GROUP BY closed_month
ORDER BY closed_month`,
    },
  ];
}

/** The printed header of a query. */
export function queryComment(q: MetricQuery): string {
  return `-- ${q.name}: ${q.title}`;
}
