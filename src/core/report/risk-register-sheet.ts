import { type Locale, t } from '../i18n';
import { localizeBandName, type RiskRegister, type RiskRow } from '../risk/register';
import { RISK_COLUMN_FORMATS, RISK_COLUMNS, riskColumnHeaderKey, riskColumnIndex, type RiskColumn } from '../risk/register-columns';
import { bandLevel, riskScore } from '../risk/score';
import { CATEGORY_VOCABULARY, localizeChoice, STATUS_VOCABULARY, STRATEGY_VOCABULARY, vocabularyLabel, vocabularyLabels } from '../risk/vocabulary';
import { a1, type CellValue, columnLetter } from '../util/cell';
import { formula, textLiteral } from './formulas';
import type { Block, Cell, ConditionalFormat, DataValidation, SheetModel, TextStyle } from './model';

/** Sheet and table names stay English in every language: formulas and the CLI find them by name. */
export const RISK_SHEET = 'Risk Register';
export const RISK_TABLE = 'RiskRegister';
export const BANDS_TABLE = 'RiskBands';

const HEADER_ROW = 3;
const FIRST_BODY_ROW = HEADER_ROW + 1;
/** Rows below the register that get drop-downs and formats too, for rows the user adds in Excel. */
export const SPARE_ROWS = 100;
const RATINGS = [1, 2, 3, 4, 5] as const;
/** One look per level, from the lowest band up. */
const LEVEL_STYLES: readonly TextStyle[] = ['good', 'warning', 'bad', 'critical'];

/** Where things land on the sheet, for the builder and the tests. */
export interface RiskSheetLayout {
  headerRow: number;
  firstBodyRow: number;
  /** Zero-based sheet column of each register column. */
  col: (column: RiskColumn) => number;
  bands: { row: number; col: number };
  /** The heat map's corner cell; impacts 1–5 to its right, probabilities 5…1 below it. */
  heatMap: { row: number; col: number };
}

export function riskSheetLayout(register: Pick<RiskRegister, 'extraHeaders' | 'bands'>): RiskSheetLayout {
  const side = RISK_COLUMNS.length + register.extraHeaders.length + 1;
  return {
    headerRow: HEADER_ROW,
    firstBodyRow: FIRST_BODY_ROW,
    col: riskColumnIndex,
    bands: { row: HEADER_ROW, col: side },
    heatMap: { row: HEADER_ROW + Math.max(register.bands.length, 1) + 4, col: side },
  };
}

/**
 * The `Risk Register` sheet (SPEC §5): the `RiskRegister` table with
 * score = P × I and level as native formulas per row, drop-downs, a look per
 * level and for overdue reviews; beside it the `RiskBands` table the level
 * formulas read and a 5 × 5 heat map of live COUNTIFS.
 *
 * Score: `IF(AND(ISNUMBER(P),ISNUMBER(I)),IF(AND(P>=1,P<=5,I>=1,I<=5,P=INT(P),I=INT(I)),P*I,""),"")`
 * — whole numbers 1–5 only, as `riskScore`; the nested IF keeps INT away
 * from text, which would be an error. Level:
 * `IF(score="","",IFERROR(INDEX(names,MATCH(score,froms,1)),""))` — the last
 * band whose lower bound the score reaches (INDEX/MATCH rather than LOOKUP,
 * same result, understood by every engine we test with); empty, never an
 * error, below the first band. Heat map cell:
 * `COUNTIFS(P:P,p,I:I,i,Status:Status,"<>Closed",Status:Status,"<>已关闭")`
 * over whole columns, so a row the user types under the table counts at once,
 * before a re-run gives it its formulas; matching the whole numbers 1–5 keeps
 * what slips past validation (0, 6, 2.5, words) off the map, as it is off
 * the score column. Both languages' "closed" are excluded, so a status
 * pasted from a register in the other language still counts right.
 */
export function buildRiskRegisterSheet(register: RiskRegister, locale: Locale): SheetModel {
  const bands = register.bands.map((b) => ({ name: localizeBandName(b.name, locale), from: b.from }));
  const layout = riskSheetLayout({ extraHeaders: register.extraHeaders, bands });
  const rows = register.rows.length > 0 ? register.rows : [{ cells: {}, extras: [] }];
  const lastRow = FIRST_BODY_ROW + rows.length - 1 + SPARE_ROWS;
  const bandNames = `${abs(layout.bands.row + 1, layout.bands.col)}:${abs(layout.bands.row + bands.length, layout.bands.col)}`;
  const bandFroms = `${abs(layout.bands.row + 1, layout.bands.col + 1)}:${abs(layout.bands.row + bands.length, layout.bands.col + 1)}`;
  const numericBands = bands.flatMap((b) => (typeof b.from === 'number' ? [{ name: b.name, from: b.from }] : []));
  const closedLabels = (['en-US', 'zh-CN'] as const).map((l) => vocabularyLabel(STATUS_VOCABULARY, 'closed', l));

  const body = rows.map((row, i) => registerRow(row, FIRST_BODY_ROW + i, register.extraHeaders.length, locale, { bandNames, bandFroms, numericBands }));
  const blocks: Block[] = [
    { kind: 'cells', row: 0, col: 0, cells: [[t(locale, 'risk.sheetTitle')]], style: 'title' },
    { kind: 'cells', row: 1, col: 0, cells: [[t(locale, 'risk.sheetNote')]], style: 'muted' },
    {
      kind: 'table',
      name: RISK_TABLE,
      row: HEADER_ROW,
      col: 0,
      style: 'TableStyleMedium2',
      columns: [
        ...RISK_COLUMNS.map((c) => ({ header: t(locale, riskColumnHeaderKey(c)), format: RISK_COLUMN_FORMATS[c] })),
        ...register.extraHeaders.map((header) => ({ header })),
      ],
      rows: body,
    },
    { kind: 'cells', row: layout.bands.row - 1, col: layout.bands.col, cells: [[t(locale, 'risk.bands')]], style: 'heading' },
    {
      kind: 'table',
      name: BANDS_TABLE,
      row: layout.bands.row,
      col: layout.bands.col,
      style: 'TableStyleLight1',
      columns: [{ header: t(locale, 'risk.bands.level') }, { header: t(locale, 'risk.bands.from'), format: 'integer' }],
      rows: bands.map((b): Cell[] => [b.name, b.from]),
    },
    ...heatMapBlocks(body, layout, locale, closedLabels),
  ];

  const column = (c: RiskColumn) => columnLetter(layout.col(c));
  const range = (c: RiskColumn) => `${column(c)}${FIRST_BODY_ROW + 1}:${column(c)}${lastRow + 1}`;
  const firstRef = (c: RiskColumn) => `$${column(c)}${FIRST_BODY_ROW + 1}`;
  const validations: DataValidation[] = [
    { range: range('category'), rule: { type: 'list', values: vocabularyLabels(CATEGORY_VOCABULARY, locale) } },
    { range: range('probability'), rule: { type: 'wholeNumber', min: 1, max: 5 } },
    { range: range('impact'), rule: { type: 'wholeNumber', min: 1, max: 5 } },
    { range: range('strategy'), rule: { type: 'list', values: vocabularyLabels(STRATEGY_VOCABULARY, locale) } },
    { range: range('status'), rule: { type: 'list', values: vocabularyLabels(STATUS_VOCABULARY, locale) } },
    { range: range('reviewDate'), rule: { type: 'date' } },
    { range: range('lastDrillDate'), rule: { type: 'date' } },
  ];
  const level = firstRef('level');
  const status = firstRef('status');
  const review = firstRef('reviewDate');
  const grid = `${a1(layout.heatMap.row + 1, layout.heatMap.col + 1)}:${a1(layout.heatMap.row + 5, layout.heatMap.col + 5)}`;
  const conditionalFormats: ConditionalFormat[] = [
    ...bands.map((_, k): ConditionalFormat => ({
      range: range('level'),
      type: 'expression',
      formula: `AND(${level}<>"",${level}=${abs(layout.bands.row + 1 + k, layout.bands.col)})`,
      style: levelStyle(k, bands.length),
    })),
    {
      range: range('reviewDate'),
      type: 'expression',
      formula: `AND(ISNUMBER(${review}),${review}<TODAY(),${closedLabels.map((l) => `${status}<>${textLiteral(l)}`).join(',')})`,
      style: 'bad',
    },
    // SPEC §7: each cell is coloured by the level of its P × I (the band it falls in), the count of risks is its value.
    ...bands.map((_, k): ConditionalFormat => {
      const score = `$${columnLetter(layout.heatMap.col)}${layout.heatMap.row + 2}*${columnLetter(layout.heatMap.col + 1)}$${layout.heatMap.row + 1}`;
      const from = abs(layout.bands.row + 1 + k, layout.bands.col + 1);
      const upTo = k + 1 < bands.length ? `,${score}<${abs(layout.bands.row + 2 + k, layout.bands.col + 1)}` : '';
      return { range: grid, type: 'expression', formula: `AND(${score}>=${from}${upTo})`, style: levelStyle(k, bands.length) };
    }),
  ];

  const widths: Record<RiskColumn, number> = {
    id: 8,
    title: 28,
    category: 16,
    description: 40,
    probability: 10,
    impact: 10,
    score: 8,
    level: 10,
    strategy: 14,
    measures: 40,
    contingencySteps: 40,
    contingencyOwner: 18,
    contingencyResources: 26,
    status: 12,
    reviewDate: 12,
    lastDrillDate: 12,
  };
  const columnWidths: Record<number, number> = Object.fromEntries(RISK_COLUMNS.map((c) => [layout.col(c), widths[c]]));
  register.extraHeaders.forEach((_, i) => (columnWidths[RISK_COLUMNS.length + i] = 16));
  columnWidths[layout.bands.col] = 14;
  for (let k = 1; k <= 5; k++) columnWidths[layout.bands.col + k] = Math.max(columnWidths[layout.bands.col + k] ?? 0, 10);

  return { name: RISK_SHEET, role: 'risks', blocks, columnWidths, freeze: { rows: FIRST_BODY_ROW, cols: 2 }, validations, conditionalFormats };
}

interface BandRefs {
  bandNames: string;
  bandFroms: string;
  numericBands: { name: CellValue; from: number }[];
}

function registerRow(row: RiskRow, sheetRow: number, extraColumns: number, locale: Locale, bands: BandRefs): Cell[] {
  const cell = (c: RiskColumn) => a1(sheetRow, riskColumnIndex(c));
  const p = cell('probability');
  const i = cell('impact');
  const score = riskScore(row.cells.probability ?? null, row.cells.impact ?? null);
  const level = score === null ? null : bandLevel(score, bands.numericBands);
  const values = RISK_COLUMNS.map((c): Cell => {
    switch (c) {
      case 'score':
        return formula(
          `IF(AND(ISNUMBER(${p}),ISNUMBER(${i})),IF(AND(${p}>=1,${p}<=5,${i}>=1,${i}<=5,${p}=INT(${p}),${i}=INT(${i})),${p}*${i},""),"")`,
          score ?? '',
        );
      case 'level':
        return formula(
          `IF(${cell('score')}="","",IFERROR(INDEX(${bands.bandNames},MATCH(${cell('score')},${bands.bandFroms},1)),""))`,
          typeof level === 'string' || typeof level === 'number' ? level : '',
        );
      case 'category':
        return localizeChoice(CATEGORY_VOCABULARY, row.cells.category ?? null, locale);
      case 'strategy':
        return localizeChoice(STRATEGY_VOCABULARY, row.cells.strategy ?? null, locale);
      case 'status':
        return localizeChoice(STATUS_VOCABULARY, row.cells.status ?? null, locale);
      default:
        return row.cells[c] ?? null;
    }
  });
  const extras = Array.from({ length: extraColumns }, (_, k): Cell => row.extras[k] ?? null);
  return [...values, ...extras];
}

/** Heading, impact labels 1–5 across, probability labels 5…1 down (likeliest on top), and the counts. */
function heatMapBlocks(body: readonly Cell[][], layout: RiskSheetLayout, locale: Locale, closedLabels: readonly string[]): Block[] {
  const { row, col } = layout.heatMap;
  const whole = (c: RiskColumn) => `$${columnLetter(layout.col(c))}:$${columnLetter(layout.col(c))}`;
  const counts = new Map<string, number>();
  for (const r of body) {
    const score = r[layout.col('score')];
    const status = r[layout.col('status')];
    if (typeof score !== 'object' || score === null || !('formula' in score) || typeof score.value !== 'number') continue;
    if (typeof status === 'string' && closedLabels.some((l) => l.toLocaleLowerCase('en-US') === status.trim().toLocaleLowerCase('en-US'))) continue;
    const key = `${String(r[layout.col('probability')])}|${String(r[layout.col('impact')])}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const grid: Cell[][] = [[t(locale, 'risk.heatMap.corner'), ...RATINGS]];
  [...RATINGS].reverse().forEach((p, k) => {
    const sheetRow = row + 1 + k;
    grid.push([
      p,
      ...RATINGS.map((i, j) => {
        const criteria = [
          `${whole('probability')},$${columnLetter(col)}${sheetRow + 1}`,
          `${whole('impact')},${columnLetter(col + 1 + j)}$${row + 1}`,
          ...closedLabels.map((l) => `${whole('status')},${textLiteral(`<>${l}`)}`),
        ];
        return formula(`COUNTIFS(${criteria.join(',')})`, counts.get(`${p}|${i}`) ?? 0);
      }),
    ]);
  });
  return [
    { kind: 'cells', row: row - 1, col, cells: [[t(locale, 'risk.heatMap')]], style: 'heading' },
    { kind: 'cells', row, col, cells: grid, formats: [undefined, 'integer', 'integer', 'integer', 'integer', 'integer'] },
  ];
}

function levelStyle(k: number, count: number): TextStyle {
  return LEVEL_STYLES[count <= 1 ? 0 : Math.round((k * (LEVEL_STYLES.length - 1)) / (count - 1))]!;
}

function abs(row: number, col: number): string {
  return a1(row, col, true);
}
