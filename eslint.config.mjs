// Lint: the recommended TypeScript rules, Microsoft's Office add-in rules on the code that calls Office.js
// (load before read, sync before read, no sync in a loop: the sync budget), plus the architecture's one
// hard rule: src/core is pure and imports nothing from the rest of src, Office.js or Node's fs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import officeAddins from 'eslint-plugin-office-addins';

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'demo/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
            { group: ['**/workbook/**', '**/taskpane/**', '**/functions/**', '**/commands/**', '**/cli/**', '**/usecases/**'], message: 'src/core imports nothing from the rest of src.' },
            { group: ['fs', 'node:*', 'exceljs', 'react', 'react-dom', '@fluentui/*'], message: 'src/core is pure: no I/O, no UI.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Excel', 'Office', 'OfficeExtension', 'document', 'window'],
    },
  },
);
