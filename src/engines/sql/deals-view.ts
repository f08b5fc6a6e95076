import type { Field } from '../../core/pipeline/fields';
import { FIELDS, normalizeHeader } from '../../core/pipeline/fields';
import type { HeaderDetection } from '../../core/pipeline/header';
import { type StageConfig, STATUS_WORDS } from '../../core/pipeline/stages';
import { DEAL_YEARS } from '../../core/pipeline/parse-value';
import { serialFromYmd } from '../../core/util/dates';
import { CURRENCY_SYMBOLS, DOT_DECIMAL_CURRENCIES, type DecimalSeparator, TEXT_CODES } from '../../core/currency/currency-rules';
import { type Dialect, extract, length, lit, matches, textType, trimSql, monthOfSerialSql, replaceAll, serialOfYmd, substrFrom, toDouble } from './dialect';

/*
 * The normalised deals view (SPEC §1 in SQL): one row per pipeline row with
 * the same parsed values and the same data issues as core/pipeline/
 * read-pipeline.ts, from text columns (a CSV read as text, a Parquet file's
 * columns cast to text). Cells follow the CSV reader's rule
 * (workbook/csv.ts: blank → nothing, a plain number → a number, anything
 * else text), then the pipeline reader's rules: dates (serials, ISO,
 * 2026/10/05, 2026年10月5日, years 1900–2100), amounts (thousands
 * separators, currency symbols and codes, accounting parentheses), status
 * and stage synonyms (compared after lower-casing and dropping everything
 * but letters and digits), furthest stage reached, account keys.
 */

/** Where the pipeline's text columns come from. */
export interface DealsSource {
  /** A FROM item whose columns hold the cells as text. */
  from: string;
  /** The column of sheet column `index` (as an expression over `from`). */
  column: (index: number) => string;
  /** Number of columns (a row is blank when every one is). */
  width: number;
  /** 1-based sheet row of a record, or null when the caller numbers the rows after (DuckDB's rowid). */
  row: string | null;
  header: HeaderDetection;
  stages: StageConfig;
  /** The workbook's decimal separator for text amounts such as `1,234` (SPEC §9); without one they are data issues. */
  decimal?: DecimalSeparator;
}

/** Excel's characters a cell (core/report/excel-limits.ts). */
const MAX_CELL_TEXT = 32_767;
const DEAL_SERIAL_LAST = serialFromYmd(DEAL_YEARS.last + 1, 1, 1) - 1;
const SERIAL_MAX = 2_958_465;

const SPACE = '[\\s\\x{00A0}\\x{FEFF}]';
/** A plain number of the CSV reader: digits with an optional minus and decimals, no leading zero before a digit (`00012` is an identifier). */
const CSV_NUMBER = '^-?(?:(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?|\\.[0-9]+)$';
const DATE_A = '^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[ T].*)?$';
const DATE_B = '^([0-9]{4})年\\s*([0-9]{1,2})月\\s*([0-9]{1,2})日?$';
const YEAR_FIRST = `^${SPACE}*([0-9]{4})(?:[-/.]|年)`;
/* SPEC §9 text amounts (core/currency/currency-rules.ts readAmountText), rule by rule, in the patterns the three dialects share (no lookaround). */
const SYMBOLS = CURRENCY_SYMBOLS.map(([s]) => s.replace(/[$]/g, '\\$')).join('|');
const CODES = TEXT_CODES;
/** JavaScript's \s (with the u flag): the whitespace a symbol and its digits may have between them. */
const WS = '[\\s\\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
/** A symbol, or a code not followed by a letter, before the digits (group 1). */
const AMOUNT_PREFIX = `^(?i)(${SYMBOLS}|${CODES})(?:[^A-Za-z]|$)`;
const AMOUNT_PREFIX_STRIP = `^(?i)(?:${SYMBOLS}|${CODES})${WS}*`;
/** A symbol after the digits (group 2), the digits before it (group 1). */
const AMOUNT_SUFFIX_SYMBOL = `^(?i)(.*?)${WS}*(${SYMBOLS})$`;
/** A code not preceded by a letter after the digits. */
const AMOUNT_SUFFIX_CODE = `^(?i)(|.*?[^A-Za-z\\s\\x{00A0}\\x{202F}\\x{3000}])${WS}*(${CODES})$`;
const AMOUNT_DIGITS = '^[0-9][0-9., \\x{00A0}\\x{202F}]*$|^[.,][0-9]+$';
const GROUP_SPACE = '[ \\x{00A0}\\x{202F}]';
/** The whole part when the decimal separator is `.` (thousands: commas or spaces), `,` (dots or spaces), or there is none (one kind of separator). */
const WHOLE_DOT_DECIMAL = `(?:[0-9]*|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:${GROUP_SPACE}[0-9]{3})+)`;
const WHOLE_COMMA_DECIMAL = `(?:[0-9]*|[0-9]{1,3}(?:\\.[0-9]{3})+|[0-9]{1,3}(?:${GROUP_SPACE}[0-9]{3})+)`;
const DIGITS_DOT_DECIMAL = `^${WHOLE_DOT_DECIMAL}\\.[0-9]+$`;
const DIGITS_COMMA_DECIMAL = `^${WHOLE_COMMA_DECIMAL},[0-9]+$`;
const DIGITS_NO_DECIMAL = `^(?:[0-9]+|[0-9]{1,3}(?:\\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:${GROUP_SPACE}[0-9]{3})+)$`;
const NOT_LETTER_OR_DIGIT = '[^\\p{L}\\p{N}]+';

/** Fields the view carries as text, as read (cellRawText). */
const TEXT_FIELDS = ['id', 'account', 'owner', 'channel', 'product', 'region', 'lostReason'] as const;
/** Text fields whose length the reader checks (textTooLong), in its order. */
const COPIED_TEXT_FIELDS = ['id', 'account', 'owner', 'channel', 'product', 'region'] as const;

/** Column name in the view of a field. */
export function col(field: Field | string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The stage synonyms as rows (normalised text, kind, open-stage index), one definition for every dialect. */
function stageRows(stages: StageConfig): [string, string, number | null][] {
  const rows = new Map<string, [string, string, number | null]>();
  const add = (name: string, kind: string, index: number | null) => {
    const key = normalizeHeader(name);
    if (key !== '' && !rows.has(key)) rows.set(key, [key, kind, index]);
  };
  stages.stages.forEach((s, i) => [s.name, ...(s.aliases ?? [])].forEach((n) => add(n, 'open', i)));
  [stages.won.name, ...(stages.won.aliases ?? [])].forEach((n) => add(n, 'won', null));
  [stages.lost.name, ...(stages.lost.aliases ?? [])].forEach((n) => add(n, 'lost', null));
  return [...rows.values()];
}

function caseOf(key: string, rows: [string, string, number | null][], pick: (r: [string, string, number | null]) => string): string {
  if (rows.length === 0) return 'NULL';
  return `CASE ${key} ${rows.map((r) => `WHEN ${lit(r[0])} THEN ${pick(r)}`).join(' ')} END`;
}

/**
 * `SELECT … FROM source`: the normalised deals, one row per record below the
 * header (blank rows included, flagged `blank`, so row numbers stay those of
 * the file). `issue_<n>` columns hold the issue codes of the row.
 */
export function dealsSelect(d: Dialect, source: DealsSource): string {
  const { header } = source;
  const m = header.mapping;
  const rawOf = (field: Field) => (m[field] === undefined ? `CAST(NULL AS ${textType(d)})` : source.column(m[field]));
  const trim = (x: string) => trimSql(d, x);
  const blank = (x: string) => `(${x} IS NULL OR ${trim(x)} = '')`;

  // Layer 1: each used column's raw text, trimmed text and whether it is a plain number (a number cell of the CSV reader).
  const used = new Map<string, string>();
  for (const f of FIELDS) used.set(col(f), rawOf(f));
  header.stageDateColumns.forEach((c, k) => used.set(`sd${k}`, c === null ? `CAST(NULL AS ${textType(d)})` : source.column(c)));
  const layer1 = [...used.entries()].flatMap(([name, raw]) => [`${raw} AS r_${name}`, `CASE WHEN ${blank(raw)} THEN NULL ELSE ${trim(raw)} END AS t_${name}`]);
  const allBlank = Array.from({ length: source.width }, (_, i) => blank(source.column(i))).join(' AND ') || 'TRUE';
  layer1.push(`(${allBlank}) AS blank`);
  if (source.row !== null) layer1.push(`${source.row} AS row_no`);

  // The probability's text without its % sign, parsed as a number of its own.
  layer1.push(
    `CASE WHEN ${blank(rawOf('probability'))} THEN NULL WHEN ${matches(d, trim(rawOf('probability')), '%$')} ` +
      `THEN ${trim(`substr(${trim(rawOf('probability'))}, 1, ${length(d, trim(rawOf('probability')))} - 1)`)} END AS t_probability_pct`,
  );
  layer1.push(`CAST(NULL AS ${textType(d)}) AS r_probability_pct`);

  // Then one layer per parsing step, each step's result a column (the steps of parse-value.ts).
  const layers: string[][] = Array.from({ length: 11 }, () => ['*']);
  for (const name of used.keys()) layers[0]!.push(`(t_${name} IS NOT NULL AND ${matches(d, `t_${name}`, CSV_NUMBER)}) AS n_${name}`);
  layers[0]!.push('FALSE AS n_probability_pct');
  /** cellRawText: the text as typed, a number cell as its digits. */
  for (const f of TEXT_FIELDS) layers[1]!.push(`CASE WHEN t_${col(f)} IS NULL THEN NULL WHEN n_${col(f)} THEN t_${col(f)} ELSE r_${col(f)} END AS ${col(f)}`);
  layers[1]!.push(`lower(${replaceAll(d, 't_account', '\\s+', ' ')}) AS account_key`);
  for (const name of ['stage', 'status', 'lost_stage']) layers[1]!.push(`${replaceAll(d, `lower(t_${name})`, NOT_LETTER_OR_DIGIT, '')} AS k_${name}`);
  for (const name of ['created', 'closed', 'contract_end', ...header.stageDateColumns.map((_, k) => `sd${k}`)]) dateLayers(d, name, layers);
  // Amounts and costs by the workbook's decimal separator (none: `1,234` is ambiguous); probabilities as every table but the pipeline (`.`).
  for (const name of ['amount', 'cost', 'probability', 'probability_pct'])
    numberLayers(d, name, layers, name === 'amount', name === 'amount' || name === 'cost' ? (source.decimal ?? null) : '.');
  // The deal's currency (SPEC §9): the currency column's code (text naming none as typed), else the amount's symbol or code.
  const upperCurrency = 'upper(t_currency)';
  const currencyColumn =
    `CASE WHEN t_currency IS NULL THEN NULL ELSE COALESCE(${symbolCode(upperCurrency)}, ` +
    `CASE WHEN ${matches(d, upperCurrency, '^[A-Z]{3}$')} THEN ${upperCurrency} END, t_currency) END`;
  layers.push(['*', `${m.currency !== undefined ? currencyColumn : 'CASE WHEN e_amount IS NULL THEN cur_amount END'} AS currency`]);
  // The probability: 0.4, 40, `40%` → 0.4; outside 0…1 is not a number.
  const scaled = `CASE WHEN t_probability_pct IS NOT NULL THEN v_probability_pct / 100 WHEN v_probability > 1 THEN v_probability / 100 ELSE v_probability END`;
  const probability = [
    '*',
    `CASE WHEN t_probability IS NULL THEN NULL WHEN (${scaled}) BETWEEN 0 AND 1 THEN ${scaled} END AS p_probability`,
    `CASE WHEN t_probability IS NULL THEN NULL WHEN t_probability_pct IS NOT NULL AND f_probability_pct IS NOT NULL THEN 'notANumber' ` +
      `WHEN t_probability_pct IS NOT NULL AND v_probability_pct IS NULL THEN NULL ` +
      `WHEN t_probability_pct IS NULL AND f_probability IS NOT NULL THEN 'notANumber' ` +
      `WHEN (${scaled}) < 0 OR (${scaled}) > 1 THEN 'notANumber' END AS e_probability`,
  ];
  layers.push(probability);

  // Layer 3: status, stage, furthest stage reached (SPEC §1).
  const rows = stageRows(source.stages);
  const n = source.stages.stages.length;
  const statusRows = [...STATUS_WORDS.entries()].map(([k, v]) => [k, v] as const);
  const statusWord = `CASE k_status ${statusRows.map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ')} END`;
  const layer3 = [
    '*',
    `${caseOf('k_stage', rows, (r) => lit(r[1]))} AS stage_kind`,
    `${caseOf('k_stage', rows, (r) => (r[2] === null ? 'NULL' : String(r[2])))} AS stage_index`,
    `${caseOf('k_lost_stage', rows, (r) => lit(r[1]))} AS lost_kind`,
    `${caseOf('k_lost_stage', rows, (r) => (r[2] === null ? 'NULL' : String(r[2])))} AS lost_index`,
    `${m.status === undefined ? 'NULL' : `CASE WHEN t_status IS NULL THEN NULL ELSE ${statusWord} END`} AS status_word`,
  ];
  const statusExpr = `COALESCE(status_word, CASE WHEN stage_kind = 'won' THEN 'won' WHEN stage_kind = 'lost' THEN 'lost' ELSE 'open' END)`;
  const layer4 = ['*', `${statusExpr} AS status`];
  const furthest =
    `CASE WHEN status = 'won' THEN ${n} WHEN status = 'open' THEN (CASE WHEN stage_kind = 'open' THEN stage_index END) ` +
    `WHEN lost_kind = 'open' THEN lost_index WHEN stage_kind = 'open' THEN stage_index ELSE 0 END`;
  const layer5 = [
    '*',
    `${furthest} AS furthest`,
    `CASE WHEN status = 'open' THEN stage_index END AS open_stage`,
    `CASE WHEN p_created IS NOT NULL AND p_closed IS NOT NULL AND p_closed < p_created THEN NULL ELSE p_closed END AS closed_day`,
  ];
  const select = (columns: string[], from: string) => `SELECT ${columns.join(',\n  ')}\nFROM ${from}`;
  let sql = select(layer1, source.from);
  [...layers, layer3, layer4, layer5].forEach((columns, i) => {
    sql = select(columns, `(${sql}) AS l${i + 1}`);
  });
  return sql;
}

/** A date cell (parseDealDate), in layers: its parts, then its serial (`p_`) or why it is not one (`e_`). */
function dateLayers(d: Dialect, n: string, layers: string[][]): void {
  const part = (g: number) => `CAST(COALESCE(${extract(d, `t_${n}`, DATE_A, g)}, ${extract(d, `t_${n}`, DATE_B, g)}) AS INTEGER)`;
  layers[0]!.push(
    `${part(1)} AS dy_${n}`,
    `${part(2)} AS dm_${n}`,
    `${part(3)} AS dd_${n}`,
    `CAST(${extract(d, `r_${n}`, YEAR_FIRST, 1)} AS INTEGER) AS yf_${n}`,
    `${toDouble(d, `t_${n}`)} AS num_${n}`,
  );
  const [y, mo, day] = [`dy_${n}`, `dm_${n}`, `dd_${n}`];
  const daysIn =
    `CASE ${mo} WHEN 2 THEN (CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END) ` +
    `WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
  layers[1]!.push(
    `(${y} IS NOT NULL AND ${mo} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysIn}) AS ok_${n}`,
    `(num_${n} >= 1 AND num_${n} <= ${SERIAL_MAX}) AS serial_ok_${n}`,
    `(yf_${n} < ${DEAL_YEARS.first} OR yf_${n} > ${DEAL_YEARS.last}) AS out_${n}`,
  );
  layers[2]!.push(
    `CASE WHEN t_${n} IS NULL THEN NULL
    WHEN n_${n} THEN (CASE WHEN NOT serial_ok_${n} THEN 'notADate' WHEN FLOOR(num_${n}) > ${DEAL_SERIAL_LAST} THEN 'dateOutOfRange' END)
    WHEN out_${n} THEN 'dateOutOfRange'
    WHEN NOT ok_${n} THEN 'notADate' END AS e_${n}`,
    `CASE WHEN t_${n} IS NULL THEN NULL
    WHEN n_${n} THEN (CASE WHEN serial_ok_${n} AND FLOOR(num_${n}) <= ${DEAL_SERIAL_LAST} THEN FLOOR(num_${n}) END)
    WHEN out_${n} THEN NULL
    WHEN ok_${n} THEN CAST(${serialOfYmd(y, mo, day)} AS DOUBLE) END AS p_${n}`,
  );
}

/** The ISO code of an upper-cased currency symbol or code (currencyCode), NULL for anything else. */
function symbolCode(upper: string): string {
  return `CASE ${upper} ${CURRENCY_SYMBOLS.map(([s, c]) => `WHEN ${lit(s.toUpperCase())} THEN ${lit(c)}`).join(' ')} END`;
}

/**
 * A number cell (parseNumber, parseAmount) in layers, the steps of
 * readAmountText (core/currency/currency-rules.ts): (…) negative, a sign,
 * the currency symbol or code before the digits, a sign after it when none
 * came before, the symbol or code after the digits, then the separators
 * (rule 2 of SPEC §9: the last of `.` and `,` when both, thousands when one
 * repeats, three digits after a lone one ambiguous unless the workbook's or
 * the currency's separator says). `v_` is the signed value, `f_` why it is
 * not a number, `cur_` the currency the cell names; amounts also get `p_`
 * and `e_` (negative refused, an ambiguous negative as negative).
 */
function numberLayers(d: Dialect, n: string, layers: string[][], amount: boolean, decimal: DecimalSeparator | null): void {
  const t = `t_${n}`;
  const signed = (x: string) => `(${x} LIKE '-%' OR ${x} LIKE '+%')`;
  layers[1]!.push(
    `(${t} LIKE '(%)') AS paren_${n}`,
    `CASE WHEN n_${n} THEN NULL WHEN ${t} LIKE '(%)' THEN ${trimSql(d, `substr(${t}, 2, ${length(d, t)} - 2)`)} ELSE ${t} END AS a2_${n}`,
  );
  layers[2]!.push(
    `${signed(`a2_${n}`)} AS sign1_${n}`,
    `(a2_${n} LIKE '-%') AS minus1_${n}`,
    `CASE WHEN ${signed(`a2_${n}`)} THEN ${trimSql(d, substrFrom(d, `a2_${n}`, 2))} ELSE a2_${n} END AS a3_${n}`,
  );
  layers[3]!.push(`upper(${extract(d, `a3_${n}`, AMOUNT_PREFIX, 1)}) AS pre_${n}`);
  layers[4]!.push(`CASE WHEN pre_${n} IS NOT NULL THEN ${replaceAll(d, `a3_${n}`, AMOUNT_PREFIX_STRIP, '')} ELSE a3_${n} END AS a4_${n}`);
  layers[5]!.push(
    `(NOT sign1_${n} AND ${signed(`a4_${n}`)}) AS sign2_${n}`,
    `(NOT sign1_${n} AND a4_${n} LIKE '-%') AS minus2_${n}`,
    `CASE WHEN NOT sign1_${n} AND ${signed(`a4_${n}`)} THEN ${trimSql(d, substrFrom(d, `a4_${n}`, 2))} ELSE a4_${n} END AS a5_${n}`,
  );
  const sufSymbol = `(pre_${n} IS NULL AND ${matches(d, `a5_${n}`, AMOUNT_SUFFIX_SYMBOL)})`;
  const sufCode = `(pre_${n} IS NULL AND ${matches(d, `a5_${n}`, AMOUNT_SUFFIX_CODE)})`;
  const code = (x: string) => `COALESCE(${symbolCode(x)}, ${x})`;
  layers[6]!.push(
    `(paren_${n} <> (minus1_${n} OR minus2_${n})) AS neg_${n}`,
    `CASE WHEN ${sufSymbol} THEN COALESCE(${extract(d, `a5_${n}`, AMOUNT_SUFFIX_SYMBOL, 1)}, '') ` +
      `WHEN ${sufCode} THEN COALESCE(${extract(d, `a5_${n}`, AMOUNT_SUFFIX_CODE, 1)}, '') ELSE COALESCE(a5_${n}, '') END AS a6_${n}`,
    `CASE WHEN pre_${n} IS NOT NULL THEN ${code(`pre_${n}`)} ` +
      `WHEN ${sufSymbol} THEN ${code(`upper(${extract(d, `a5_${n}`, AMOUNT_SUFFIX_SYMBOL, 2)})`)} ` +
      `WHEN ${sufCode} THEN upper(${extract(d, `a5_${n}`, AMOUNT_SUFFIX_CODE, 2)}) END AS cur_${n}`,
  );
  const a6 = `a6_${n}`;
  const count = (c: string) => `(${length(d, a6)} - ${length(d, replaceAll(d, a6, c, ''))})`;
  const lone = `CASE WHEN ${count('\\.')} > 0 THEN '.' ELSE ',' END`;
  const dotCurrency = `cur_${n} IN (${[...DOT_DECIMAL_CURRENCIES].map(lit).join(', ')})`;
  const known =
    decimal === null
      ? `CASE WHEN ${dotCurrency} THEN (CASE WHEN ${lone} = '.' THEN '.' ELSE 'none' END) ELSE 'ambiguous' END`
      : `CASE WHEN ${lone} = ${lit(decimal)} THEN ${lit(decimal)} ELSE 'none' END`;
  layers[7]!.push(
    `CASE WHEN NOT ${matches(d, a6, AMOUNT_DIGITS)} THEN 'nan'
    WHEN ${count('\\.')} > 0 AND ${count(',')} > 0 THEN (CASE WHEN ${matches(d, a6, '\\.[^,]*$')} THEN '.' ELSE ',' END)
    WHEN ${count('[.,]')} <> 1 THEN 'none'
    WHEN NOT ${matches(d, a6, '[.,][^.,]{3}$')} OR ${matches(d, a6, GROUP_SPACE)} OR ${matches(d, a6, '^[.,]')} THEN ${lone}
    ELSE ${known} END AS dec_${n}`,
  );
  const ok =
    `CASE dec_${n} WHEN '.' THEN ${matches(d, a6, DIGITS_DOT_DECIMAL)} WHEN ',' THEN ${matches(d, a6, DIGITS_COMMA_DECIMAL)} ` +
    `WHEN 'none' THEN ${matches(d, a6, DIGITS_NO_DECIMAL)} ELSE FALSE END`;
  const digits =
    `CASE dec_${n} WHEN '.' THEN ${replaceAll(d, a6, '[, \\x{00A0}\\x{202F}]', '')} ` +
    `WHEN ',' THEN ${replaceAll(d, replaceAll(d, a6, '[. \\x{00A0}\\x{202F}]', ''), ',', '.')} ` +
    `ELSE ${replaceAll(d, a6, '[., \\x{00A0}\\x{202F}]', '')} END`;
  layers[8]!.push(`(${ok}) AS ok_${n}`, `${toDouble(d, `concat('0', ${digits})`)} AS mag_${n}`);
  layers[9]!.push(
    `CASE WHEN ${t} IS NULL THEN NULL WHEN n_${n} THEN ${toDouble(d, t)} WHEN ok_${n} THEN (CASE WHEN neg_${n} THEN -mag_${n} ELSE mag_${n} END) END AS v_${n}`,
    `CASE WHEN ${t} IS NULL OR n_${n} THEN NULL WHEN dec_${n} = 'ambiguous' THEN 'ambiguousSeparator' WHEN NOT ok_${n} THEN 'notANumber' END AS f_${n}`,
  );
  if (n === 'probability' || n === 'probability_pct') return;
  const negative = amount
    ? `CASE WHEN f_${n} = 'ambiguousSeparator' AND neg_${n} THEN 'negativeAmount' WHEN f_${n} IS NOT NULL THEN f_${n} WHEN v_${n} < 0 THEN 'negativeAmount' END`
    : `f_${n}`;
  layers[10]!.push(`${negative} AS e_${n}`, amount ? `CASE WHEN v_${n} >= 0 THEN v_${n} END AS p_${n}` : `v_${n} AS p_${n}`);
}

/** One kind of data issue: the rows it applies to, the column it names and the order the reader records it in within a row. */
interface IssueRule {
  order: number;
  column: number;
  code: string;
  when: string;
  /** Raw cell text of the issue's column. */
  value: string;
}

/**
 * The data issues of SPEC §1 as rules over the deals view, in the order the
 * reader records them within a row (read-pipeline.ts `parse`).
 */
export function issueRules(d: Dialect, header: HeaderDetection): IssueRule[] {
  const m = header.mapping;
  const colOf = (f: Field) => m[f] ?? 0;
  const rule = (f: Field, code: string, when: string, rawName = col(f)): Omit<IssueRule, 'order'> => ({ column: colOf(f), code, when, value: `r_${rawName}` });
  const rules: Omit<IssueRule, 'order'>[] = [];
  const parsed = (f: Field, name = col(f)) => ({ column: colOf(f), code: `e_${name}`, when: `e_${name} IS NOT NULL`, value: `r_${name}` });
  rules.push(rule('id', "'missingId'", 'id IS NULL'));
  if (m.status !== undefined) rules.push(rule('status', "'unknownStatus'", 't_status IS NOT NULL AND status_word IS NULL'));
  rules.push(parsed('created'));
  if (m.closed !== undefined) rules.push(parsed('closed'));
  rules.push(rule('created', "'missingCreated'", 't_created IS NULL'));
  if (m.closed !== undefined) rules.push(rule('closed', "'missingClosed'", "status <> 'open' AND t_closed IS NULL"));
  rules.push(rule('closed', "'closedBeforeCreated'", 'p_created IS NOT NULL AND p_closed IS NOT NULL AND p_closed < p_created'));
  rules.push(parsed('amount'));
  rules.push(rule('amount', "'missingAmount'", "status = 'won' AND t_amount IS NULL"));
  if (m.cost !== undefined) {
    rules.push(parsed('cost'));
    rules.push(rule('cost', "'missingCost'", "status = 'won' AND t_cost IS NULL"));
  }
  rules.push(rule('account', "'missingAccount'", "account IS NULL AND status = 'won'"));
  rules.push(rule('stage', "'unknownStage'", "status = 'open' AND (stage_kind IS NULL OR stage_kind <> 'open')"));
  rules.push(
    rule(
      'stage',
      "'unknownStage'",
      "status = 'lost' AND COALESCE(lost_kind, '') <> 'open' AND COALESCE(stage_kind, '') <> 'open' AND t_stage IS NOT NULL AND stage_kind IS NULL",
    ),
  );
  rules.push(
    rule(
      'lostStage',
      "'lostWithoutStage'",
      "status = 'lost' AND COALESCE(lost_kind, '') <> 'open' AND COALESCE(stage_kind, '') <> 'open' AND t_lost_stage IS NOT NULL",
      'lost_stage',
    ),
  );
  rules.push(
    rule(
      'stage',
      "'lostWithoutStage'",
      "status = 'lost' AND COALESCE(lost_kind, '') <> 'open' AND COALESCE(stage_kind, '') <> 'open' AND t_lost_stage IS NULL",
    ),
  );
  for (const f of COPIED_TEXT_FIELDS)
    if (m[f] !== undefined) rules.push(rule(f, "'textTooLong'", `t_${col(f)} IS NOT NULL AND ${length(d, `r_${col(f)}`)} > ${MAX_CELL_TEXT}`));
  if (m.contractEnd !== undefined) rules.push(parsed('contractEnd'));
  if (m.probability !== undefined) rules.push({ ...parsed('probability') });
  header.stageDateColumns.forEach((c, k) => {
    if (c !== null) rules.push({ column: c, code: `e_sd${k}`, when: `e_sd${k} IS NOT NULL`, value: `r_sd${k}` });
  });
  return rules.map((r, order) => ({ ...r, order }));
}

/**
 * The deals as the metrics read them: the parsed fields, and per issue rule
 * a flag and the cell's text (only where the flag is set, so a large file's
 * table holds its text columns once, parsed).
 */
export function dealsTableSelect(d: Dialect, source: DealsSource): string {
  const k = source.header.stageDateColumns.map((_, i) => i);
  const rules = issueRules(d, source.header);
  const columns = [
    ...(source.row !== null ? ['row_no'] : []),
    'blank',
    'id',
    'account',
    'account_key',
    'status',
    'open_stage',
    'furthest',
    'p_created AS created',
    'closed_day AS closed',
    `CASE WHEN closed_day IS NOT NULL THEN ${monthOfSerialSql('closed_day')} END AS closed_month`,
    'p_amount AS amount',
    'p_cost AS cost',
    'currency',
    'owner',
    'channel',
    'product',
    'region',
    'lost_reason',
    'p_contract_end AS contract_end',
    'p_probability AS probability',
    ...k.map((i) => `p_sd${i} AS sd${i}`),
    `CASE WHEN t_stage IS NOT NULL AND stage_kind IS NULL THEN t_stage END AS unknown_stage`,
    `(status = 'lost' AND COALESCE(lost_kind, '') <> 'open' AND COALESCE(stage_kind, '') <> 'open') AS lost_unknown`,
    ...rules.flatMap((r) => [
      `CASE WHEN NOT blank AND ${r.when} THEN ${r.code} END AS c${r.order}`,
      `CASE WHEN NOT blank AND ${r.when} THEN ${r.value} END AS v${r.order}`,
    ]),
  ];
  return `SELECT ${columns.join(',\n  ')}\nFROM (${dealsSelect(d, source)}) AS parsed`;
}

/** Every data issue of the deals table: row, order within the row, column, value, code. */
export function issuesSelect(d: Dialect, header: HeaderDetection, deals = 'deals'): string {
  return issueRules(d, header)
    .map((r) => `SELECT row_no, ${r.order} AS ord, ${r.column} AS col, v${r.order} AS value, c${r.order} AS code FROM ${deals} WHERE c${r.order} IS NOT NULL`)
    .join('\nUNION ALL\n');
}
