import type { Translate } from '../i18n';
import type { DataIssue } from '../pipeline/data-issue';
import type { TableBlock } from './model';

/** Rows shown in the report's Data issues table; the JSON output always has them all. */
export const MAX_ISSUE_ROWS = 5000;

export function issuesTable(issues: readonly DataIssue[], tableName: string, row: number, col: number, tr: Translate): TableBlock {
  return {
    kind: 'table',
    name: tableName,
    row,
    col,
    style: 'TableStyleLight1',
    columns: [{ header: tr('col.row'), format: 'integer' }, { header: tr('col.column') }, { header: tr('col.value') }, { header: tr('col.reason') }],
    rows: issues.slice(0, MAX_ISSUE_ROWS).map((i) => [i.row, i.column, i.value, tr(`issue.${i.code}`)]),
  };
}
