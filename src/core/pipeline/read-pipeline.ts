import { a1, type CellValue, isBlank, type SheetValues } from '../util/cell';
import { accountKeyer, type Deal } from './deal';
import type { DataIssue, IssueCode } from './data-issue';
import { type Field, FIELD_SYNONYMS } from './fields';
import { type ColumnMapping, detectHeader, HEADER_SEARCH_ROWS, type HeaderDetection, type MappingOverrides } from './header';
import { cellRawText, cellText, parseDealDate, parseMoney, parseNumber, parseProbability, type Parsed } from './parse-value';
import { currencyCode, type CurrencyCode, type DecimalSeparator } from '../currency/currency-rules';
import { type DealStatus, parseStatus, type StageConfig, stageMatcher } from './stages';

export interface Pipeline {
  deals: Deal[];
  issues: DataIssue[];
  header: HeaderDetection;
  /** Non-blank rows below the header. */
  rowsRead: number;
  /** Rows with no data issue. */
  rowsClean: number;
  /** Distinct stage values that match no configured stage, with their counts. */
  unknownStages: { value: string; count: number }[];
  /** True when the sheet has a cost column. */
  hasCost: boolean;
}

/** Why a sheet cannot be read at all (exit code 2 in the CLI). */
export type PipelineError =
  | { code: 'emptySheet' }
  | { code: 'noHeader'; rowsSearched: number }
  | { code: 'missingFields'; missing: { field: Field; synonyms: readonly string[] }[]; headers: string[]; headerRow: number };

export type PipelineResult = { ok: true; pipeline: Pipeline } | { ok: false; error: PipelineError };

export interface ReadOptions {
  stages: StageConfig;
  overrides?: MappingOverrides;
  /** The workbook's decimal separator, when it has a locale: reads `1,234` and `€1.234` (SPEC §9); without one they are data issues. */
  decimal?: DecimalSeparator;
}

/**
 * Reads a pipeline sheet (SPEC §1): finds the header, maps the columns,
 * parses every row into a typed deal and records each unusable cell as a
 * data issue. A row is left out only of the metrics that need the bad cell.
 */
export function readPipeline(values: SheetValues, options: ReadOptions): PipelineResult {
  const reader = new PipelineReader(options);
  for (let r = 0; r < values.length; r++) reader.push(values[r] ?? [], r);
  return reader.result(values.length);
}

/**
 * `readPipeline` fed one row at a time, as a sheet is streamed: the first
 * rows are held until the header is found among them, then each row becomes
 * a deal and is let go. Memory grows with the deals, not with the sheet.
 * Rows come in sheet order; rows left out are blank.
 */
export class PipelineReader {
  /** The first rows, by index, until the header is decided. */
  private head: CellValue[][] = [];
  /** undefined: not decided yet; null: no usable header. */
  private header: HeaderDetection | null | undefined = undefined;
  private parser: RowParser | null = null;
  private readonly deals: Deal[] = [];
  private rowsRead = 0;
  private height = 0;
  private anyValue = false;

  constructor(private readonly options: ReadOptions) {}

  push(row: CellValue[], index: number): void {
    if (index >= this.height) this.height = index + 1;
    if (this.header === undefined) {
      if (index < HEADER_SEARCH_ROWS) {
        this.head[index] = row;
        if (!this.anyValue && !row.every(isBlank)) this.anyValue = true;
        return;
      }
      this.decide();
    }
    if (!this.anyValue && !row.every(isBlank)) this.anyValue = true;
    this.parse(row, index);
  }

  /** The pipeline read; `height` is the sheet's row count when the caller knows more rows than were pushed. */
  result(height = this.height): PipelineResult {
    if (height > this.height) this.height = height;
    if (this.header === undefined) this.decide();
    if (!this.anyValue) return { ok: false, error: { code: 'emptySheet' } };
    const header = this.header;
    if (!header) return { ok: false, error: { code: 'noHeader', rowsSearched: Math.min(this.height, HEADER_SEARCH_ROWS) } };
    if (header.missing.length > 0) {
      return {
        ok: false,
        error: {
          code: 'missingFields',
          missing: header.missing.map((field) => ({ field, synonyms: FIELD_SYNONYMS[field] })),
          headers: header.headers.filter((h) => h !== ''),
          headerRow: header.headerRow + 1,
        },
      };
    }
    const parser = this.parser!;
    const unknownStages = [...parser.unknownStages.entries()].map(([value, count]) => ({ value, count }));
    unknownStages.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      ok: true,
      pipeline: {
        deals: this.deals,
        issues: parser.issues,
        header,
        rowsRead: this.rowsRead,
        rowsClean: this.rowsRead - parser.rowsWithIssues.size,
        unknownStages,
        hasCost: header.mapping.cost !== undefined,
      },
    };
  }

  /** Finds the header among the rows held, then parses those below it. */
  private decide(): void {
    const head = this.head;
    this.head = [];
    this.header = this.anyValue ? detectHeader(head, this.options.stages, this.options.overrides) : null;
    if (!this.header || this.header.missing.length > 0) return;
    this.parser = new RowParser(this.header, this.options.stages, this.options.decimal);
    for (let r = this.header.headerRow + 1; r < head.length; r++) if (head[r]) this.parse(head[r]!, r);
  }

  private parse(row: CellValue[], r: number): void {
    if (!this.parser || r <= this.header!.headerRow || row.every(isBlank)) return;
    this.rowsRead++;
    this.deals.push(this.parser.parse(row, r));
  }
}

class RowParser {
  readonly issues: DataIssue[] = [];
  readonly rowsWithIssues = new Set<number>();
  readonly unknownStages = new Map<string, number>();
  private readonly keyOf = accountKeyer();
  private readonly match: ReturnType<typeof stageMatcher>;
  private readonly wonIndex: number;
  private row: CellValue[] = [];
  private sheetRow = 0;

  constructor(
    private readonly header: HeaderDetection,
    stages: StageConfig,
    private readonly decimal?: DecimalSeparator,
  ) {
    this.match = stageMatcher(stages);
    this.wonIndex = stages.stages.length;
  }

  parse(row: CellValue[], r: number): Deal {
    this.row = row;
    this.sheetRow = r + 1;
    const m = this.header.mapping;
    const id = cellRawText(this.cell('id'));
    if (id === null) this.issue('id', 'missingId');

    const stageText = cellText(this.cell('stage'));
    const stageMatch = stageText === null ? null : this.match(stageText);
    if (stageText !== null && stageMatch === null) {
      this.unknownStages.set(stageText, (this.unknownStages.get(stageText) ?? 0) + 1);
    }
    const status = this.status(stageMatch);
    const stageIndex = stageMatch?.kind === 'open' ? stageMatch.index : null;

    const created = this.date('created');
    const closed = m.closed === undefined ? null : this.date('closed');
    if (created === null && isBlank(this.cell('created'))) this.issue('created', 'missingCreated');
    if (status !== 'open' && m.closed !== undefined && closed === null && isBlank(this.cell('closed'))) this.issue('closed', 'missingClosed');
    if (created !== null && closed !== null && closed < created) this.issue('closed', 'closedBeforeCreated');

    const money = parseMoney(this.cell('amount'), this.decimal ?? null);
    if (!money.ok) this.issue('amount', money.reason);
    const amount = money.ok ? money.value : null;
    if (status === 'won' && amount === null && isBlank(this.cell('amount'))) this.issue('amount', 'missingAmount');
    const cost = m.cost === undefined ? null : this.value('cost', (v) => parseNumber(v, this.decimal ?? null));
    if (status === 'won' && m.cost !== undefined && cost === null && isBlank(this.cell('cost'))) this.issue('cost', 'missingCost');

    const account = cellRawText(this.cell('account'));
    if (account === null && status === 'won') this.issue('account', 'missingAccount');

    const furthest = this.furthest(status, stageMatch, stageText);
    // Texts the data sheet copies must fit an Excel cell; longer ones are cut there (SPEC §6).
    for (const field of COPIED_TEXT_FIELDS) {
      const v = this.cell(field);
      if (typeof v === 'string' && v.length > MAX_CELL_TEXT) this.issue(field, 'textTooLong');
    }
    return {
      row: this.sheetRow,
      id,
      account,
      accountKey: account === null ? null : this.keyOf(account),
      status,
      stageIndex,
      furthest,
      created,
      closed: closed !== null && created !== null && closed < created ? null : closed,
      amount,
      cost,
      currency: m.currency !== undefined ? this.currency() : money.ok ? money.currency : null,
      owner: this.text('owner'),
      channel: this.text('channel'),
      product: this.text('product'),
      region: this.text('region'),
      contractEnd: m.contractEnd === undefined ? null : this.date('contractEnd'),
      probability: m.probability === undefined ? null : this.value('probability', parseProbability),
      stageDates: this.stageDates(),
      lostReason: this.text('lostReason'),
    };
  }

  /** Status column first; else derived from the stage (SPEC §1). */
  private status(stageMatch: ReturnType<RowParser['match']>): DealStatus {
    if (this.header.mapping.status !== undefined) {
      const text = cellText(this.cell('status'));
      if (text !== null) {
        const s = parseStatus(text);
        if (s) return s;
        this.issue('status', 'unknownStatus');
      }
    }
    if (stageMatch?.kind === 'won') return 'won';
    if (stageMatch?.kind === 'lost') return 'lost';
    return 'open';
  }

  /** Furthest stage reached (SPEC §1 "Furthest stage reached"). */
  private furthest(status: DealStatus, stageMatch: ReturnType<RowParser['match']>, stageText: string | null): number | null {
    if (status === 'won') return this.wonIndex;
    if (status === 'open') {
      if (stageMatch?.kind === 'open') return stageMatch.index;
      this.issue('stage', 'unknownStage');
      return null;
    }
    const lostAt = cellText(this.cell('lostStage'));
    const lostMatch = lostAt === null ? null : this.match(lostAt);
    if (lostMatch?.kind === 'open') return lostMatch.index;
    if (stageMatch?.kind === 'open') return stageMatch.index;
    if (stageText !== null && stageMatch === null) this.issue('stage', 'unknownStage');
    this.issue(lostAt !== null ? 'lostStage' : 'stage', 'lostWithoutStage');
    return 0;
  }

  private stageDates(): (number | null)[] | null {
    const cols = this.header.stageDateColumns;
    if (cols.every((c) => c === null)) return null;
    return cols.map((c) => {
      if (c === null) return null;
      const p = parseDealDate(this.row[c] ?? null);
      if (!p.ok) this.issueAt(c, 'stageDates', p.reason);
      return p.ok ? p.value : null;
    });
  }

  /** The currency column's code (SPEC §9: an ISO code or a symbol); text naming none is kept as typed, and finds no rate. */
  private currency(): CurrencyCode | null {
    const text = cellText(this.cell('currency'));
    return text === null ? null : (currencyCode(text) ?? text);
  }

  private cell(field: Field): CellValue {
    const col = this.header.mapping[field];
    return col === undefined ? null : (this.row[col] ?? null);
  }

  private text(field: Field): string | null {
    return cellRawText(this.cell(field));
  }

  private date(field: Field): number | null {
    return this.value(field, parseDealDate);
  }

  private value(field: Field, parse: (v: CellValue) => Parsed<number>): number | null {
    const p = parse(this.cell(field));
    if (p.ok) return p.value;
    this.issue(field, p.reason);
    return null;
  }

  private issue(field: Field, code: IssueCode): void {
    const col = this.header.mapping[field];
    this.issueAt(col ?? 0, field, code);
  }

  private issueAt(col: number, field: Field | 'stageDates', code: IssueCode): void {
    this.rowsWithIssues.add(this.sheetRow);
    this.issues.push({
      row: this.sheetRow,
      column: this.header.headers[col] ?? '',
      field: field === 'stageDates' ? 'stage' : field,
      address: a1(this.sheetRow - 1, col),
      value: this.row[col] ?? null,
      code,
    });
  }
}

/** Text fields the data sheet (`Funnel Data`) holds as they are read. */
const COPIED_TEXT_FIELDS: readonly Field[] = ['id', 'account', 'owner', 'channel', 'product', 'region'];
/** Excel's characters a cell (core/report/excel-limits.ts). */
const MAX_CELL_TEXT = 32_767;

export type { ColumnMapping, MappingOverrides };
