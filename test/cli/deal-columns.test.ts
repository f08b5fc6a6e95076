import { promises as fs } from 'node:fs';
import path from 'node:path';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { cli, tempDir } from '../helpers/workbook-files';

// Issue #17 item 9: `--deal-columns` writes the per-deal forecast columns beside the pipeline sheet (the package adapter), remembered; `--no-deal-columns`
// removes them.

jest.setTimeout(60_000);

it('--deal-columns writes the block beside the pipeline, later runs keep it, --no-deal-columns takes it away', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'p.xlsx');
  expect((await cli('sample', file, '--deals', '400', '--seed', '3')).code).toBe(0);
  const open = async () => XlsxPackage.fromBytes(new Uint8Array(await fs.readFile(file)));
  const original = await (await open()).readSheet('Pipeline');
  const width = original[0]!.length;
  expect((await cli('report', file, '--month', '2026-03', '--deal-columns')).code).toBeLessThan(2);
  let values = await (await open()).readSheet('Pipeline');
  expect(values[0]!.slice(width + 1, width + 3)).toEqual(['Forecast: Probability used', 'Forecast: Probability from']);
  expect((await (await open()).readSettings()).dealColumnsBlock).toEqual({ sheet: 'Pipeline', col: width + 1, width: 7 });
  expect((await cli('report', file, '--month', '2026-04')).code).toBeLessThan(2);
  values = await (await open()).readSheet('Pipeline');
  expect(values[0]![width + 1]).toBe('Forecast: Probability used');
  expect((await cli('report', file, '--month', '2026-04', '--no-deal-columns')).code).toBeLessThan(2);
  expect(await (await open()).readSheet('Pipeline')).toEqual(original);
});
