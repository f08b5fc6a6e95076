// Real-data suite: reads ../shared/data in place (never copied into the repo).
const base = require('./jest.config.cjs');
/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/data'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 120000 };
