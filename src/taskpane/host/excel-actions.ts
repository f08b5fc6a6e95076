import { generateMonthlyReport } from '../../usecases/generate-report';
import { inspectPipeline, saveMapping } from '../../usecases/inspect-pipeline';
import { createOfficePort } from '../../workbook/office/office-port';
import type { PaneActions } from '../actions';

/** Inside Excel: the use cases run on the Office.js adapter against the open workbook. */
export function excelActions(): PaneActions {
  const port = createOfficePort();
  return {
    host: 'excel',
    generate: (options) => generateMonthlyReport(port, options),
    inspect: (sheet) => inspectPipeline(port, { sheet }),
    saveMapping: (sheet, mapping) => saveMapping(port, sheet, mapping),
    selectCell: (sheet, address) => port.selectCell(sheet, address),
  };
}
