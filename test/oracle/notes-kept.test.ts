import ExcelJS from 'exceljs';
import { promises as fs } from 'node:fs';
import { expectAllKept, LINK, notesSeen, reportWithNotes } from '../helpers/notes-workbook';
import { cli, loadXlsx, tempDir, valueOf } from '../helpers/workbook-files';
import { convertWithLibreOffice, describeWithLibreOffice } from './libreoffice';

// SPEC §6 "Notes are kept cell for cell": LibreOffice, which we did not write, opens the regenerated
// workbook, recalculates the Notes' formulas (their cached results were stale) and keeps their link.
describeWithLibreOffice('Notes after two regenerations, as LibreOffice opens them', () => {
  let dir: string;
  let converted: ExcelJS.Workbook;
  let tab: string;

  beforeAll(async () => {
    dir = await tempDir('funnel-notes-oracle-');
    const made = await reportWithNotes(dir);
    tab = made.tab;
    for (let run = 0; run < 2; run++) expect((await cli('report', made.file, '--month', tab.slice(7))).code).toBeLessThan(2);
    expectAllKept(notesSeen(await loadXlsx(made.file), tab));
    converted = await loadXlsx(convertWithLibreOffice(made.file));
  });

  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('computes the Notes’ formulas from the carried cells', () => {
    const ws = converted.getWorksheet(tab)!;
    const { h } = notesSeen(converted, tab);
    expect(valueOf(ws.getCell(h + 2, 2))).toBe(2469);
    expect(valueOf(ws.getCell(h + 2, 3))).toBe(3703.5);
  });

  it('keeps the hyperlink, the bold line, the number format and the merge', () => {
    const seen = notesSeen(converted, tab);
    expect(seen.link).toBe(LINK);
    expect(seen.bold).toBe(true);
    expect(seen.numFmt).toContain('EUR');
    expect(seen.merged).toContain(`A${seen.h + 3}:C${seen.h + 3}`);
  });
});
