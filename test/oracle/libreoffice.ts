import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { formulaOf, valueOf } from '../helpers/workbook-files';

export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p)) ?? null;

/** `describe`, or `describe.skip` with a note when LibreOffice is not installed. */
export const describeWithLibreOffice: jest.Describe = SOFFICE
  ? describe
  : (((name: string, fn: () => void) =>
      describe.skip(`${name} (skipped: LibreOffice not installed; apt-get install -y libreoffice-calc-nogui)`, fn)) as unknown as jest.Describe);

/**
 * A private LibreOffice profile that recalculates every formula on load.
 * Without `OOXMLRecalcMode` = 0 LibreOffice shows the cached values the file
 * carries, which would make an oracle test check our numbers against
 * themselves.
 */
function recalculatingProfile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  mkdirSync(path.join(dir, 'user'), { recursive: true });
  const item = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  writeFileSync(
    path.join(dir, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
      `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${item('OOXMLRecalcMode')}${item('ODFRecalcMode')}</oor:items>\n`,
  );
  return dir;
}

let profile: string | null = null;

/**
 * Opens a workbook in LibreOffice headless, recalculates it and saves it in
 * another format (`xlsx`, or `csv` for the first sheet); returns the path of
 * the converted file.
 */
export function convertWithLibreOffice(file: string, format: 'xlsx' | 'ods' | 'csv' = 'xlsx'): string {
  if (!SOFFICE) throw new Error('LibreOffice is not installed');
  profile ??= recalculatingProfile();
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'lo-out-'));
  execFileSync(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file], {
    stdio: 'pipe',
    timeout: 240_000,
  });
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${format}`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${format} for ${file}`);
  return out;
}

/** Every formula cell of every sheet: address → [formula, value]. */
export function formulaCells(wb: ExcelJS.Workbook): Map<string, { formula: string; value: unknown }> {
  const cells = new Map<string, { formula: string; value: unknown }>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const f = formulaOf(cell);
        if (f !== null) cells.set(`${ws.name}!${cell.address}`, { formula: f, value: valueOf(cell) });
      }),
    );
  }
  return cells;
}

/** Every formula cell of ours has a formula in LibreOffice's recalculated copy, with the value the engine wrote (numbers to 1e-9). */
export function expectEngineValues(ours: Map<string, { formula: string; value: unknown }>, theirs: Map<string, { formula: string; value: unknown }>): void {
  for (const [address, cell] of ours) {
    const lo = theirs.get(address);
    expect({ address, formula: lo?.formula !== undefined }).toEqual({ address, formula: true });
    // ExcelJS reads a cached result of 0 back as no result, on both sides: a missing one stands for 0; an empty text result stays ''.
    const cached = cell.value ?? (lo?.value === 0 || lo?.value == null ? 0 : null);
    const expected = cached === '' || cached === null ? [null, ''] : [cached];
    const got = lo!.value ?? 0;
    if (typeof got === 'number' && typeof cached === 'number') expect({ address, diff: Math.abs(got - cached) < 1e-9 }).toEqual({ address, diff: true });
    else expect({ address, value: expected.includes(got as never) ? 'ok' : got }).toEqual({ address, value: 'ok' });
  }
}
