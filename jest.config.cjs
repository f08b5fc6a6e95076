// Unit, contract and component tests: Node only, no ../shared, no browser, under a minute on 2 cores
// (`npm test` runs them with --maxWorkers=100%: Jest's default leaves one core of two idle).
// The slow ones run in `npm run test:slow` (jest.slow.config.cjs): every test under test/cli/ (the CLI on real
// files, child processes included) and every `*.slow.test.ts(x)` (a file of tests that each take seconds:
// 100k rows and more, report generation over many months). A new test lands by where it is and what it is called.
/** Path patterns of the slow suite, shared with jest.slow.config.cjs. */
const SLOW = ['/test/cli/', '\\.slow\\.test\\.tsx?$'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/data/', '/test/e2e/', '/test/oracle/', '/test/corpus/', ...SLOW],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
  },
  reporters: ['default', '<rootDir>/test/reporters/summary-line.cjs'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
};
// Not enumerable: the configs that spread this one (and Jest's option check) do not see it.
Object.defineProperty(module.exports, 'slowPaths', { value: SLOW });
