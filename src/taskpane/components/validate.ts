import type { MessageKey } from '../../core/i18n';
import type { Field } from '../../core/pipeline/fields';
import type { StageDefinition } from '../../core/pipeline/stages';
import { parseDate, parseNumber } from '../../core/pipeline/parse-value';
import type { CellValue } from '../../core/util/cell';

/** An inline message for one input: the catalogue key and its parameters. */
export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

/**
 * The stage editor's rules: every stage named, no name twice (as the
 * pipeline reader compares them: trimmed, ignoring case, and not Won or
 * Lost), each probability a number from 0 to 100 %. One problem per input.
 */
export function stageProblems(
  stages: readonly StageDefinition[],
  percents: readonly string[],
  terminal: readonly string[],
): { names: (FieldProblem | null)[]; probabilities: (FieldProblem | null)[]; none: boolean } {
  const key = (name: string) => name.trim().toLowerCase();
  const seen = new Map<string, number>(terminal.map((t) => [key(t), -1]));
  const names = stages.map((s, i): FieldProblem | null => {
    if (s.name.trim() === '') return { key: 'pane.stages.error.blank' };
    const first = seen.get(key(s.name));
    if (first !== undefined && first !== i) return { key: 'pane.stages.error.duplicate' };
    seen.set(key(s.name), i);
    return null;
  });
  const probabilities = percents.map((text): FieldProblem | null => {
    const value = text.trim() === '' ? NaN : Number(text);
    return Number.isFinite(value) && value >= 0 && value <= 100 ? null : { key: 'pane.stages.error.probability' };
  });
  return { names, probabilities, none: stages.length === 0 };
}

const DATE_FIELDS: readonly Field[] = ['created', 'closed', 'contractEnd'];
const NUMBER_FIELDS: readonly Field[] = ['amount', 'cost'];

/**
 * The mapping's rules against the preview rows: one field per header, and a
 * date field on a column whose first filled cells are dates (serials or
 * date-like text), a number field on one whose cells read as numbers.
 */
export function mappingProblems(
  mapping: Partial<Record<Field, string>>,
  headers: readonly string[],
  preview: readonly CellValue[][],
  fieldLabel: (f: Field) => string,
): Partial<Record<Field, FieldProblem>> {
  const problems: Partial<Record<Field, FieldProblem>> = {};
  const owner = new Map<string, Field>();
  for (const [field, header] of Object.entries(mapping) as [Field, string | undefined][]) {
    if (!header) continue;
    const first = owner.get(header);
    if (first) {
      problems[field] = { key: 'pane.mapping.error.twice', params: { header, field: fieldLabel(first) } };
      continue;
    }
    owner.set(header, field);
    const col = headers.indexOf(header);
    const cells = preview.map((row) => row[col]).filter((v) => v !== null && v !== undefined && v !== '');
    const fits = DATE_FIELDS.includes(field) ? looksLikeDate : NUMBER_FIELDS.includes(field) ? looksLikeNumber : () => true;
    const wrong = cells.filter((v) => !fits(v));
    // Only when most of the preview disagrees: one messy cell is a data issue, not a wrong column.
    const bad = wrong[0];
    if (bad !== undefined && wrong.length * 2 > cells.length)
      problems[field] = { key: DATE_FIELDS.includes(field) ? 'pane.mapping.error.date' : 'pane.mapping.error.number', params: { header, value: String(bad) } };
  }
  return problems;
}

/** As the pipeline reader will read it (src/core/pipeline/parse-value). */
const looksLikeNumber = (v: CellValue | undefined): boolean => v !== undefined && parseNumber(v).ok;
const looksLikeDate = (v: CellValue | undefined): boolean => v !== undefined && parseDate(v).ok;
