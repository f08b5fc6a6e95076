import type { MessageKey, Translate } from '../i18n';
import type { MonthlyKpis } from '../metrics/compute-metrics';
import { a1 } from '../util/cell';
import { formula } from './formulas';
import { change, changeColours, kpiFormat, kpiIndex, type KpiKey } from './kpi-section';
import type { CellsBlock, ConditionalFormat } from './model';

/** The tiles of the first screen (SPEC §7), left to right. */
export const DASHBOARD_KPIS: readonly KpiKey[] = ['revenue', 'attainment', 'winRate', 'cycleDaysMean', 'costRate', 'newCustomers', 'repurchaseRate'];

/** Rows the tiles take: label, value, change against the previous month. */
export const TILE_ROWS = 3;

/**
 * KPI tiles: a label, the month's value and its change, one column per KPI.
 * Each value and change is a formula pointing at the KPI table below (whose
 * cells are the COUNTIFS/SUMIFS over the data sheet), so the tiles stay
 * native, portable formulas; the change is green or red by the KPI's
 * direction. Values only: the plain numbers.
 */
export function dashboardTiles(
  input: { row: number; kpiTableRow: number; current: MonthlyKpis; previous: MonthlyKpis; valuesOnly: boolean },
  tr: Translate,
): { blocks: CellsBlock[]; formats: ConditionalFormat[] } {
  const body = (key: KpiKey) => input.kpiTableRow + 1 + kpiIndex(key);
  const values = DASHBOARD_KPIS.map((key) => {
    const value = input.current[key];
    return input.valuesOnly ? value : formula(a1(body(key), 1), value ?? '');
  });
  const changes = DASHBOARD_KPIS.map((key) => {
    const text = change(input.current[key], input.previous[key], kpiFormat(key), tr);
    return input.valuesOnly ? text : formula(a1(body(key), 3), text);
  });
  const changeRow = input.row + 2;
  return {
    blocks: [
      { kind: 'cells', row: input.row, col: 0, style: 'label', cells: [DASHBOARD_KPIS.map((key) => tr(`kpi.${key}` as MessageKey))] },
      { kind: 'cells', row: input.row + 1, col: 0, style: 'title', cells: [values], formats: DASHBOARD_KPIS.map(kpiFormat) },
      { kind: 'cells', row: changeRow, col: 0, cells: [changes] },
    ],
    formats: DASHBOARD_KPIS.flatMap((key, i) => changeColours(a1(changeRow, i), a1(changeRow, i), key)),
  };
}
