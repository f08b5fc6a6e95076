import type { Locale } from '../../core/i18n';
import { generateMonthlyReport } from '../../usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../usecases/inspect-pipeline';
import { readPlanWizard, savePlanWizard } from '../../usecases/plan-wizard';
import { createOfficePort } from '../../workbook/office/office-port';
import type { WorkbookPort } from '../../workbook/port';
import type { PaneActions } from '../actions';

/**
 * Inside Excel: the use cases run on the Office.js adapter against the open
 * workbook. The adapter's own messages (a protected workbook, a clean-up
 * left to do) follow the language of the last action that named one.
 */
export function excelActions(port?: WorkbookPort): PaneActions {
  let locale: Locale = 'en-US';
  const office = port ?? createOfficePort(undefined, { locale: () => locale });
  const using = (next: Locale | undefined): WorkbookPort => ((locale = next ?? locale), office);
  return {
    host: 'excel',
    generate: (options) => generateMonthlyReport(using(options.locale), options),
    inspect: (sheet) => inspectPipeline(office, { sheet }),
    saveMapping: (sheet, mapping) => saveMapping(office, sheet, mapping),
    saveStages: (stages) => saveStages(office, stages),
    selectCell: (sheet, address) => office.selectCell(sheet, address),
    readPlan: (next) => readPlanWizard(using(next), { locale: next }),
    savePlan: (changes) => savePlanWizard(using(changes.locale), changes),
  };
}
