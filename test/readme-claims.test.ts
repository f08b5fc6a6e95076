import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * What the README says about the code, checked against the code: the
 * dependency table names every package in package.json (and nothing else),
 * the --json paragraph names every top-level key of docs/report-schema.json,
 * and every suite it says CI runs is in .ci/run.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const README = read('README.md');

function section(start: string, end: RegExp): string {
  const from = README.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  const rest = README.slice(from + start.length);
  const to = rest.search(end);
  return to < 0 ? rest : rest.slice(0, to);
}

describe('README claims', () => {
  it('the dependency table says why each package in package.json is there, and lists no other', () => {
    const pkg = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    const installed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), ...Object.keys(pkg.optionalDependencies ?? {})];
    const table = section('## Dependencies and why each is there', /\n## /);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    const named = rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    const covered = (name: string): boolean => named.includes(name) || (name.startsWith('@types/') && named.includes('@types/*'));
    expect(installed.filter((name) => !covered(name))).toEqual([]);
    expect(named.filter((name) => name !== '@types/*' && !installed.includes(name))).toEqual([]);
  });

  it('the --json paragraph names every top-level key of docs/report-schema.json', () => {
    const schema = JSON.parse(read('docs/report-schema.json')) as { properties: Record<string, unknown> };
    const paragraph = section('- `--json` writes the numbers', /\n- /);
    const words = new Set(paragraph.match(/[A-Za-z]+/g));
    expect(Object.keys(schema.properties).filter((key) => !words.has(key))).toEqual([]);
  });

  it('every suite the README says CI runs is run by .ci/run, and npm test is the unit suite', () => {
    const ci = read('.ci/run');
    const table = section('Other suites, each with its own script', /\n## /);
    const scripts = [...table.matchAll(/^\| `npm run ([\w:-]+)`/gm)].map((m) => m[1]!).filter((s) => s !== 'bench');
    expect(scripts.length).toBeGreaterThan(4);
    for (const script of scripts) expect(ci).toContain(`npm run ${script}`);
    expect(ci).toMatch(/^npm test$/m);
  });
});
