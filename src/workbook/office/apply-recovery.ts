import type { SheetPlan } from './apply-plan';
import type { ExcelRun } from './excel-run';
import { restoreTableSheet } from './in-place';
import { type RetryOptions, retryInCellEditMode } from './office-errors';

// The recover phase of applyReportOffice (apply-report.ts): what runs, in an Excel.run of its own, after a failed write.

/**
 * After a failed run: the recovery (rollback or roll-forward) and then the
 * count of what is left, each retried while the user edits a cell. Returns
 * the names of this run's tabs still in the workbook, for the user to
 * delete (all of them when the count itself failed), and the failures of
 * either step: a clean-up that failed must be reported, not swallowed.
 */
export async function cleanUp(
  run: ExcelRun,
  plans: readonly SheetPlan[],
  committed: boolean,
  before: ReadonlySet<string>,
  retry: RetryOptions = {},
): Promise<{ left: string[]; failures: unknown[] }> {
  const failures: unknown[] = [];
  await retryInCellEditMode(() => recover(run, plans, committed, before), retry).catch((e: unknown) => failures.push(e));
  const left = await retryInCellEditMode(() => leftovers(run, plans, before), retry).catch((e: unknown) => {
    failures.push(e);
    return plans.flatMap((p) => (p.existed ? [p.backup] : [p.temp]));
  });
  return { left, failures };
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
async function rollBackKept(
  context: Excel.RequestContext,
  plans: readonly SheetPlan[],
  find: (name: string) => Excel.Worksheet | undefined,
  names: readonly string[],
  before: ReadonlySet<string>,
): Promise<void> {
  const copies = plans.map((p) => (p.existed ? find(p.backup) : undefined));
  const copyTables = copies.map((sheet) => sheet?.tables.load('items/name'));
  if (copies.some((s) => s !== undefined)) await context.sync();
  for (const [i, p] of plans.entries()) {
    if (!p.existed) {
      find(p.temp)?.delete();
      find(p.model.name)?.delete();
    }
    for (const name of names) if (isCutShortCopy(name, p, before)) find(name)?.delete();
    if (copies[i]) copies[i].visibility = p.visibility;
  }
  const order = plans
    .map((p, i) => ({ p, copy: copies[i] }))
    .filter((x) => x.copy !== undefined)
    .sort((a, b) => a.p.position - b.p.position);
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
