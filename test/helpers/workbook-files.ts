import ExcelJS from 'exceljs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { runCli } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';

/** A fresh temporary folder per test file. */
export async function tempDir(prefix = 'funnel-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Runs the CLI in-process and captures what it says. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const out: Output = {
    info: (m) => lines.stdout.push(m),
    warn: (m) => lines.stderr.push(`warning: ${m}`),
    error: (m) => lines.stderr.push(`error: ${m}`),
  };
  const code = await runCli(argv, out);
  return { code, stdout: lines.stdout.join('\n'), stderr: lines.stderr.join('\n') };
}

/** Excel row (1-based) of the first row whose column A holds `text`; throws when there is none. */
export function rowStartingWith(ws: ExcelJS.Worksheet, text: string): number {
  let found = -1;
  ws.eachRow((row, r) => {
    if (found < 0 && row.getCell(1).value === text) found = r;
  });
  if (found < 0) throw new Error(`no row starting with "${text}" in ${ws.name}`);
  return found;
}

/** The body rows (1-based row numbers) of a native table, found by its name; throws when there is none. */
export function tableBodyRows(ws: ExcelJS.Worksheet, name: string): number[] {
  const table = ws.getTable(name) as unknown as { table: { tableRef?: string; ref?: string } } | undefined;
  const ref = table?.table.tableRef ?? table?.table.ref;
  if (!ref) throw new Error(`no table ${name} in ${ws.name}`);
  const [, first, last] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(ref)!;
  const rows: number[] = [];
  for (let r = Number(first) + 1; r <= Number(last); r++) rows.push(r);
  return rows;
}

export async function loadXlsx(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export async function writeXlsx(file: string, sheets: { name: string; rows: unknown[][] }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r) => ws.addRow(r));
  }
  await wb.xlsx.writeFile(file);
}

/** Formula text of a cell without `=` (and without `_xlfn.`), or null. */
export function formulaOf(cell: ExcelJS.Cell): string | null {
  const v = cell.value as { formula?: string; sharedFormula?: string } | null;
  return v && typeof v === 'object' && typeof v.formula === 'string' ? v.formula : null;
}

/** The cached result of a formula cell, or the plain value. */
export function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && 'formula' in v) return (v as { result?: unknown }).result ?? null;
  if (v instanceof Date) return v;
  return v ?? null;
}

/**
 * Loads every visible sheet of a written workbook into HyperFormula, a
 * formula engine we did not write, so tests can compare its results with
 * the cached values the add-in wrote.
 */
export function recalculate(wb: ExcelJS.Workbook): { hf: HyperFormula; sheetId: (name: string) => number } {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: RawCellContent[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: RawCellContent[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const f = formulaOf(cell);
        const v = cell.value as unknown;
        out[c - 1] =
          f !== null
            ? `=${f.replace(/_xlfn\./g, '')}`
            : v instanceof Date
              ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000
              : typeof v === 'string' && /^[=+\-@]/.test(v)
                ? `'${v}`
                : (v as RawCellContent);
      });
      rows[r - 1] = out;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    sheets[ws.name] = rows;
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  return {
    hf,
    sheetId: (name) => {
      const id = hf.getSheetId(name);
      if (id === undefined) throw new Error(`no sheet ${name}`);
      return id;
    },
  };
}
