import { samplePipeline, SAMPLE_HEADERS } from '../../src/core/sample/sample-pipeline';
import type { CellValue, SheetValues } from '../../src/core/util/cell';

/*
 * A generated pipeline with every edge case of SPEC §1 the readers must
 * agree on: blank and bad cells (dates, amounts, costs, probabilities,
 * statuses), lost deals without a stage, skipped stages, accounts spelled
 * differently, rows without a cost, Chinese dates and status words, and a
 * row of empty cells. Deterministic for a seed.
 */

const col = (name: (typeof SAMPLE_HEADERS)[number]) => SAMPLE_HEADERS.indexOf(name);

const BAD_DATES: CellValue[] = [
  '2026-02-30',
  '9999-12-31',
  '0202-03-01',
  'soon',
  '2026年3月5日',
  '2026/3/5',
  '2026.03.07',
  '2026-03-09T10:00:00',
  45000,
  45000.75,
  -3,
  '045000',
  ' 2026-01-02 ',
  '',
];
const AMOUNTS: CellValue[] = [
  '¥1,234',
  '(500)',
  '$-5',
  '1 234 CNY',
  '-$5',
  'TBD',
  '12.5.3',
  'US$ 2,500.50',
  '1,234,567.25 元',
  '€99',
  '0',
  '.5',
  '',
  'RMB300',
  '12,34',
];
const PROBABILITIES: CellValue[] = ['40%', '0.4', '140', 'high', '', '75', '5 %'];
const STATUSES: CellValue[] = ['Open', 'won', 'Closed Lost', '赢单', '流失', '进行中', 'maybe', '', 'LOST'];
const STAGES: CellValue[] = ['Lost', 'Won', '', 'Demo', 'proposal', ' Negotiation ', '商机', 'closed-won'];
const ACCOUNT_FORMS = [(a: string) => `  ${a}  `, (a: string) => a.toUpperCase(), (a: string) => a.replace(' ', '   '), (a: string) => a.toLowerCase()];

export function edgePipeline(seed: number, deals = 1500): SheetValues {
  const rows = samplePipeline({ deals, seed }).map((r) => r.slice());
  let state = seed * 7919 + 17;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const header = rows[0]!;
  header.push('Probability');
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    row.length = header.length - 1;
    row.push(rand() < 0.1 ? pick(PROBABILITIES) : null);
    const x = rand();
    if (x < 0.03) row[col('Created Date')] = pick(BAD_DATES);
    else if (x < 0.06) row[col('Close Date')] = pick(BAD_DATES);
    else if (x < 0.1) row[col('Amount')] = pick(AMOUNTS);
    else if (x < 0.12) row[col('Cost')] = pick(AMOUNTS);
    else if (x < 0.15) row[col('Status')] = pick(STATUSES);
    else if (x < 0.18) row[col('Stage')] = pick(STAGES);
    else if (x < 0.2) {
      // A lost deal without any stage information.
      row[col('Status')] = 'Lost';
      row[col('Stage')] = pick(['Lost', '', '流失']);
      row[col('Lost At Stage')] = pick([null, '', 'Unknown step']);
    } else if (x < 0.26 && typeof row[col('Account')] === 'string') row[col('Account')] = pick(ACCOUNT_FORMS)(row[col('Account')] as string);
    else if (x < 0.27) row[col('Contract End')] = pick(BAD_DATES);
    else if (x < 0.28) row[col('Qualified Date')] = pick(BAD_DATES);
    else if (x < 0.29) row[col('Deal ID')] = null;
    else if (x < 0.3) row[col('Cost')] = null;
  }
  // A row of empty cells (a blank row), and a skipped stage: a deal in Proposal with no earlier stage dates.
  rows.splice(
    40,
    0,
    header.map(() => ''),
  );
  return rows;
}
