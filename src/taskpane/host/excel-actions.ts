import { generateMonthlyReport } from '../../usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../usecases/inspect-pipeline';
import { readPlanWizard, savePlanWizard } from '../../usecases/plan-wizard';
import { createOfficePort } from '../../workbook/office/office-port';
import type { WorkbookPort } from '../../workbook/port';
import type { PaneActions } from '../actions';

/** Inside Excel: the use cases run on the Office.js adapter against the open workbook. */
export function excelActions(port: WorkbookPort = createOfficePort()): PaneActions {
  return {
    host: 'excel',
    generate: (options) => generateMonthlyReport(port, options),
    inspect: (sheet) => inspectPipeline(port, { sheet }),
    saveMapping: (sheet, mapping) => saveMapping(port, sheet, mapping),
    saveStages: (stages) => saveStages(port, stages),
    selectCell: (sheet, address) => port.selectCell(sheet, address),
    readPlan: (locale) => readPlanWizard(port, { locale }),
    savePlan: (changes) => savePlanWizard(port, changes),
  };
}
