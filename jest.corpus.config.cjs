// Corpus suite: a report and a risk register written into every workbook of ../shared/data/real-workbooks (read in place),
// checked part by part and by LibreOffice.
const base = require('./jest.config.cjs');
/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/corpus'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 1800000 };
