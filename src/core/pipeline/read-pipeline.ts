import { a1, type CellValue, isBlank, type SheetValues } from '../util/cell';
import { accountKey, type Deal } from './deal';
import type { DataIssue, IssueCode } from './data-issue';
import { type Field, FIELD_SYNONYMS } from './fields';
import { type ColumnMapping, detectHeader, type HeaderDetection, type MappingOverrides } from './header';
import { cellRawText, cellText, parseAmount, parseDate, parseNumber, parseProbability, type Parsed } from './parse-value';
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
}

/**
 * Reads a pipeline sheet (SPEC §1): finds the header, maps the columns,
 * parses every row into a typed deal and records each unusable cell as a
 * data issue. A row is left out only of the metrics that need the bad cell.
 */
export function readPipeline(values: SheetValues, options: ReadOptions): PipelineResult {
  if (values.every((row) => row.every(isBlank))) return { ok: false, error: { code: 'emptySheet' } };
  const header = detectHeader(values, options.stages, options.overrides);
  if (!header) return { ok: false, error: { code: 'noHeader', rowsSearched: Math.min(values.length, 20) } };
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
  const parser = new RowParser(header, options.stages);
  const deals: Deal[] = [];
  let rowsRead = 0;
  for (let r = header.headerRow + 1; r < values.length; r++) {
    const row = values[r];
    if (!row || row.every(isBlank)) continue;
    rowsRead++;
    deals.push(parser.parse(row, r));
  }
  const unknownStages = [...parser.unknownStages.entries()].map(([value, count]) => ({ value, count }));
  unknownStages.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    ok: true,
    pipeline: {
      deals,
      issues: parser.issues,
      header,
      rowsRead,
      rowsClean: rowsRead - parser.rowsWithIssues.size,
      unknownStages,
      hasCost: header.mapping.cost !== undefined,
    },
  };
}

class RowParser {
  readonly issues: DataIssue[] = [];
  readonly rowsWithIssues = new Set<number>();
  readonly unknownStages = new Map<string, number>();
  private readonly match: ReturnType<typeof stageMatcher>;
  private readonly wonIndex: number;
  private row: CellValue[] = [];
  private sheetRow = 0;

  constructor(
    private readonly header: HeaderDetection,
    stages: StageConfig,
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

    const amount = this.value('amount', parseAmount);
    if (status === 'won' && amount === null && isBlank(this.cell('amount'))) this.issue('amount', 'missingAmount');
    const cost = m.cost === undefined ? null : this.value('cost', parseNumber);
    if (status === 'won' && m.cost !== undefined && cost === null && isBlank(this.cell('cost'))) this.issue('cost', 'missingCost');

    const account = cellRawText(this.cell('account'));
    if (account === null && status === 'won') this.issue('account', 'missingAccount');

    const furthest = this.furthest(status, stageMatch, stageText);
    return {
      row: this.sheetRow,
      id,
      account,
      accountKey: account === null ? null : accountKey(account),
      status,
      stageIndex,
      furthest,
      created,
      closed: closed !== null && created !== null && closed < created ? null : closed,
      amount,
      cost,
      currency: this.text('currency'),
      owner: this.text('owner'),
      channel: this.text('channel'),
      product: this.text('product'),
      region: this.text('region'),
      contractEnd: m.contractEnd === undefined ? null : this.date('contractEnd'),
      probability: m.probability === undefined ? null : this.value('probability', parseProbability),
      stageDates: this.stageDates(),
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
      const p = parseDate(this.row[c] ?? null);
      if (!p.ok) this.issueAt(c, 'stageDates', p.reason);
      return p.ok ? p.value : null;
    });
  }

  private cell(field: Field): CellValue {
    const col = this.header.mapping[field];
    return col === undefined ? null : (this.row[col] ?? null);
  }

  private text(field: Field): string | null {
    return cellRawText(this.cell(field));
  }

  private date(field: Field): number | null {
    return this.value(field, parseDate);
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

export type { ColumnMapping, MappingOverrides };
