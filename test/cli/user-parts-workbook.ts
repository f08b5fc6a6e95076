import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_DATE_COLUMNS, samplePipeline } from '../../src/core/sample/sample-pipeline';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

/**
 * Made with LibreOffice by scripts/make-user-parts-fixture.py: a chart, a pivot table, an image, a comment, a defined name, validation and conditional
 * formats.
 */
export const USER_PARTS_FIXTURE = readFileSync(path.join(__dirname, '../fixtures/user-parts.xlsx'));

/** The workbook-level parts a report run may change; every other part of the input must come out byte-identical. */
export const MAY_CHANGE = new Set([
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  '[Content_Types].xml',
  'xl/styles.xml',
  'docProps/app.xml',
  'xl/calcChain.xml',
]);

/**
 * The user-parts fixture with a pipeline sheet beside the user's two sheets
 * (six months of sample deals), as a user would keep one: the starting
 * point of the CLI's nothing-lost tests.
 */
export function userPartsWorkbook(): Uint8Array {
  const pkg = XlsxPackage.fromBytes(USER_PARTS_FIXTURE);
  pkg.addValuesSheet('Pipeline', samplePipeline({ deals: 600, seed: 9, months: 6 }), { dateColumns: SAMPLE_DATE_COLUMNS });
  return pkg.toBytes();
}
