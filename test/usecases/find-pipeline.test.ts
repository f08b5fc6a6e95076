import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';
import { EMPTY_SETTINGS } from '../../src/core/settings';
import { choosePipelineSheet, findPipelineSheet } from '../../src/usecases/find-pipeline';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

/** A summary sheet first (two field names, but no deal id, account or stage), then the real pipeline. */
function workbook(): XlsxPackage {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Data', [
    ['Region', 'Product', 'Amount'],
    ['North', 'A', 100],
  ]);
  wb.addValuesSheet('Pipeline', [
    ['Deal ID', 'Account', 'Stage', 'Created', 'Amount'],
    ['D1', 'Acme', 'Lead', 46030, 100],
  ]);
  return wb;
}

describe('choosing the pipeline sheet', () => {
  it('prefers a sheet whose header names every required field over an earlier one that names only some', async () => {
    expect((await findPipelineSheet(workbook(), EMPTY_SETTINGS, DEFAULT_STAGES))?.sheet).toBe('Pipeline');
    expect(await choosePipelineSheet(workbook(), EMPTY_SETTINGS, DEFAULT_STAGES)).toBe('Pipeline');
  });

  it('falls back to the first sheet with a header, so its missing fields can be reported', async () => {
    const wb = XlsxPackage.create();
    wb.addValuesSheet('Notes', [['just text']]);
    wb.addValuesSheet('Data', [
      ['Region', 'Product', 'Amount'],
      ['North', 'A', 100],
    ]);
    expect((await findPipelineSheet(wb, EMPTY_SETTINGS, DEFAULT_STAGES))?.sheet).toBe('Data');
    expect(await choosePipelineSheet(wb, EMPTY_SETTINGS, DEFAULT_STAGES)).toBe('Data');
  });
});
