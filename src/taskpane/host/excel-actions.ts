import type { Locale } from '../../core/i18n';
import { generateMonthlyReport, type GenerateReportResult } from '../../usecases/generate-report';
import { inspectPipeline, saveMapping, saveStages } from '../../usecases/inspect-pipeline';
import { readPlanWizard, savePlanWizard } from '../../usecases/plan-wizard';
import { createOfficePort, type LocalePort } from '../../workbook/office/office-port';
import type { WorkbookPort } from '../../workbook/port';
import type { PaneActions } from '../actions';
import type { EngineClient } from '../engine/engine-client';
import { stopWhenAborted } from './stop-when-aborted';

/**
 * Inside Excel: the use cases run on the Office.js adapter against the open
 * workbook. The adapter's own messages (a protected workbook, a clean-up
 * left to do) follow the language of the last action that named one.
 * `engine` (the worker) computes the report while Office.js reads and
 * writes stay on the page, so the shared runtime the FUNNEL.* functions use
 * is never blocked by a run; without it the run computes on the page.
 */
export function excelActions(port?: WorkbookPort, engine?: (port: WorkbookPort) => EngineClient | null): PaneActions {
  let locale: Locale = 'en-US';
  const office = port ?? createOfficePort(undefined, { locale: () => locale });
  const using = (next: Locale | undefined): WorkbookPort => ((locale = next ?? locale), office);
  const worker = engine?.(office) ?? null;
  return {
    host: 'excel',
    generate: async ({ signal, onProgress, shouldStop: _unused, ...given }) => {
      using(given.locale);
      // SPEC §9: text amounts such as `1,234` read by the workbook's locale, which Excel knows.
      const decimal = given.decimalSeparator ?? (hasLocale(office) ? await office.decimalSeparator() : null);
      const options = decimal === null ? given : { ...given, decimalSeparator: decimal };
      if (worker) return worker.call<GenerateReportResult>('generate', [options, true], { onProgress, signal });
      return generateMonthlyReport(office, { ...options, onProgress, shouldStop: stopWhenAborted(signal) });
    },
    dealColumnsOption: async () => (await office.readSettings()).dealColumns === true,
    inspect: (sheet, next) => inspectPipeline(using(next), { sheet, locale: next }),
    saveMapping: (sheet, mapping, next) => saveMapping(using(next), sheet, mapping, next),
    saveStages: (stages, next) => saveStages(using(next), stages, next),
    selectCell: (sheet, address) => office.selectCell(sheet, address),
    readPlan: (next) => readPlanWizard(using(next), { locale: next }),
    savePlan: (changes) => savePlanWizard(using(changes.locale), changes),
  };
}

function hasLocale(port: WorkbookPort): port is WorkbookPort & LocalePort {
  return typeof (port as Partial<LocalePort>).decimalSeparator === 'function';
}
