// Lint: the recommended TypeScript rules, plus the architecture's one hard rule:
// src/core is pure and imports nothing from the rest of src, Office.js or Node's fs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
