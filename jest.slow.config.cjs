// The slow Node-only tests, out of `npm test` so the unit suite stays under a minute: test/cli/ (the CLI
// end to end, child processes included) and every `*.slow.test.ts(x)`. Run by `npm run test:slow` and `.ci/run`.
const base = require('./jest.config.cjs');
const { testMatch: _unit, ...config } = base;
/** @type {import('jest').Config} */
module.exports = {
  ...config,
  testRegex: base.slowPaths.map((p) => (p.endsWith('$') ? p : `${p}.*\\.test\\.tsx?$`)),
  testPathIgnorePatterns: ['/node_modules/', '/test/data/', '/test/e2e/', '/test/oracle/', '/test/corpus/'],
  testTimeout: 300000,
};
