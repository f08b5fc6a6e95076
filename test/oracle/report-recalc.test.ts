import ExcelJS from 'exceljs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, loadXlsx, tempDir, valueOf } from '../helpers/workbook-files';
import { convertWithLibreOffice, describeWithLibreOffice, expectEngineValues, formulaCells } from './libreoffice';

describeWithLibreOffice('LibreOffice recalculates the written report', () => {
  it('the harness really recalculates: a wrong cached value is corrected', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'stale.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 2;
    ws.getCell('A2').value = { formula: 'A1*21', result: 0 } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(file);
    const out = await loadXlsx(convertWithLibreOffice(file));
    expect(valueOf(out.getWorksheet('S')!.getCell('A2'))).toBe(42);
  });

  it('every formula cell equals the value the engine wrote, and none is an error', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'sample.xlsx');
    expect((await cli('sample', file, '--deals', '2000', '--seed', '11')).code).toBe(0);
    expect((await cli('report', file, '--from', '2025-10', '--to', '2026-03', '--json', path.join(dir, 'r.json'))).code).toBe(1);
    const ours = formulaCells(await loadXlsx(file));
    const theirs = formulaCells(await loadXlsx(convertWithLibreOffice(file)));
    expect(ours.size).toBeGreaterThan(50);
    expectEngineValues(ours, theirs);
    const json = JSON.parse(await fs.readFile(path.join(dir, 'r.json'), 'utf8'));
    expect(json.reports).toHaveLength(6);
  });
});
