import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, loadXlsx, tempDir, writeXlsx } from '../helpers/workbook-files';
import { MC_MONTH, MC_PIPELINE } from '../helpers/multi-currency';

jest.setTimeout(60_000);

// SPEC §9 from the command line: --rates, --currency, --decimal-separator.
describe('funnel-report report: currencies and separators', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });

  it('imports --rates into a Rates sheet and reports in --currency', async () => {
    const file = path.join(dir, 'mc.xlsx');
    await writeXlsx(file, [{ name: 'Pipeline', rows: MC_PIPELINE }]);
    const rates = path.join(dir, 'rates.csv');
    await fs.writeFile(rates, 'Month,Currency,Rate\n2026-03,USD,7.1\n2026-03,EUR,7.7\n2026-03,£,9\nsoon,USD,7\n');
    const json = path.join(dir, 'mc.json');
    const r = await cli('report', file, '--month', MC_MONTH, '--currency', 'cny', '--rates', rates, '--json', json);
    expect(r.stderr).toMatch(/rates\.csv row 5: "soon"/);
    const report = JSON.parse(await fs.readFile(json, 'utf8'));
    expect(report.currency).toEqual({ reporting: 'CNY', converted: 8, missingRate: 0 });
    expect(report.revenue).toBeCloseTo(1000 + 200 * 7.1 + 100 * 7.7 + 100 * 7.1 + 500 * 9 + 600, 9);
    const sheet = (await loadXlsx(file)).getWorksheet('Rates')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Month', 'Currency', 'Rate']);
    expect(sheet.rowCount).toBe(4);
  });

  it('refuses a rates file with no readable row', async () => {
    const rates = path.join(dir, 'bad-rates.csv');
    await fs.writeFile(rates, 'Month,Currency,Rate\n2026-03,USD,-1\n');
    const r = await cli('report', path.join(dir, 'mc.xlsx'), '--rates', rates);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no readable "Month,Currency,Rate" rows/);
  });

  it('makes "1,200" without a locale a data issue (ambiguous separator), and reads it by --decimal-separator', async () => {
    const csv = path.join(dir, 'export.csv');
    await fs.writeFile(
      csv,
      'Deal ID,Customer,Deal Stage,Created Date,Close Date,Amount\nD1,Acme,Won,2026-01-05,2026-01-20,"1,200"\nD2,' +
        'Beta,Won,2026-01-09,2026-01-25,"1.234,50"\nD3,Cyd,Won,2026-01-09,2026-01-26,+500\n',
    );
    const run = async (...extra: string[]) => {
      const json = path.join(dir, `e${extra.length}${extra[1] === ',' ? 'c' : ''}.json`);
      const r = await cli('report', csv, '--month', '2026-01', '--out', path.join(dir, 'e.xlsx'), '--json', json, ...extra);
      return { code: r.code, report: JSON.parse(await fs.readFile(json, 'utf8')) };
    };
    const none = await run();
    expect(none.code).toBe(1);
    expect(none.report.issues.map((i: { row: number; column: string; value: unknown; code: string }) => [i.row, i.column, i.value, i.code])).toEqual([
      [2, 'Amount', '1,200', 'ambiguousSeparator'],
    ]);
    expect(none.report.revenue).toBeCloseTo(1234.5 + 500, 9);
    expect((await run('--decimal-separator', '.')).report.revenue).toBeCloseTo(1200 + 1234.5 + 500, 9);
    expect((await run('--decimal-separator', ',')).report.revenue).toBeCloseTo(1.2 + 1234.5 + 500, 9);
  });
});
