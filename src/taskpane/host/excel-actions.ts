import { generateMonthlyReport } from '../../usecases/generate-report';
import { createOfficePort } from '../../workbook/office/office-port';
import type { PaneActions } from '../actions';

/** Inside Excel: the use cases run on the Office.js adapter against the open workbook. */
export function excelActions(): PaneActions {
  const port = createOfficePort();
  return {
    host: 'excel',
    generate: (options) => generateMonthlyReport(port, options),
    selectCell: (sheet, address) => port.selectCell(sheet, address),
  };
}
