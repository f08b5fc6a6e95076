import { type Locale, t } from '../../core/i18n';
import type { ChartBlock, ReportModel, SheetModel, TableBlock } from '../../core/report/model';
import { sheetWithRowsMaterialized } from '../../core/report/table-rows';
import { a1 } from '../../core/util/cell';
import { WorkbookError } from '../port';
import type { ExcelRun } from './excel-run';
import { inPlaceTable, keepRestorableCopy, rectOf, restoreTableSheet, rewriteTableSheet, type TableSheetBefore, union } from './in-place';
import { carryNotes } from './notes-carry';
import { isOfficeError, type RetryOptions, retryInCellEditMode } from './office-errors';
import { addChart, addTable, chartTypeFor, renderSheet, type DeferredFormula, type RenderedSheet } from './render-sheet';
import { SMALL_OP_BYTES, WriteBatch } from './write-batch';

/** One sheet of the model on its way in: where it is built, where the old contents wait, and what is renamed. */
interface SheetPlan {
  model: SheetModel;
  /** A new tab is built under this name. */
  temp: string;
  /** An existing sheet's full copy (or the data sheet's restorable copy) has this name once complete, until the commit has succeeded. */
  backup: string;
  existed: boolean;
  /** The existing sheet as it was: its tables' names (in order), visibility and place. */
  oldTables: string[];
  visibility: Excel.SheetVisibility | 'Visible' | 'Hidden' | 'VeryHidden';
  position: number;
  /** Set when the sheet is rewritten in place (the data sheet): its table, its state before, and the restorable copy's name while the copy is under way. */
  inPlace?: { block: TableBlock; before: TableSheetBefore; copying: string };
}

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
 */
export async function applyReportOffice(run: ExcelRun, model: ReportModel, options: ApplyOptions): Promise<void> {
  const plans: SheetPlan[] = model.sheets.map((sheet, i) => ({
    // Office.js takes cells: the data sheet's rows are made from its deals here (and written in request-sized blocks).
    model: sheetWithRowsMaterialized(sheet),
    temp: `~FR${options.token}t${i}`,
    backup: `~FR${options.token}b${i}`,
    existed: false,
    oldTables: [],
    visibility: 'Visible',
    position: -1,
  }));
  let writing = false;
  let committed = false;
  let charts: ChartJob[] = [];
  let chartsDrawn = false;
  /** The sheets before the run (lower case): a clean-up never deletes one of these. */
  const before = new Set<string>();
  try {
    await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/position,items/visibility');
      const active = worksheets.getActiveWorksheet();
      active.load('name');
      const structure = context.workbook.protection.load('protected');
      await context.sync();
      // Every run adds and renames tabs: a protected structure refuses that (AccessDenied), so say so before anything changes.
      if (structure.protected) throw new WorkbookError('protected', t(options.locale ?? 'en-US', 'error.office.workbookProtected'));
      const byName = new Map(worksheets.items.map((s) => [s.name.toLowerCase(), s]));
      for (const name of byName.keys()) before.add(name);
      const old = plans.map((p) => byName.get(p.model.name.toLowerCase()));
      plans.forEach((p, i) => {
        p.existed = old[i] !== undefined;
        if (old[i]) Object.assign(p, { visibility: old[i]!.visibility, position: old[i]!.position });
      });

      const oldTableLists = old.map((sheet) => sheet?.tables.load('items/name'));
      const oldCharts = old.map((sheet) => sheet?.charts.load('items/name'));
      const candidates = plans.map((p, i) => (options.inPlaceData && old[i] && inPlaceTable(p.model) ? old[i] : undefined));
      const usedRanges = candidates.map((sheet) => sheet?.getUsedRangeOrNullObject().load('address'));
      const protections = old.map((sheet) => sheet?.protection.load('protected'));
      if (old.some((sheet) => sheet !== undefined)) await context.sync();
      // A protected sheet cannot be parked, renamed or rewritten: say which, before anything changes.
      const locked = old.find((sheet, i) => sheet && protections[i]!.protected);
      if (locked) throw new WorkbookError('protected', t(options.locale ?? 'en-US', 'error.office.sheetProtected', { sheet: locked.name }));
      plans.forEach((p, i) => (p.oldTables = (oldTableLists[i]?.items ?? []).map((table) => table.name)));

      // The data sheet's table, when the sheet has exactly the model's table: its extent, style and body formats.
      const probes = plans.map((p, i) => {
        const block = candidates[i] && inPlaceTable(p.model);
        const tables = oldTableLists[i]?.items ?? [];
        if (!block || tables.length !== 1 || tables[0]!.name.toLowerCase() !== block.name.toLowerCase()) return undefined;
        const table = tables[0]!;
        table.load('style');
        return { block, table, range: table.getRange().load('address'), firstRow: table.getDataBodyRange().getRow(0).load('numberFormat') };
      });
      if (probes.some((probe) => probe !== undefined)) await context.sync();
      const tablesInPlace = probes.map((probe, i) => {
        if (!probe) return undefined;
        const rect = rectOf(probe.range.address);
        // Table.resize keeps the header row: the model's table must start where the old one does.
        if (rect.r0 !== probe.block.row || rect.c0 !== probe.block.col) return undefined;
        const used = usedRanges[i]!.isNullObject ? rect : union(rectOf(usedRanges[i]!.address), rect);
        plans[i]!.inPlace = {
          block: probe.block,
          before: { used, table: { name: probe.table.name, rect, style: probe.table.style, bodyFormats: (probe.firstRow.numberFormat as string[][])[0]!.map(String) } },
          copying: `~FR${options.token}c${i}`,
        };
        return probe.table;
      });

      // From here on the workbook may change: a failure needs recovery.
      writing = true;
      const batch = new WriteBatch(context, options.budget);
      // The copies first: nothing of an existing sheet changes before its copy is complete.
      const copies = new Map<number, Excel.Worksheet>();
      for (const [i, plan] of plans.entries()) {
        if (plan.inPlace) copies.set(i, await keepRestorableCopy(batch, worksheets, old[i]!, plan.inPlace.before, { copying: plan.inPlace.copying, backup: plan.backup }));
        else if (plan.existed) copies.set(i, await keepFullCopy(batch, old[i]!, plan.backup, oldTableLists[i]!.items, oldCharts[i]!.items));
      }
      const built: { sheet: Excel.Worksheet; rendered: RenderedSheet }[] = [];
      for (const [i, plan] of plans.entries()) {
        batch.currencyFormat = plan.model.currencyFormat;
        if (plan.inPlace) {
          const rendered: RenderedSheet = { formulas: [], tables: [], charts: [] };
          await rewriteTableSheet(batch, old[i]!, tablesInPlace[i]!, plan.inPlace.block, plan.inPlace.before, rendered);
          built.push({ sheet: old[i]!, rendered });
          continue;
        }
        let sheet = old[i];
        if (!sheet) {
          await batch.reserve(SMALL_OP_BYTES * 2);
          sheet = worksheets.add(plan.temp);
          // Hidden while it is built: a run cut short (Excel closed, a crash) leaves no half-made tab in view.
          sheet.visibility = 'Hidden';
        }
        const rendered = await renderSheet(batch, sheet, plan.model);
        // The Notes come from the full copy of the sheet as it was (ExcelApi 1.13, inPlaceData, implies Range.copyFrom, 1.9).
        await carryNotes(batch, sheet, copies.get(i), plan.model, rendered, options.inPlaceData);
        built.push({ sheet, rendered });
      }

      // Commit: shares the request of the last block.
      for (const [i, plan] of plans.entries()) {
        if (plan.inPlace) continue;
        await batch.reserve(SMALL_OP_BYTES);
        built[i]!.sheet.visibility = plan.model.hidden ? 'Hidden' : 'Visible';
      }
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
      committed = true;
      charts = built.map((b, i) => ({ sheet: plans[i]!.model.name, charts: b.rendered.charts }));

      // The charts, in a step of their own: a chart the host refuses costs the chart, never the report.
      await drawCharts(context, charts, options.funnelCharts);
      chartsDrawn = true;

      context.application.suspendScreenUpdatingUntilNextSync();
      // The copies of the sheets as they were.
      for (const copy of copies.values()) copy.delete();
      // Calculation was suspended while the formulas went in; calculating them is ours to do.
      context.application.calculate('Recalculate');
      await context.sync();
    });
  } catch (e) {
    if (!writing) throw e;
    const { left, failures } = await cleanUp(run, plans, committed, before, options.retry);
    // What the clean-up could not do stays in the error's cause, beside the write's own failure.
    const cause = failures.length > 0 ? new AggregateError([e, ...failures], 'The write failed, and so did part of its clean-up') : e;
    if (left.length > 0) throw new WorkbookError('writeFailed', t(options.locale ?? 'en-US', 'error.office.leftovers', { sheets: left.map((n) => `"${n}"`).join(', ') }), undefined, { cause });
    if (failures.length > 0) throw new WorkbookError('writeFailed', t(options.locale ?? 'en-US', 'error.office.recoveryFailed'), undefined, { cause });
    if (committed) {
      // Rolled forward: the report is in; its charts still to draw if the failure came before them.
      if (!chartsDrawn) await run((context) => drawCharts(context, charts, options.funnelCharts)).catch(() => undefined);
      return;
    }
    // Raw, so the caller can retry by code before mapping it.
    throw e;
  }
}

/**
 * Queues, first thing for an existing sheet, its full copy and then its
 * emptying. The copy's rename to `backup` marks it complete: a rollback
 * restores from `backup` only, and Excel stops a request at the first
 * operation that fails, so the sheet is emptied only once its copy exists.
 */
async function keepFullCopy(batch: WriteBatch, sheet: Excel.Worksheet, backup: string, tables: readonly Excel.Table[], charts: readonly Excel.Chart[]): Promise<Excel.Worksheet> {
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

/**
 * After a failed run: the recovery (rollback or roll-forward) and then the
 * count of what is left, each retried while the user edits a cell. Returns
 * the names of this run's tabs still in the workbook, for the user to
 * delete (all of them when the count itself failed), and the failures of
 * either step: a clean-up that failed must be reported, not swallowed.
 */
async function cleanUp(run: ExcelRun, plans: readonly SheetPlan[], committed: boolean, before: ReadonlySet<string>, retry: RetryOptions = {}): Promise<{ left: string[]; failures: unknown[] }> {
  const failures: unknown[] = [];
  await retryInCellEditMode(() => recover(run, plans, committed, before), retry).catch((e: unknown) => failures.push(e));
  const left = await retryInCellEditMode(() => leftovers(run, plans, before), retry).catch((e: unknown) => {
    failures.push(e);
    return plans.flatMap((p) => (p.existed ? [p.backup] : [p.temp]));
  });
  return { left, failures };
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
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.row === sorted[i]!.row && sorted[j]!.col === sorted[j - 1]!.col + 1) j++;
    const run = sorted.slice(i, j).map((f) => `=${f.formula}`);
    await batch.reserve(SMALL_OP_BYTES + run.reduce((n, f) => n + f.length * 3 + 3, 0));
    sheet.getRange(`${a1(sorted[i]!.row, sorted[i]!.col)}:${a1(sorted[i]!.row, sorted[j - 1]!.col)}`).formulas = [run];
    i = j;
  }
}

/**
 * Puts the workbook back after a failed run. Before the commit: each kept
 * sheet whose copy is complete gives way to it (name, tables, visibility,
 * place) and every new tab goes. After it: only the backups remain to
 * delete.
 */
async function recover(run: ExcelRun, plans: readonly SheetPlan[], committed: boolean, before: ReadonlySet<string>): Promise<void> {
  await run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const find = (name: string): Excel.Worksheet | undefined => worksheets.items.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (committed) {
      // Past the commit nothing is half made: only the copies of the old contents are left.
      for (const p of plans) {
        find(p.backup)?.delete();
        if (p.inPlace) find(p.inPlace.copying)?.delete();
      }
      await context.sync();
      return;
    }
    // Best effort for each part: a failure putting back the tabs must not keep the data sheet from its restore.
    const failed = await rollBackKept(
      context,
      plans.filter((p) => !p.inPlace),
      find,
      worksheets.items.map((s) => s.name),
      before,
    ).then(
      () => undefined,
      (e: unknown) => e ?? new Error('Rollback failed.'),
    );
    // The data sheet in a request of its own: a failure there leaves the report tabs rolled back.
    for (const p of plans) {
      if (!p.inPlace) continue;
      // An unfinished copy: the sheet itself was not touched yet.
      find(p.inPlace.copying)?.delete();
      const copy = find(p.backup);
      const sheet = find(p.model.name);
      if (copy && sheet) restoreTableSheet(sheet, copy, p.inPlace.block, p.inPlace.before);
    }
    if (plans.some((p) => p.inPlace)) await context.sync();
    if (failed) throw failed;
  });
}

/**
 * Deletes every new tab (under its temporary or final name) and a copy cut
 * short before its rename (Excel names copies "Name (2)"), then puts each
 * complete copy in its sheet's place: visible as it was, the half-written
 * sheet deleted, its name, its tables' names (copies of tables get new
 * names; Worksheet.copy keeps their order) and its position, in the order
 * of the positions so each lands where it was.
 */
async function rollBackKept(context: Excel.RequestContext, plans: readonly SheetPlan[], find: (name: string) => Excel.Worksheet | undefined, names: readonly string[], before: ReadonlySet<string>): Promise<void> {
  const copies = plans.map((p) => (p.existed ? find(p.backup) : undefined));
  const copyTables = copies.map((sheet) => sheet?.tables.load('items/name'));
  if (copies.some((s) => s !== undefined)) await context.sync();
  for (const [i, p] of plans.entries()) {
    if (!p.existed) {
      find(p.temp)?.delete();
      find(p.model.name)?.delete();
    }
    for (const name of names) if (isCutShortCopy(name, p, before)) find(name)?.delete();
    if (copies[i]) copies[i]!.visibility = p.visibility as Excel.SheetVisibility;
  }
  const order = plans.map((p, i) => ({ p, copy: copies[i] })).filter((x) => x.copy !== undefined).sort((a, b) => a.p.position - b.p.position);
  for (const { p, copy } of order) {
    find(p.model.name)?.delete();
    copy!.name = p.model.name;
    copyTables[plans.indexOf(p)]!.items.forEach((table, j) => {
      if (p.oldTables[j] !== undefined) table.name = p.oldTables[j]!;
    });
    copy!.position = p.position;
  }
  await context.sync();
}

/** A copy of the plan's sheet that Excel made and the run could not rename (the request stopped between the two). */
function isCutShortCopy(name: string, p: SheetPlan, before: ReadonlySet<string>): boolean {
  if (!p.existed || before.has(name.toLowerCase())) return false;
  const base = p.model.name.slice(0, 25).toLowerCase();
  return name.slice(0, base.length).toLowerCase() === base && /^ \(\d+\)$/.test(name.slice(base.length));
}

/** The temporary, backup and copy tabs of this run still in the workbook. */
async function leftovers(run: ExcelRun, plans: readonly SheetPlan[], before: ReadonlySet<string>): Promise<string[]> {
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const ours = new Set(plans.flatMap((p) => [p.temp, p.backup, ...(p.inPlace ? [p.inPlace.copying] : [])]).map((n) => n.toLowerCase()));
    return worksheets.items.map((s) => s.name).filter((n) => ours.has(n.toLowerCase()) || plans.some((p) => isCutShortCopy(n, p, before)));
  });
}
