import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The production build's task pane page (`npm run build` first, as .ci/run does before this suite).
const DIST_HTML = path.resolve(__dirname, '../../dist/taskpane.html');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { taskpaneHtmlProblems } = require('../../scripts/check-taskpane-html.cjs') as { taskpaneHtmlProblems(html: string): string[] };

describe('the production build (dist/)', () => {
  it('loads office.js in <head>, without async or defer, before every bundle', () => {
    if (!existsSync(DIST_HTML)) throw new Error('Run `npm run build` first: this suite reads dist/.');
    const html = readFileSync(DIST_HTML, 'utf8');
    expect(taskpaneHtmlProblems(html)).toEqual([]);
    // Every bundle the page needs is there, after office.js.
    for (const bundle of ['functions.js', 'commands.js', 'taskpane.js']) expect(html.indexOf(bundle)).toBeGreaterThan(html.indexOf('office.js'));
  });

  it('publishes functions.json without data types for the functions (they do not handle them)', () => {
    const metadata = JSON.parse(readFileSync(path.join(path.dirname(DIST_HTML), 'functions.json'), 'utf8')) as {
      allowCustomDataForDataTypeAny?: boolean;
      functions: unknown[];
    };
    expect(metadata.allowCustomDataForDataTypeAny).toBe(false);
    expect(metadata.functions.length).toBe(12);
  });
});
