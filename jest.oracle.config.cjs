// Oracle suite: LibreOffice headless recalculates what we write (npm run test:oracle; .ci/run installs LibreOffice first).
const base = require('./jest.config.cjs');
/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/oracle'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 300000 };
