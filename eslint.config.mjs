// Lint: the recommended TypeScript rules, Microsoft's Office add-in rules on the code that calls Office.js
// (load before read, sync before read, no sync in a loop: the sync budget), plus the architecture's one
// hard rule: src/core is pure and imports nothing from the rest of src, Office.js or Node's fs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import officeAddins from 'eslint-plugin-office-addins';

// One flat-config block's no-restricted-imports replaces another's, so src/core's block lists this one too.
const NO_NODE_FILE = {
  group: ['**/workbook/node-file/**', '**/node-file/**'],
  message: 'src/workbook/node-file is Node file I/O (the CLI); the browser-side code imports nothing from it.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'demo/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Backs Prettier's printWidth (160) where Prettier cannot wrap: strings, template literals, comments.
      'max-len': ['error', { code: 160, ignoreUrls: false }],
    },
  },
  {
    // eslint-plugin-office-addins' rules only (its `recommended` config brings Prettier and its own parser setup).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-after-load': 'error',
      'office-addins/call-sync-before-read': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/no-empty-load': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workbook/**', '**/taskpane/**', '**/functions/**', '**/commands/**', '**/cli/**', '**/usecases/**'],
              message: 'src/core imports nothing from the rest of src.',
            },
            { group: ['fs', 'node:*', 'exceljs', 'react', 'react-dom', '@fluentui/*'], message: 'src/core is pure: no I/O, no UI.' },
            NO_NODE_FILE,
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'OfficeExtension', 'document', 'window'],
    },
  },
  {
    // src/workbook/node-file is Node's file I/O (fs, zlib, worker_threads), for the CLI and tests only:
    // the package writer, the use cases and what webpack bundles stay free of it (src/core by the rule above).
    files: ['src/workbook/xlsx-package/**', 'src/workbook/office/**', 'src/taskpane/**', 'src/usecases/**', 'src/functions/**', 'src/commands/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_NODE_FILE] }] },
  },
  {
    // With noUncheckedIndexedAccess on, a `!` that TypeScript does not need is a claim nothing checks: the type-aware rule keeps them out.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'error' },
  },
);
