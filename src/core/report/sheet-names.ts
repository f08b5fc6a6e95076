import type { Locale } from '../i18n';
import type { Cell, ChartBlock, ReportModel, SheetModel } from './model';
import { sheetRef } from '../util/cell';

/** The sheets a report run writes once per workbook (one of each, whatever the month). */
export type SingletonSheet = 'data' | 'index' | 'issues';

/**
 * Tab names in the report's language (SPEC §7 "One language per report":
 * `报告 2026-06`, `漏斗数据`, `报告索引`). Per-month tabs are a prefix and
 * the month. The builders name sheets in English (`Report`, `Funnel Data`,
 * …); `localizeSheetNames` renames a whole model at once, formulas and
 * links included, so no builder has to know the language of a tab name.
 */
export interface SheetNames {
  data: string;
  index: string;
  issues: string;
  /** `Report` in `Report 2026-06`. */
  report: string;
  /** `Tiers` in `Tiers 2026-06`. */
  tiers: string;
}

export const SHEET_NAMES: Readonly<Record<Locale, SheetNames>> = {
  'en-US': { data: 'Funnel Data', index: 'Reports', issues: 'Data Issues', report: 'Report', tiers: 'Tiers' },
  'zh-CN': { data: '漏斗数据', index: '报告索引', issues: '数据问题', report: '报告', tiers: '客户分级' },
};

const MONTH_TAB = /^(.+) (\d{4}-\d{2})$/;

/**
 * The names this run uses: the singletons a previous run recorded in the
 * settings (so a workbook keeps one data sheet and one index, and every
 * entry point finds them), else the language's; per-month tabs always in
 * the run's language.
 */
export function sheetNamesFor(locale: Locale, recorded: Partial<Record<SingletonSheet, string>> | undefined): SheetNames {
  return { ...SHEET_NAMES[locale], ...(recorded ?? {}) };
}

/** `Report 2026-06` or `报告 2026-06`: the month of a report tab in either language, else null. */
export function reportTabMonth(name: string): string | null {
  const match = MONTH_TAB.exec(name);
  return match && Object.values(SHEET_NAMES).some((n) => n.report === match[1]) ? match[2]! : null;
}

/**
 * The tab a month's report (or tiers list) already has in the workbook, in
 * either language: a regeneration in the other language rewrites that tab
 * (its Notes, its place and the formulas pointing at it stay), rather than
 * adding a second tab for the month.
 */
export function existingMonthTabs(existing: Iterable<string>, months: readonly string[]): Map<string, string> {
  const keep = new Map<string, string>();
  const english = SHEET_NAMES['en-US'];
  for (const name of existing) {
    const match = MONTH_TAB.exec(name);
    if (!match || !months.includes(match[2]!)) continue;
    if (reportTabMonth(name) !== null) keep.set(`${english.report} ${match[2]}`, name);
    else if (isTiersTab(name)) keep.set(`${english.tiers} ${match[2]}`, name);
  }
  return keep;
}

/** True for a tiers tab name in either language. */
export function isTiersTab(name: string): boolean {
  const match = MONTH_TAB.exec(name);
  return match !== null && Object.values(SHEET_NAMES).some((n) => n.tiers === match[1]);
}

/** Every name a singleton may have had, in either language. */
export function singletonNames(kind: SingletonSheet): string[] {
  return [...new Set(Object.values(SHEET_NAMES).map((n) => n[kind]))];
}

/** English name → this run's name, for one sheet name; `keep` maps an English name to a tab that already exists under another. */
function renamer(to: SheetNames, keep: ReadonlyMap<string, string>): (name: string) => string {
  const from = SHEET_NAMES['en-US'];
  return (name) => {
    const kept = keep.get(name);
    if (kept !== undefined) return kept;
    if (name === from.data) return to.data;
    if (name === from.index) return to.index;
    if (name === from.issues) return to.issues;
    const match = MONTH_TAB.exec(name);
    if (match?.[1] === from.report) return `${to.report} ${match[2]}`;
    if (match?.[1] === from.tiers) return `${to.tiers} ${match[2]}`;
    return name;
  };
}

/**
 * The model with its sheets renamed: each sheet's name, the `'Sheet'!`
 * references in its formulas (the builders write them through `sheetRef`,
 * so the quoted form is the only one there is), and its links. Chart
 * ranges are within their own sheet and follow its name in the adapters.
 */
export function localizeSheetNames(model: ReportModel, to: SheetNames, keep: ReadonlyMap<string, string> = new Map()): ReportModel {
  // English names kept as they are rename nothing: skip the copy of every cell (Funnel Data holds one per deal and column).
  const from = SHEET_NAMES['en-US'];
  const identity = (Object.keys(from) as (keyof SheetNames)[]).every((k) => to[k] === from[k]) && [...keep].every(([a, b]) => a === b);
  if (identity) return { sheets: [...model.sheets], activate: model.activate };
  const rename = renamer(to, keep);
  const names = model.sheets.map((s) => s.name);
  // Every sheet any formula may refer to: those written now, and the singletons.
  const known = new Set([...names, ...Object.values(SHEET_NAMES['en-US']).filter((n) => !/^(Report|Tiers)$/.test(n))]);
  const pairs = [...known].map((n) => [sheetRef(n) + '!', sheetRef(rename(n)) + '!'] as const).filter(([a, b]) => a !== b);
  const inFormula = (text: string) => pairs.reduce((f, [a, b]) => f.split(a).join(b), text);
  const cell = (c: Cell): Cell => {
    if (c === null || typeof c !== 'object') return c;
    if ('formula' in c) return { ...c, formula: inFormula(c.formula) };
    return { ...c, link: { ...c.link, sheet: rename(c.link.sheet) } };
  };
  const sheet = (s: SheetModel): SheetModel => ({
    ...s,
    name: rename(s.name),
    blocks: s.blocks.map((b) => {
      switch (b.kind) {
        case 'cells':
          return { ...b, cells: b.cells.map((row) => row.map(cell)) };
        case 'table':
          return { ...b, rows: b.rows.map((row) => row.map(cell)) };
        case 'chart':
          return b satisfies ChartBlock;
        case 'notes':
          return b;
      }
    }),
    conditionalFormats: s.conditionalFormats?.map((cf) => (cf.type === 'expression' ? { ...cf, formula: inFormula(cf.formula) } : cf)),
  });
  return { sheets: model.sheets.map(sheet), activate: model.activate === undefined ? undefined : rename(model.activate) };
}
