import type { Translate } from '../i18n';
import type { DataIssue, IssueCode } from '../pipeline/data-issue';
import type { Cell, SheetModel, TableBlock } from './model';

/** The sheet with every data issue (SPEC §7: the full list on its own sheet, linked from the report tab). */
export const ISSUES_SHEET = 'Data Issues';

/** Rows of the `Data Issues` sheet; past it the JSON output still has them all. */
export const MAX_ISSUE_ROWS = 1_000_000;

/** One line of the report tab's summary: a reason, how many cells have it, and the first such cell. */
export interface IssueSummaryRow {
  code: IssueCode;
  count: number;
  example: DataIssue;
}

/** Issues grouped by reason, most frequent first (ties in the order the reasons first occur). */
export function summariseIssues(issues: readonly DataIssue[]): IssueSummaryRow[] {
  const byCode = new Map<IssueCode, IssueSummaryRow>();
  for (const issue of issues) {
    const row = byCode.get(issue.code);
    if (row) row.count++;
    else byCode.set(issue.code, { code: issue.code, count: 1, example: issue });
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count);
}

/** Reason | count | example cell | its value — what the report tab shows instead of the whole list. */
export function issuesSummaryTable(
  issues: readonly DataIssue[],
  at: { tableName: string; row: number; col: number; sourceSheet: string; sourceOutside?: boolean },
  tr: Translate,
): TableBlock {
  const rows = summariseIssues(issues).map((s): Cell[] => [
    tr(`issue.${s.code}`),
    s.count,
    at.sourceOutside
      ? `${s.example.column} ${s.example.address}`
      : { link: { sheet: at.sourceSheet, cell: s.example.address }, text: `${s.example.column} ${s.example.address}` },
    s.example.value,
  ]);
  return {
    kind: 'table',
    name: at.tableName,
    row: at.row,
    col: at.col,
    style: 'TableStyleLight1',
    columns: [{ header: tr('col.reason') }, { header: tr('col.count'), format: 'integer' }, { header: tr('col.exampleCell') }, { header: tr('col.value') }],
    rows,
  };
}

/** The full issues table (row, column, cell, value, reason). */
export function issuesTable(issues: readonly DataIssue[], tableName: string, row: number, col: number, tr: Translate): TableBlock {
  return {
    kind: 'table',
    name: tableName,
    row,
    col,
    style: 'TableStyleLight1',
    columns: [
      { header: tr('col.row'), format: 'integer' },
      { header: tr('col.column') },
      { header: tr('col.cell') },
      { header: tr('col.value') },
      { header: tr('col.reason') },
    ],
    rows: issues.slice(0, MAX_ISSUE_ROWS).map((i) => [i.row, i.column, i.address, i.value, tr(`issue.${i.code}`)]),
  };
}

/** The `Data Issues` sheet: a title, the source sheet, and every issue. */
export function buildIssuesSheet(issues: readonly DataIssue[], sourceSheet: string, tr: Translate): SheetModel {
  const blocks: SheetModel['blocks'] = [
    { kind: 'cells', row: 0, col: 0, style: 'title', cells: [[tr('issues.sheetTitle', { count: issues.length })]] },
    { kind: 'cells', row: 1, col: 0, style: 'muted', cells: [[tr('issues.sheetSource', { sheet: sourceSheet })]] },
  ];
  if (issues.length > 0) blocks.push(issuesTable(issues, 'DataIssues', 3, 0, tr));
  else blocks.push({ kind: 'cells', row: 3, col: 0, style: 'muted', cells: [[tr('report.issues.none')]] });
  return {
    name: ISSUES_SHEET,
    role: 'list',
    blocks,
    freeze: issues.length > 0 ? { rows: 4, cols: 0 } : undefined,
    columnWidths: { 0: 10, 1: 22, 2: 10, 3: 24, 4: 48 },
    print: { orientation: 'landscape', fitToWidth: true, titleRows: { first: 3, last: 3 }, footer: tr('issues.sheetTitle', { count: issues.length }) },
  };
}
