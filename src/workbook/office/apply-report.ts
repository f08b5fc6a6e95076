import { type Locale, t } from '../../core/i18n';
import type { ChartBlock, ReportModel } from '../../core/report/model';
import { a1 } from '../../core/util/cell';
import { WorkbookError } from '../port';
import { planSheets, type SheetPlan } from './apply-plan';
import { cleanUp } from './apply-recovery';
import type { ExcelRun } from './excel-run';
import { inPlaceTable, keepRestorableCopy, rectOf, rewriteTableSheet, union } from './in-place';
import { carryNotes } from './notes-carry';
import { isOfficeError, type RetryOptions } from './office-errors';
import { addChart, addTable, chartTypeFor, renderSheet, type DeferredFormula, type RenderedSheet } from './render-sheet';
import { SMALL_OP_BYTES, WriteBatch } from './write-batch';

export interface ApplyOptions {
  funnelCharts: boolean;
  /** Unique per run; part of the temporary sheet and table names. */
  token: string;
  /**
   * Rewrite the data sheet's table in place (see in-place.ts) rather than
   * copy the sheet whole and render it again like the other kept sheets:
   * needs `Table.resize` (ExcelApi 1.13) and `Range.copyFrom` (1.9), and
   * keeps references into it even when a run fails.
   */
  inPlaceData: boolean;
  /** Bytes our payloads may fill of one request; smaller on a retry after Excel refused a request as too large. */
  budget?: number;
  /** The language of the messages the user can act on (protection, clean-up left to do). */
  locale?: Locale;
  /** How the clean-up runs retry while the user edits a cell (tests pass a delay that does not sleep). */
  retry?: RetryOptions;
}

/**
 * Applies a report model all or nothing.
 *
 * A sheet that exists keeps its identity: Excel turns a reference to a
 * deleted sheet into `#REF!` (and makes references follow a renamed one),
 * so swapping `Report 2026-01`, `Sales Plan` or `Risk Register` for a new
 * tab would break every formula of the user's that points into it. So the
 * sheet is kept and its contents replaced: first a full hidden copy of it
 * (`Worksheet.copy`, ExcelApi 1.7) whose rename to the backup name marks
 * it complete, then the sheet is emptied (tables, charts, conditional
 * formats, validation, panes, cells) and the model rendered onto it. A new
 * sheet is built on a hidden temporary tab and renamed at commit.
 *
 * The commit request gives the new tabs their final names, sets each
 * sheet's visibility, writes the native formulas (only now do all the
 * sheets they refer to have their final names) and then makes the tables
 * over them (render-sheet.ts, DeferredTable: calculated columns). Charts
 * follow in a step of their own; a last request deletes the backups. A
 * failure before the commit has applied rolls back (each kept sheet's copy
 * takes its place, name, tables, visibility and position back; the
 * temporary tabs go); a failure after it rolls forward (the backups are
 * deleted). Both happen in a second `Excel.run`, retried in cell-edit mode;
 * what that clean-up could not do is reported, never swallowed.
 *
 * What a rollback does not keep: references into a kept sheet from other
 * sheets point at `#REF!` after a *failed* run, because the copy that takes
 * its place is another sheet (a successful run keeps them, the point of
 * keeping the sheet). The data sheet, which every report tab refers to, is
 * rewritten in place with a restorable copy of its cells instead
 * (in-place.ts), so even a failed run keeps those.
 *
 * Syncs: 1 (sheet list) + 1 (old tables and charts, when a sheet exists)
 * + 1 (the data sheet's table, when it is rewritten in place) + the write
 * requests (one per 4 MB block; the commit shares the last) + 1 (charts,
 * when there are any) + 1 (delete).
 *
 * The phases, in order: planSheets (apply-plan.ts), findSheets,
 * readOldSheets, probeTablesInPlace, stageSheets, commitSheets, drawCharts,
 * dropCopies; on a failure afterFailure, with the recovery in
 * apply-recovery.ts.
 */
export async function applyReportOffice(run: ExcelRun, model: ReportModel, options: ApplyOptions): Promise<void> {
  const plans = planSheets(model, options.token);
  const state: RunState = { before: new Set<string>(), writing: false, committed: false, charts: [], chartsDrawn: false };
  try {
    await run(async (context) => {
      const found = await findSheets(context, plans, state.before, options.locale);
      const old = await readOldSheets(context, plans, found.old, options);
      const tablesInPlace = await probeTablesInPlace(context, plans, old, options.token);

      // From here on the workbook may change: a failure needs recovery.
      state.writing = true;
      const batch = new WriteBatch(context, options.budget);
      const { copies, built } = await stageSheets(batch, found, plans, old, tablesInPlace, options.inPlaceData);
      await commitSheets(context, batch, model, plans, built, found);
      state.committed = true;
      state.charts = built.map((b, i) => ({ sheet: plans[i]!.model.name, charts: b.rendered.charts }));

      // The charts, in a step of their own: a chart the host refuses costs the chart, never the report.
      await drawCharts(context, state.charts, options.funnelCharts);
      state.chartsDrawn = true;

      await dropCopies(context, copies);
    });
  } catch (e) {
    await afterFailure(run, e, plans, state, options);
  }
}

/** How far a run got, for what a failure needs done. */
interface RunState {
  /** The sheets before the run (lower case): a clean-up never deletes one of these. */
  before: Set<string>;
  /** The workbook may have changed. */
  writing: boolean;
  /** The commit request has applied. */
  committed: boolean;
  charts: ChartJob[];
  chartsDrawn: boolean;
}

/** What the first request finds: the sheets, the active one, and each plan's existing sheet. */
interface FoundSheets {
  worksheets: Excel.WorksheetCollection;
  active: Excel.Worksheet;
  byName: Map<string, Excel.Worksheet>;
  /** Per plan, the sheet of its name, when there is one. */
  old: (Excel.Worksheet | undefined)[];
}

/** 1 sync: the sheet list, the active sheet and the workbook's protection. Fills `before` and each plan's `existed`, visibility and place. */
async function findSheets(context: Excel.RequestContext, plans: SheetPlan[], before: Set<string>, locale: Locale | undefined): Promise<FoundSheets> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/position,items/visibility');
  const active = worksheets.getActiveWorksheet();
  active.load('name');
  const structure = context.workbook.protection.load('protected');
  await context.sync();
  // Every run adds and renames tabs: a protected structure refuses that (AccessDenied), so say so before anything changes.
  if (structure.protected) throw new WorkbookError('protected', t(locale ?? 'en-US', 'error.office.workbookProtected'));
  const byName = new Map(worksheets.items.map((s) => [s.name.toLowerCase(), s]));
  for (const name of byName.keys()) before.add(name);
  const old = plans.map((p) => byName.get(p.model.name.toLowerCase()));
  plans.forEach((p, i) => {
    p.existed = old[i] !== undefined;
    if (old[i]) Object.assign(p, { visibility: old[i].visibility, position: old[i].position });
  });
  return { worksheets, active, byName, old };
}

/** The existing sheets' contents, per plan. */
interface OldSheets {
  tableLists: (Excel.TableCollection | undefined)[];
  charts: (Excel.ChartCollection | undefined)[];
  /** The sheet, when its table may be rewritten in place (inPlaceData and a model with one table). */
  candidates: (Excel.Worksheet | undefined)[];
  usedRanges: (Excel.Range | undefined)[];
}

/** 1 sync when a sheet exists: the existing sheets' tables, charts and protection (and the data sheet's used range). Fills each plan's `oldTables`. */
async function readOldSheets(
  context: Excel.RequestContext,
  plans: SheetPlan[],
  old: (Excel.Worksheet | undefined)[],
  options: ApplyOptions,
): Promise<OldSheets> {
  const tableLists = old.map((sheet) => sheet?.tables.load('items/name'));
  const charts = old.map((sheet) => sheet?.charts.load('items/name'));
  const candidates = plans.map((p, i) => (options.inPlaceData && old[i] && inPlaceTable(p.model) ? old[i] : undefined));
  const usedRanges = candidates.map((sheet) => sheet?.getUsedRangeOrNullObject().load('address'));
  const protections = old.map((sheet) => sheet?.protection.load('protected'));
  if (old.some((sheet) => sheet !== undefined)) await context.sync();
  // A protected sheet cannot be parked, renamed or rewritten: say which, before anything changes.
  const locked = old.find((sheet, i) => sheet && protections[i]!.protected);
  if (locked) throw new WorkbookError('protected', t(options.locale ?? 'en-US', 'error.office.sheetProtected', { sheet: locked.name }));
  plans.forEach((p, i) => (p.oldTables = (tableLists[i]?.items ?? []).map((table) => table.name)));
  return { tableLists, charts, candidates, usedRanges };
}

/**
 * 1 sync when there is a candidate: the data sheet's table, when
 * the sheet has exactly the model's table: its extent, style and body
 * formats. Sets `inPlace` on the plans whose table is rewritten in place
 * and returns those tables, per plan.
 */
async function probeTablesInPlace(context: Excel.RequestContext, plans: SheetPlan[], old: OldSheets, token: string): Promise<(Excel.Table | undefined)[]> {
  const probes = plans.map((p, i) => {
    const block = old.candidates[i] && inPlaceTable(p.model);
    const tables = old.tableLists[i]?.items ?? [];
    if (!block || tables.length !== 1 || tables[0]!.name.toLowerCase() !== block.name.toLowerCase()) return undefined;
    const table = tables[0]!;
    table.load('style');
    return { block, table, range: table.getRange().load('address'), firstRow: table.getDataBodyRange().getRow(0).load('numberFormat') };
  });
  if (probes.some((probe) => probe !== undefined)) await context.sync();
  return probes.map((probe, i) => {
    if (!probe) return undefined;
    const rect = rectOf(probe.range.address);
    // Table.resize keeps the header row: the model's table must start where the old one does.
    if (rect.r0 !== probe.block.row || rect.c0 !== probe.block.col) return undefined;
    const used = old.usedRanges[i]!.isNullObject ? rect : union(rectOf(old.usedRanges[i]!.address), rect);
    plans[i]!.inPlace = {
      block: probe.block,
      before: {
        used,
        table: { name: probe.table.name, rect, style: probe.table.style, bodyFormats: (probe.firstRow.numberFormat as string[][])[0]!.map(String) },
      },
      copying: `~FR${token}c${i}`,
    };
    return probe.table;
  });
}

/** A sheet of the model as built: the sheet (a new tab under its temporary name, or the kept one) and what goes in at the commit. */
interface BuiltSheet {
  sheet: Excel.Worksheet;
  rendered: RenderedSheet;
}

/**
 * the write requests (WriteBatch syncs per 4 MB block): the copies
 * of the existing sheets first, then each sheet rendered, onto a hidden
 * temporary tab when it is new. Returns the copies (by plan) and the built
 * sheets (in the plans' order).
 */
async function stageSheets(
  batch: WriteBatch,
  found: FoundSheets,
  plans: SheetPlan[],
  old: OldSheets,
  tablesInPlace: (Excel.Table | undefined)[],
  inPlaceData: boolean,
): Promise<{ copies: Map<number, Excel.Worksheet>; built: BuiltSheet[] }> {
  // The copies first: nothing of an existing sheet changes before its copy is complete.
  const copies = new Map<number, Excel.Worksheet>();
  for (const [i, plan] of plans.entries()) {
    if (plan.inPlace)
      copies.set(
        i,
        await keepRestorableCopy(batch, found.worksheets, found.old[i]!, plan.inPlace.before, { copying: plan.inPlace.copying, backup: plan.backup }),
      );
    else if (plan.existed) copies.set(i, await keepFullCopy(batch, found.old[i]!, plan.backup, old.tableLists[i]!.items, old.charts[i]!.items));
  }
  const built: BuiltSheet[] = [];
  for (const [i, plan] of plans.entries()) {
    batch.currencyFormat = plan.model.currencyFormat;
    if (plan.inPlace) {
      const rendered: RenderedSheet = { formulas: [], tables: [], charts: [] };
      await rewriteTableSheet(batch, found.old[i]!, tablesInPlace[i]!, plan.inPlace.block, plan.inPlace.before, rendered);
      built.push({ sheet: found.old[i]!, rendered });
      continue;
    }
    let sheet = found.old[i];
    if (!sheet) {
      await batch.reserve(SMALL_OP_BYTES * 2);
      sheet = found.worksheets.add(plan.temp);
      // Hidden while it is built: a run cut short (Excel closed, a crash) leaves no half-made tab in view.
      sheet.visibility = 'Hidden';
    }
    const rendered = await renderSheet(batch, sheet, plan.model);
    // The Notes come from the full copy of the sheet as it was (ExcelApi 1.13, inPlaceData, implies Range.copyFrom, 1.9).
    await carryNotes(batch, sheet, copies.get(i), plan.model, rendered, inPlaceData);
    built.push({ sheet, rendered });
  }
  return { copies, built };
}

/**
 * the commit, sharing the request of the last block (1 sync): each
 * sheet's visibility, the sheet to show, the new tabs' final names, the
 * native formulas and then the tables over them.
 */
async function commitSheets(
  context: Excel.RequestContext,
  batch: WriteBatch,
  model: ReportModel,
  plans: SheetPlan[],
  built: BuiltSheet[],
  found: FoundSheets,
): Promise<void> {
  for (const [i, plan] of plans.entries()) {
    if (plan.inPlace) continue;
    await batch.reserve(SMALL_OP_BYTES);
    built[i]!.sheet.visibility = plan.model.hidden ? 'Hidden' : 'Visible';
  }
  const { active, byName } = found;
  const show = model.activate ?? (plans.some((p) => p.model.name === active.name && !p.model.hidden) ? active.name : undefined);
  const shown = plans.findIndex((p) => p.model.name === show);
  if (shown >= 0 && !plans[shown]!.model.hidden) built[shown]!.sheet.activate();
  else if (show !== undefined && byName.has(show.toLowerCase())) byName.get(show.toLowerCase())!.activate();
  for (const [i, plan] of plans.entries()) {
    if (plan.existed) continue;
    await batch.reserve(SMALL_OP_BYTES);
    built[i]!.sheet.name = plan.model.name;
  }
  for (const { sheet, rendered } of built) await writeFormulas(batch, sheet, rendered.formulas);
  // Tables last, over cells that hold their formulas (DeferredTable), under their final names: the old ones are gone by now.
  for (const { sheet, rendered } of built) for (const table of rendered.tables) await addTable(batch, sheet, table);
  await context.sync();
}

/** the last request (1 sync): the copies of the sheets as they were go, and the formulas are calculated. */
async function dropCopies(context: Excel.RequestContext, copies: Map<number, Excel.Worksheet>): Promise<void> {
  context.application.suspendScreenUpdatingUntilNextSync();
  // The copies of the sheets as they were.
  for (const copy of copies.values()) copy.delete();
  // Calculation was suspended while the formulas went in; calculating them is ours to do.
  context.application.calculate('Recalculate');
  await context.sync();
}

/**
 * After a failure: rethrown as it was when nothing was written; otherwise
 * the recovery (apply-recovery.ts) runs, and the error says what it could
 * not do. Rolled forward (the commit had applied), the run counts as done,
 * its charts drawn now if the failure came before them.
 */
async function afterFailure(run: ExcelRun, e: unknown, plans: SheetPlan[], state: RunState, options: ApplyOptions): Promise<void> {
  if (!state.writing) throw e;
  const { left, failures } = await cleanUp(run, plans, state.committed, state.before, options.retry);
  // What the clean-up could not do stays in the error's cause, beside the write's own failure.
  const cause = failures.length > 0 ? new AggregateError([e, ...failures], 'The write failed, and so did part of its clean-up') : e;
  if (left.length > 0)
    throw new WorkbookError(
      'writeFailed',
      t(options.locale ?? 'en-US', 'error.office.leftovers', { sheets: left.map((n) => `"${n}"`).join(', ') }),
      undefined,
      { cause },
    );
  if (failures.length > 0) throw new WorkbookError('writeFailed', t(options.locale ?? 'en-US', 'error.office.recoveryFailed'), undefined, { cause });
  if (state.committed) {
    // Rolled forward: the report is in; its charts still to draw if the failure came before them.
    if (!state.chartsDrawn) await run((context) => drawCharts(context, state.charts, options.funnelCharts)).catch(() => undefined);
    return;
  }
  // Raw, so the caller can retry by code before mapping it.
  throw e;
}

/**
 * Queues, first thing for an existing sheet, its full copy and then its
 * emptying. The copy's rename to `backup` marks it complete: a rollback
 * restores from `backup` only, and Excel stops a request at the first
 * operation that fails, so the sheet is emptied only once its copy exists.
 */
async function keepFullCopy(
  batch: WriteBatch,
  sheet: Excel.Worksheet,
  backup: string,
  tables: readonly Excel.Table[],
  charts: readonly Excel.Chart[],
): Promise<Excel.Worksheet> {
  await batch.reserve(SMALL_OP_BYTES * (8 + tables.length + charts.length));
  const copy = sheet.copy('End');
  copy.visibility = 'Hidden';
  copy.name = backup;
  for (const table of tables) table.delete();
  for (const chart of charts) chart.delete();
  const all = sheet.getRange();
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  sheet.freezePanes.unfreeze();
  all.clear('All');
  return copy;
}

/** The charts of one sheet, by the sheet's final name. */
interface ChartJob {
  sheet: string;
  charts: ChartBlock[];
}

/**
 * The charts, in a step of their own once the report is in: a chart the
 * host refuses must not cost the tables. Funnel charts are `chartex` charts,
 * and some hosts refuse title and series calls on those with
 * `UnsupportedOperation` (OfficeDev/office-js-docs#910: "Chart.series"
 * returns "UnsupportedOperation: This operation is not implemented" for
 * Waterfall, Sunburst and the like). So: every chart as asked in one
 * request; on an Office error, what was made of them goes and they are
 * drawn again with funnels as bar charts; if that fails too, the report
 * stays without charts. 1 sync, or 3–5 when the host refuses.
 */
async function drawCharts(context: Excel.RequestContext, jobs: readonly ChartJob[], funnelCharts = true): Promise<void> {
  if (jobs.every((j) => j.charts.length === 0)) return;
  for (const fallback of [false, true]) {
    try {
      context.application.suspendApiCalculationUntilNextSync();
      context.application.suspendScreenUpdatingUntilNextSync();
      for (const job of jobs) {
        const sheet = context.workbook.worksheets.getItem(job.sheet);
        for (const chart of job.charts) addChart(sheet, chart, chartTypeFor(chart, funnelCharts && !fallback));
      }
      // Two tries at most (as asked, then funnels as bars), one sync each: a retry, not a sync per item.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      return;
    } catch (e) {
      if (!isOfficeError(e)) throw e;
      await removeCharts(context, jobs).catch(() => undefined);
    }
  }
}

/**
 * Deletes what a failed chart request left on the sheets it drew on. Every
 * chart there is this run's (new tabs, or kept sheets emptied of their old
 * charts), including one whose name was never set.
 */
async function removeCharts(context: Excel.RequestContext, jobs: readonly ChartJob[]): Promise<void> {
  const lists = jobs.filter((job) => job.charts.length > 0).map((job) => context.workbook.worksheets.getItem(job.sheet).charts.load('items/name'));
  await context.sync();
  context.application.suspendScreenUpdatingUntilNextSync();
  context.application.suspendApiCalculationUntilNextSync();
  for (const list of lists) for (const chart of list.items) chart.delete();
  await context.sync();
}

/** Native formulas, one write per run of adjacent cells in a row. */
async function writeFormulas(batch: WriteBatch, sheet: Excel.Worksheet, formulas: readonly DeferredFormula[]): Promise<void> {
  const sorted = [...formulas].sort((a, b) => a.row - b.row || a.col - b.col);
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.row === sorted[i]!.row && sorted[j]!.col === sorted[j - 1]!.col + 1) j++;
    const run = sorted.slice(i, j).map((f) => `=${f.formula}`);
    await batch.reserve(SMALL_OP_BYTES + run.reduce((n, f) => n + f.length * 3 + 3, 0));
    sheet.getRange(`${a1(sorted[i]!.row, sorted[i]!.col)}:${a1(sorted[i]!.row, sorted[j - 1]!.col)}`).formulas = [run];
    i = j;
  }
}
