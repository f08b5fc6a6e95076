// Browser end-to-end suite: the production build in Debian's Chromium (npm run test:e2e; .ci/run installs chromium first).
const base = require('./jest.config.cjs');
/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/e2e'], testMatch: ['**/*.e2e.test.ts'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 120000 };
