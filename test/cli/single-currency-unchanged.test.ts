import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../helpers/workbook-files';

jest.setTimeout(60_000);

/*
 * SPEC §9 changes nothing for a workbook in one currency. The fixture is the --json of
 * `sample --deals 800 --seed 9` then `report --month 2026-03` as the code before multi-currency wrote it
 * (schemaVersion 2, commit c44f101); today's run must give the same JSON, field for field, but for the
 * schema version and the new `currency` field.
 */
const BEFORE = path.resolve(__dirname, '../fixtures/sample-800-seed9-2026-03.schema2.json');

it('a single-currency workbook gives exactly the numbers it gave before multi-currency', async () => {
  const dir = await tempDir();
  expect((await cli('sample', path.join(dir, 's.xlsx'), '--deals', '800', '--seed', '9')).code).toBe(0);
  const json = path.join(dir, 'r.json');
  expect((await cli('report', path.join(dir, 's.xlsx'), '--out', path.join(dir, 'o.xlsx'), '--month', '2026-03', '--json', json)).code).toBe(1);
  const { schemaVersion, currency, ...now } = JSON.parse(await fs.readFile(json, 'utf8'));
  const { schemaVersion: before, ...then } = JSON.parse(await fs.readFile(BEFORE, 'utf8'));
  expect([before, schemaVersion]).toEqual([2, 3]);
  expect(currency).toEqual({ reporting: 'CNY', converted: 0, missingRate: 0 });
  expect(now).toEqual(then);
});
