import { type Locale, t, translator } from '../core/i18n';
import { fitExcelLimits } from '../core/report/excel-limits';
import { lastCompleteMonth } from '../core/metrics/data-months';
import { defaultSalesPlan } from '../core/planning/default-plan';
import { applyPlanEdits, type SalesPlanEdits } from '../core/planning/plan-edits';
import { PLAN_SECTION_DEFS, PLAN_SECTIONS } from '../core/planning/plan-sections';
import type { Deal } from '../core/pipeline/deal';
import { readSalesPlan } from '../core/planning/read-plan';
import type { SalesPlan } from '../core/planning/sales-plan';
import { dealForecastAsOf } from '../core/dynamics/pipeline-dynamics';
import { unknownLostRowsOf } from '../core/forecast/monthly-forecast';
import { buildDataSheet } from '../core/report/data-sheet';
import { convertForRun } from './currency';
import type { SheetModel } from '../core/report/model';
import { buildSalesPlanSheet, PLAN_SHEET, type PlanData } from '../core/report/plan-sheet';
import type { MonthlyTarget, WorkbookSettings } from '../core/settings';
import { readTargets } from '../core/targets';
import { type MonthIndex, monthIndexOfSerial, parseMonthKey, serialFromDate } from '../core/util/dates';
import type { WorkbookPort } from '../workbook/port';
import { loadPipeline } from './load-pipeline';
import { ownershipRefusal, settingsWithOwnership } from './sheet-ownership';
import { failureOf, type UseCaseError } from './use-case-error';

export interface SalesPlanOptions {
  locale?: Locale;
  /** Pipeline sheet; found automatically when absent (a plan needs none). */
  sheet?: string;
  /** `YYYY-MM`: last month of the channel analysis and tiers; default the last complete month of the data. */
  month?: string;
  /** `YYYY-MM`: first month of a new Targets table; default the month after the data, else this month. */
  firstMonth?: string;
  /** Today as an Excel serial (tests); default the clock. */
  today?: number;
  source?: string;
  /** The task pane wizard's changes, applied to the plan as the sheet holds it at save time. */
  edits?: SalesPlanEdits;
}

export type SalesPlanResult =
  { ok: true; sheet: string; goals: number; channels: number; targets: MonthlyTarget[]; pipelineSheet: string | null } | { ok: false; error: UseCaseError };

export type SalesPlanStateResult =
  | {
      ok: true;
      /** The plan the next save starts from: each section as the sheet holds it, else the template's default. */
      plan: SalesPlan;
      /** False when the workbook has no `Sales Plan` sheet yet. */
      exists: boolean;
      pipelineSheet: string | null;
    }
  | { ok: false; error: UseCaseError };

/**
 * The Sales Plan as a save would start from it, for the task pane's wizard:
 * the sections found on the `Sales Plan` sheet (edits and rows added by hand
 * included), the template's default for the others. Nothing is written.
 */
export async function readSalesPlanState(port: WorkbookPort, options: Omit<SalesPlanOptions, 'edits'> = {}): Promise<SalesPlanStateResult> {
  try {
    const current = await currentPlan(port, options);
    if (!current.ok) return current;
    return { ok: true, plan: current.plan, exists: current.exists, pipelineSheet: current.load.ok ? current.load.loaded.sheet : null };
  } catch (e) {
    return failureOf(e, options.locale ?? 'en-US');
  }
}

/**
 * Creates the `Sales Plan` sheet, or rebuilds it keeping everything the user
 * typed (SPEC §5): each section found on the existing sheet — edited cells,
 * rows and columns added by hand, the notes — replaces the template's
 * default; channel analysis and tiers are refilled from the pipeline when
 * the workbook has one (its `Funnel Data` sheet is rewritten so revenue
 * formulas have something to read). The `Targets` table's readable rows are
 * saved in the workbook settings, where attainment reads them. The task
 * pane wizard's `edits` change only the cells it changed, in the plan as
 * read at save time (`applyPlanEdits`); when a changed cell was also changed
 * in the sheet meanwhile, nothing is written and the error says to reload.
 * Shared by the task pane, the CLI and the browser mode.
 */
export async function createOrUpdateSalesPlan(port: WorkbookPort, options: SalesPlanOptions = {}): Promise<SalesPlanResult> {
  const locale = options.locale ?? 'en-US';
  try {
    const current = await currentPlan(port, options);
    if (!current.ok) return current;
    const { settings, load, deals, data } = current;
    let plan = current.plan;
    if (options.edits) {
      const applied = applyPlanEdits(plan, options.edits);
      if (!applied.ok) {
        const section = t(locale, PLAN_SECTION_DEFS[applied.section].heading);
        return { ok: false, error: { code: 'sheetChanged', message: t(locale, 'error.planChanged', { sheet: PLAN_SHEET, section }) } };
      }
      plan = applied.plan;
    }

    const sheets: SheetModel[] = [buildSalesPlanSheet(plan, locale, data)];
    // The per-deal forecast columns as a report of the plan's month writes them, so the report's formulas over them stay right.
    if (data && load.ok)
      sheets.push(
        buildDataSheet(
          deals,
          translator(locale),
          dealForecastAsOf(load.loaded.pipeline, load.loaded.stages, data.month, unknownLostRowsOf(load.loaded.pipeline.issues)),
        ),
      );
    const refusal = await ownershipRefusal(port, settings, sheets, { pipelineSheet: load.ok ? load.loaded.sheet : null, locale });
    if (refusal) return { ok: false, error: refusal };
    // Excel's limits (SPEC §6): cells typed or imported over them are cut before either adapter writes.
    await port.applyReport(fitExcelLimits({ sheets, activate: PLAN_SHEET }).model);

    const { targets } = readTargets([
      ['month', 'target', 'owner'],
      ...plan.sections.targets.rows.map((r) => [r.cells.month ?? null, r.cells.target ?? null, r.cells.owner ?? null]),
    ]);
    const withTargets = JSON.stringify(targets) !== JSON.stringify(settings.targets ?? []) ? { ...settings, targets } : settings;
    const saved = await settingsWithOwnership(port, withTargets, sheets);
    if (JSON.stringify(saved) !== JSON.stringify(settings)) await port.writeSettings(saved);
    const channels = sheets[0]!.blocks.find((b) => b.kind === 'table' && b.name === 'PlanChannels');
    return {
      ok: true,
      sheet: PLAN_SHEET,
      goals: plan.sections.goals.rows.length,
      channels: channels?.kind === 'table' ? channels.rows.length : 0,
      targets,
      pipelineSheet: load.ok ? load.loaded.sheet : null,
    };
  } catch (e) {
    return failureOf(e, locale);
  }
}

type CurrentPlan =
  | {
      ok: true;
      settings: WorkbookSettings;
      load: Awaited<ReturnType<typeof loadPipeline>>;
      deals: readonly Deal[];
      data: PlanData | null;
      plan: SalesPlan;
      exists: boolean;
    }
  | { ok: false; error: UseCaseError };

/** The plan as the workbook holds it now: each section read from the sheet, else the template's default; and the data it is measured on. */
async function currentPlan(port: WorkbookPort, options: SalesPlanOptions): Promise<CurrentPlan> {
  const locale = options.locale ?? 'en-US';
  for (const text of [options.month, options.firstMonth]) {
    if (text !== undefined && parseMonthKey(text) === null)
      return { ok: false, error: { code: 'badMonth', message: translator(locale)('error.badMonth', { month: text }) } };
  }
  const settings = await port.readSettings();
  const loaded = await loadPipeline(port, { sheet: options.sheet, locale, source: options.source ?? t(locale, 'source.workbook') });
  // The plan can come before any data; only a pipeline sheet asked for by name must load.
  if (!loaded.ok && options.sheet !== undefined) return loaded;
  const asRead = loaded.ok ? loaded.loaded.pipeline.deals : [];
  const dataMonth = options.month !== undefined ? parseMonthKey(options.month) : lastCompleteMonth(asRead, options.today ?? serialFromDate(new Date()));
  // Amounts in the reporting currency (SPEC §9), as the report of that month converts them, so the data sheet written here agrees with the report's formulas.
  const load: typeof loaded =
    loaded.ok && dataMonth !== null ? { ok: true, loaded: (await convertForRun(port, loaded.loaded, { month: dataMonth, locale })).loaded } : loaded;
  const deals = load.ok ? load.loaded.pipeline.deals : [];
  const data: PlanData | null = load.ok && dataMonth !== null ? { deals, month: dataMonth } : null;

  const exists = (await port.listSheets()).some((s) => s.name === PLAN_SHEET);
  const read = exists ? readSalesPlan(await port.readSheet(PLAN_SHEET)) : null;
  const firstMonth = options.firstMonth !== undefined ? parseMonthKey(options.firstMonth)! : dataMonth !== null ? dataMonth + 1 : thisMonth(options.today);
  const base = defaultSalesPlan(locale, settings.targets ?? [], firstMonth);
  const plan: SalesPlan = {
    sections: Object.fromEntries(PLAN_SECTIONS.map((k) => [k, read?.sections[k] ?? base.sections[k]])) as SalesPlan['sections'],
    notes: read?.notes ?? [],
  };
  return { ok: true, settings, load, deals, data, plan, exists };
}

function thisMonth(today: number | undefined): MonthIndex {
  return monthIndexOfSerial(today ?? serialFromDate(new Date()));
}
