import type { ReportModel, SheetModel } from '../../core/report/model';
import { a1 } from '../../core/util/cell';
import type { ExcelRun } from './excel-run';
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
}

export interface ApplyOptions {
  funnelCharts: boolean;
  /** Unique per run; part of the temporary sheet and table names. */
  token: string;
}

/**
 * Applies a report model all or nothing. Each sheet is built on a new
 * temporary tab; then one request parks each old tab (and its tables) under
 * a backup name, moves the new tab to the old tab's position, gives the new
 * tab and its tables their final names and writes the native formulas
 * (only now do all the sheets they refer to have their final names); a last
 * request deletes the backups. A failure before that last request rolls
 * back (the old tabs come back, the temporary ones go); a failure during it
 * rolls forward (the remaining backups are deleted). Both happen in a
 * second `Excel.run`, best effort.
 *
 * Syncs: 1 (sheet list) + 1 (old tables, when a tab is replaced) + the write
 * requests (one per 4 MB block; the commit shares the last) + 1 (delete).
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
      const order = [...worksheets.items.map((s) => s.name), ...plans.map((p) => p.temp)];
      const byName = new Map(worksheets.items.map((s) => [s.name.toLowerCase(), s]));
      const old = plans.map((p) => byName.get(p.model.name.toLowerCase()));
      plans.forEach((p, i) => (p.existed = old[i] !== undefined));

      const oldTableLists = old.map((sheet) => sheet?.tables.load('items/name'));
      if (old.some((sheet) => sheet !== undefined)) await context.sync();
      plans.forEach((p, i) => (p.oldTables = (oldTableLists[i]?.items ?? []).map((t, j) => ({ name: t.name, backup: `_FR${options.token}b${i}_${j}` }))));

      // From here on the workbook may change: a failure needs recovery.
      writing = true;
      const batch = new WriteBatch(context);
      const built: { sheet: Excel.Worksheet; rendered: RenderedSheet }[] = [];
      for (const [i, plan] of plans.entries()) {
        await batch.reserve(SMALL_OP_BYTES);
        const sheet = worksheets.add(plan.temp);
        const rendered = await renderSheet(batch, sheet, plan.model, { funnelCharts: options.funnelCharts, tempTableName: (j) => `_FR${options.token}n${i}_${j}` });
        built.push({ sheet, rendered });
      }

      // Commit: shares the request of the last block.
      for (const [i, plan] of plans.entries()) {
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
        if (p.existed) old[i]!.delete();
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
      for (const p of plans) find(p.backup)?.delete();
      await context.sync();
      return;
    }
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
  });
}

/** How many temporary or backup tabs of this run are still in the workbook. */
async function leftovers(run: ExcelRun, plans: readonly SheetPlan[]): Promise<number> {
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const names = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
    return plans.filter((p) => names.has(p.temp.toLowerCase()) || names.has(p.backup.toLowerCase())).length;
  });
}
