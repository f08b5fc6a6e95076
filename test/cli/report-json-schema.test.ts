import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from '../helpers/workbook-files';
import { REPORT_SCHEMA_VERSION } from '../../src/usecases/report-json';

jest.setTimeout(60_000);

/*
 * The --json key set is pinned by docs/report-schema.json (JSON Schema
 * 2020-12). This walks the subset of the vocabulary the file uses (type,
 * const, enum, required, properties, additionalProperties, items, oneOf,
 * propertyNames), so a key added, renamed or dropped fails here until the
 * schema file says so.
 */
type Schema = Record<string, unknown>;
const SCHEMA = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/report-schema.json'), 'utf8')) as Schema;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function problems(value: unknown, schema: Schema, at: string): string[] {
  if (schema.oneOf) {
    const fits = (schema.oneOf as Schema[]).map((s) => problems(value, s, at));
    return fits.some((p) => p.length === 0) ? [] : fits.flat();
  }
  const out: string[] = [];
  if (schema.const !== undefined && value !== schema.const) out.push(`${at}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (schema.type) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [...out, `${at}: ${t}, expected ${types.join('|')}`];
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) out.push(`${at}: missing ${key}`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, v] of Object.entries(obj)) {
      if (schema.propertyNames && !((schema.propertyNames as Schema).enum as string[]).includes(key)) out.push(`${at}: unexpected key ${key}`);
      if (props[key]) out.push(...problems(v, props[key], `${at}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${at}: unexpected key ${key}`);
      else if (typeof schema.additionalProperties === 'object') out.push(...problems(v, schema.additionalProperties as Schema, `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => out.push(...problems(v, schema.items as Schema, `${at}[${i}]`)));
  return out;
}

describe('funnel-report --json against docs/report-schema.json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    expect((await cli('sample', path.join(dir, 's.xlsx'), '--deals', '800', '--seed', '9')).code).toBe(0);
  });

  it.each([
    ['cohort', []],
    ['period', ['--mode', 'period']],
    ['strict', ['--strict']],
  ])('matches the schema exactly (%s mode)', async (_name, extra) => {
    const json = path.join(dir, `${_name}.json`);
    expect((await cli('report', path.join(dir, 's.xlsx'), '--month', '2026-03', '--json', json, ...extra)).code).toBeLessThan(2);
    const report = JSON.parse(await fs.readFile(json, 'utf8'));
    expect(problems(report, SCHEMA, '$')).toEqual([]);
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.schemaVersion).toBe(3);
    expect(report.funnel.mode).toBe(_name === 'period' ? 'period' : 'cohort');
    expect(report.funnel.strict).toBe(_name === 'strict');
  });

  it('fails on a key the schema does not list (the check is not vacuous)', () => {
    expect(problems({ schemaVersion: 3, extra: 1 }, SCHEMA, '$')).toEqual(expect.arrayContaining(['$: unexpected key extra', '$: missing month']));
  });
});
