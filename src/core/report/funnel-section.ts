import type { Translate } from '../i18n';
import type { Funnel } from '../metrics/funnel';
import type { Period } from '../metrics/period';
import { a1 } from '../util/cell';
import { dataColumn } from './data-sheet';
import { countifs, dateLiteral, formula, guardedRatio } from './formulas';
import type { Cell, ConditionalFormat, TableBlock } from './model';

export interface FunnelSectionInput {
  funnel: Funnel;
  period: Period;
  /** Write plain values instead of formulas over the data sheet. */
  valuesOnly: boolean;
  tableName: string;
  row: number;
  col: number;
}

/**
 * The funnel table: stage, reached, step and cumulative conversion. Reached
 * counts are COUNTIFS over the data sheet's furthest-stage and created
 * columns; conversions are guarded divisions of the cells beside them.
 * Strict mode cannot be expressed over the data sheet, so it writes values.
 */
export function funnelTable(input: FunnelSectionInput, tr: Translate): { table: TableBlock; formats: ConditionalFormat[] } {
  const { funnel, period, row, col } = input;
  // Strict and period counts need the stage dates, which the data sheet does not carry: values.
  const asValues = input.valuesOnly || funnel.strict || funnel.mode === 'period';
  const firstBody = row + 1;
  const reachedCol = col + 1;
  const rows: Cell[][] = funnel.steps.map((step, k) => {
    const r = firstBody + k;
    if (asValues) return [step.stage, step.reached, step.stepConversion, step.cumulativeConversion];
    const here = a1(r, reachedCol);
    const reached = formula(
      countifs([
        [dataColumn('furthest'), `">="&${k + 1}`],
        [dataColumn('created'), `">="&${dateLiteral(period.start)}`],
        [dataColumn('created'), `"<"&${dateLiteral(period.end)}`],
      ]),
      step.reached,
    );
    const stepConversion = k === 0 ? null : formula(guardedRatio(here, a1(r - 1, reachedCol)), step.stepConversion ?? '');
    const cumulative = formula(guardedRatio(here, a1(firstBody, reachedCol, true)), step.cumulativeConversion ?? '');
    return [step.stage, reached, stepConversion, cumulative];
  });
  const last = firstBody + rows.length - 1;
  return {
    table: {
      kind: 'table',
      name: input.tableName,
      row,
      col,
      style: 'TableStyleMedium2',
      columns: [
        { header: tr('col.stage') },
        { header: tr('col.reached'), format: 'integer' },
        { header: tr('col.stepConversion'), format: 'percent' },
        { header: tr('col.cumulativeConversion'), format: 'percent' },
      ],
      rows,
    },
    formats: [{ type: 'dataBar', range: `${a1(firstBody, col + 3)}:${a1(last, col + 3)}` }],
  };
}
