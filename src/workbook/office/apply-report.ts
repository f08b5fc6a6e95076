import type { ReportModel, SheetModel, TableBlock } from '../../core/report/model';
import { a1 } from '../../core/util/cell';
import type { ExcelRun } from './excel-run';
import { inPlaceTable, keepRestorableCopy, rectOf, restoreTableSheet, rewriteTableSheet, type TableSheetBefore, union } from './in-place';
import { carryNotes } from './notes-carry';
import { renderSheet, type DeferredFormula, type RenderedSheet } from './render-sheet';
import { SMALL_OP_BYTES, WriteBatch } from './write-batch';

/** One sheet of the model on its way in: where it is built, where the old tab waits, and what is renamed. */
interface SheetPlan {
  model: SheetModel;
  /** The new tab is built under this name. */
  temp: string;
  /** The old tab is parked under this name until the commit has succeeded. */
  backup: string;
  existed: boolean;
  oldTables: { name: string; backup: string }[];
  /** Set when the sheet is rewritten in place (the data sheet): its table, its state before, and the restorable copy's name while the copy is under way. */
  inPlace?: { block: TableBlock; before: TableSheetBefore; copying: string };
}

export interface ApplyOptions {
  funnelCharts: boolean;
  /** Unique per run; part of the temporary sheet and table names. */
  token: string;
  /**
   * Rewrite the data sheet in place (see in-place.ts) rather than swap it
   * for a new tab: needs `Table.resize` (ExcelApi 1.13) and `Range.copyFrom`
   * (1.9).
   */
  inPlaceData: boolean;
}

/**
 * Applies a report model all or nothing. Each report sheet is built on a
 * new temporary tab; then one request parks each old tab (and its tables)
 * under a backup name, moves the new tab to the old tab's position, gives
 * the new tab and its tables their final names and writes the native
 * formulas (only now do all the sheets they refer to have their final
 * names); a last request deletes the backups. A failure before that last
 * request rolls back (the old tabs come back, the temporary ones go); a
 * failure during it rolls forward (the remaining backups are deleted). Both
 * happen in a second `Excel.run`, best effort.
 *
 * The data sheet, when it exists, is rewritten in place instead (every
 * report tab's formulas refer to it, and Excel breaks references to a sheet
 * that is deleted): its old contents go to a hidden restorable copy first,
 * which the rollback copies back and the last request deletes (in-place.ts).
 *
 * Syncs: 1 (sheet list) + 1 (old tables, when a tab is replaced) + 1 (the
 * data sheet's table, when it is rewritten in place) + the write requests
 * (one per 4 MB block; the commit shares the last) + 1 (delete).
 */
export async function applyReportOffice(run: ExcelRun, model: ReportModel, options: ApplyOptions): Promise<void> {
  const plans: SheetPlan[] = model.sheets.map((sheet, i) => ({
    model: sheet,
    temp: `~FR${options.token}t${i}`,
    backup: `~FR${options.token}b${i}`,
    existed: false,
    oldTables: [],
  }));
  let writing = false;
  let committed = false;
  try {
    await run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/position');
      const active = worksheets.getActiveWorksheet();
      active.load('name');
      await context.sync();
      // Tab order as it will be, so a new tab can be moved to its old tab's place.
      const order = worksheets.items.map((s) => s.name);
      const byName = new Map(worksheets.items.map((s) => [s.name.toLowerCase(), s]));
      const old = plans.map((p) => byName.get(p.model.name.toLowerCase()));
      plans.forEach((p, i) => (p.existed = old[i] !== undefined));

      const oldTableLists = old.map((sheet) => sheet?.tables.load('items/name'));
      const candidates = plans.map((p, i) => (options.inPlaceData && old[i] && inPlaceTable(p.model) ? old[i] : undefined));
      const usedRanges = candidates.map((sheet) => sheet?.getUsedRangeOrNullObject().load('address'));
      if (old.some((sheet) => sheet !== undefined)) await context.sync();
      plans.forEach((p, i) => (p.oldTables = (oldTableLists[i]?.items ?? []).map((t, j) => ({ name: t.name, backup: `_FR${options.token}b${i}_${j}` }))));

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
      const batch = new WriteBatch(context);
      // The restorable copies first: nothing of a data sheet changes before its copy is complete.
      const copies = new Map<number, Excel.Worksheet>();
      for (const [i, plan] of plans.entries()) {
        if (!plan.inPlace) continue;
        copies.set(i, await keepRestorableCopy(batch, worksheets, old[i]!, plan.inPlace.before, { copying: plan.inPlace.copying, backup: plan.backup }));
        order.push(plan.backup);
      }
      const built: { sheet: Excel.Worksheet; rendered: RenderedSheet }[] = [];
      for (const [i, plan] of plans.entries()) {
        if (plan.inPlace) {
          const rendered: RenderedSheet = { formulas: [], tables: [] };
          await rewriteTableSheet(batch, old[i]!, tablesInPlace[i]!, plan.inPlace.block, plan.inPlace.before, rendered);
          built.push({ sheet: old[i]!, rendered });
          continue;
        }
        await batch.reserve(SMALL_OP_BYTES);
        const sheet = worksheets.add(plan.temp);
        order.push(plan.temp);
        const rendered = await renderSheet(batch, sheet, plan.model, { funnelCharts: options.funnelCharts, tempTableName: (j) => `_FR${options.token}n${i}_${j}` });
        // ExcelApi 1.13 (inPlaceData) implies Range.copyFrom (1.9).
        await carryNotes(batch, sheet, old[i], plan.model, rendered, options.inPlaceData);
        built.push({ sheet, rendered });
      }

      // Commit: shares the request of the last block.
      for (const [i, plan] of plans.entries()) {
        if (plan.inPlace) continue;
        await batch.reserve(SMALL_OP_BYTES);
        const { sheet } = built[i]!;
        if (plan.existed) {
          // Excel moves a tab to the index given; track the order to know where the old tab is now.
          order.splice(order.indexOf(plan.temp), 1);
          const position = order.indexOf(old[i]!.name);
          order.splice(position, 0, plan.temp);
          sheet.position = position;
        }
        if (plan.model.hidden) sheet.visibility = 'Hidden';
      }
      const show = model.activate ?? (plans.some((p) => p.model.name === active.name && !p.model.hidden) ? active.name : undefined);
      const shown = plans.findIndex((p) => p.model.name === show);
      if (shown >= 0 && !plans[shown]!.model.hidden) built[shown]!.sheet.activate();
      else if (show !== undefined && byName.has(show.toLowerCase())) byName.get(show.toLowerCase())!.activate();
      for (const [i, plan] of plans.entries()) {
        if (plan.inPlace) continue;
        await batch.reserve(SMALL_OP_BYTES * (2 + plan.oldTables.length + built[i]!.rendered.tables.length));
        if (plan.existed) {
          old[i]!.name = plan.backup;
          oldTableLists[i]!.items.forEach((t, j) => (t.name = plan.oldTables[j]!.backup));
        }
        for (const t of built[i]!.rendered.tables) t.table.name = t.name;
        built[i]!.sheet.name = plan.model.name;
      }
      for (const { sheet, rendered } of built) await writeFormulas(batch, sheet, rendered.formulas);
      await context.sync();
      committed = true;

      context.application.suspendScreenUpdatingUntilNextSync();
      plans.forEach((p, i) => {
        // Parked old tabs and restorable copies: old[i] now carries the backup name, unless the sheet was rewritten in place.
        if (p.inPlace) copies.get(i)!.delete();
        else if (p.existed) old[i]!.delete();
      });
      // Calculation was suspended while the formulas went in; calculating them is ours to do.
      context.application.calculate('Recalculate');
      await context.sync();
    });
  } catch (e) {
    if (!writing) throw e;
    await recover(run, plans, committed).catch(() => undefined);
    if (committed && (await leftovers(run, plans).catch(() => 1)) === 0) return;
    // Raw, so the caller can retry by code before mapping it.
    throw e;
  }
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
 * Puts the workbook back after a failed run. Before the commit: each old
 * tab (if it was parked) gets its name, tables and place back and every new
 * tab goes. After it: only the backups remain to delete.
 */
async function recover(run: ExcelRun, plans: readonly SheetPlan[], committed: boolean): Promise<void> {
  await run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const find = (name: string): Excel.Worksheet | undefined => worksheets.items.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (committed) {
      for (const p of plans) {
        find(p.backup)?.delete();
        if (p.inPlace) find(p.inPlace.copying)?.delete();
      }
      await context.sync();
      return;
    }
    // Best effort for each part: a failure putting back the tabs must not keep the data sheet from its restore.
    const failed = await rollBackSwapped(
      context,
      plans.filter((p) => !p.inPlace),
      find,
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

/** Puts back each old tab that was parked (name, tables, place) and deletes every new tab. */
async function rollBackSwapped(context: Excel.RequestContext, plans: readonly SheetPlan[], find: (name: string) => Excel.Worksheet | undefined): Promise<void> {
  const parked = plans.map((p) => find(p.backup));
  const parkedTables = parked.map((sheet) => sheet?.tables.load('items/name'));
  if (parked.some((s) => s !== undefined)) await context.sync();
  plans.forEach((p, i) => {
    const backup = parked[i];
    find(p.temp)?.delete();
    if (backup) {
      // The old tab was parked, so whatever holds the final name is the new one.
      find(p.model.name)?.delete();
      backup.name = p.model.name;
      for (const t of parkedTables[i]!.items) {
        const original = p.oldTables.find((o) => o.backup === t.name);
        if (original) t.name = original.name;
      }
    } else if (!p.existed) find(p.model.name)?.delete();
  });
  await context.sync();
}

/** How many temporary or backup tabs of this run are still in the workbook. */
async function leftovers(run: ExcelRun, plans: readonly SheetPlan[]): Promise<number> {
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const names = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
    return plans.filter((p) => names.has(p.temp.toLowerCase()) || names.has(p.backup.toLowerCase()) || (p.inPlace !== undefined && names.has(p.inPlace.copying.toLowerCase()))).length;
  });
}
