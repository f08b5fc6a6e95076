import { generateMonthlyReport } from '../../usecases/generate-report';
import { t } from '../../core/i18n';
import { inspectPipeline, saveMapping, saveStages } from '../../usecases/inspect-pipeline';
import { readPlanWizard, savePlanWizard } from '../../usecases/plan-wizard';
import { WorkbookError } from '../../workbook/port';
import type { PaneActions } from '../actions';
import { BrowserWorkbook } from './browser-workbook';

/** Browser mode: the use cases run on the .xlsx adapter over the file the user opened. */
export function browserActions(): PaneActions {
  let workbook: BrowserWorkbook | null = null;
  return {
    host: 'browser',
    async openFile(file) {
      try {
        workbook = await BrowserWorkbook.open(file);
        return { ok: true, name: file.name };
      } catch (e) {
        workbook = null;
        return { ok: false, message: e instanceof WorkbookError ? `${file.name}: ${e.message}` : `${file.name}: ${(e as Error).message}` };
      }
    },
    async generate(options) {
      if (!workbook) throw new Error('No workbook is open.');
      return generateMonthlyReport(workbook.port, { ...options, source: workbook.fileName });
    },
    async inspect(sheet) {
      return workbook ? inspectPipeline(workbook.port, { sheet }) : null;
    },
    async saveMapping(sheet, mapping) {
      if (workbook) await saveMapping(workbook.port, sheet, mapping);
    },
    async saveStages(stages) {
      if (workbook) await saveStages(workbook.port, stages);
    },
    async download() {
      await workbook?.download();
    },
    async selectCell() {
      // Nothing to select in a file: the pane shows the address.
    },
    async readPlan(locale) {
      return workbook ? readPlanWizard(workbook.port, { locale }) : null;
    },
    async savePlan(changes) {
      if (!workbook) return { ok: false, error: { code: 'noSheet', message: t(changes.locale, 'pane.error.noWorkbook') }, saved: [] };
      // The sheets change in memory; the user keeps them with Download.
      return savePlanWizard(workbook.port, changes);
    },
  };
}
