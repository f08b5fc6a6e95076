import path from 'node:path';
import { cli, loadXlsx, tempDir, writeXlsx } from '../helpers/workbook-files';
import { MC_MONTH, MC_PIPELINE, MC_RATES } from '../helpers/multi-currency';
import { convertWithLibreOffice, describeWithLibreOffice, expectEngineValues, formulaCells } from './libreoffice';

// SPEC §9: the report's formulas sum the converted amount of Funnel Data, so LibreOffice, recalculating them, finds the engine's converted figures.
describeWithLibreOffice('LibreOffice recalculates a three-currency report', () => {
  it('every formula cell equals the engine, and the revenue is the converted sum', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'mc.xlsx');
    await writeXlsx(file, [
      { name: 'Pipeline', rows: MC_PIPELINE },
      { name: 'Rates', rows: MC_RATES },
    ]);
    expect((await cli('report', file, '--month', MC_MONTH, '--currency', 'CNY')).code).toBe(1);
    const written = await loadXlsx(file);
    const ours = formulaCells(written);
    const recalculated = await loadXlsx(convertWithLibreOffice(file));
    const theirs = formulaCells(recalculated);
    expect(ours.size).toBeGreaterThan(30);
    expectEngineValues(ours, theirs);
    // The KPI revenue: Σ converted amount of the won deals closed in March, by LibreOffice, in the reporting currency's format.
    const revenue = 1000 + 200 * 7.1 + 100 * 7.7 + 100 * 7.1 + 600;
    const tab = `Report ${MC_MONTH}`;
    const kpi = [...theirs].find(
      ([address, c]) => address.startsWith(`${tab}!B`) && c.formula.startsWith('SUMIFS') && typeof c.value === 'number' && Math.abs(c.value - revenue) < 1e-9,
    );
    expect(kpi).toBeDefined();
    expect(written.getWorksheet(tab)!.getCell(kpi![0].slice(tab.length + 1)).numFmt).toBe('"¥"#,##0');
  });
});
