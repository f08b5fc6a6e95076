import type { ReportModel } from '../../core/report/model';
import type { WorkbookSettings } from '../../core/settings';
import type { SheetValues } from '../../core/util/cell';
import { SETTINGS_SHEET, type SheetInfo, type WorkbookPort } from '../port';
import { applyReportOffice } from './apply-report';
import { hostHasFunnelCharts, hostRewritesInPlace } from './capabilities';
import { type ExcelRun, officeRun } from './excel-run';
import { type RetryOptions, retryInCellEditMode, toWorkbookError } from './office-errors';
import { readSettingsSheet, writeSettingsSheet } from './settings-sheet';
import { readSheetValues } from './read-sheet';

export interface OfficePortOptions extends RetryOptions {
  /** Host capability; probed from Office when absent. */
  funnelCharts?: boolean;
  /** Host capability (ExcelApi 1.13): the data sheet is rewritten in place, so older report tabs keep their references; probed when absent. */
  inPlaceData?: boolean;
  /** Unique token for temporary names; time-based by default. */
  token?: () => string;
}

let runCounter = 0;
const defaultToken = (): string => `${Date.now().toString(36)}${(runCounter++ % 1296).toString(36)}`;

/**
 * The WorkbookPort over Office.js. Every operation is one `Excel.run`
 * (`return await` inside `try`, so Office errors are caught and mapped by
 * their code to WorkbookError), retried while the user is editing a cell.
 */
export function createOfficePort(run: ExcelRun = officeRun, options: OfficePortOptions = {}): WorkbookPort {
  const guarded = async <T>(what: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await retryInCellEditMode(() => run(batch), options);
    } catch (e) {
      throw toWorkbookError(e, what);
    }
  };

  return {
    listSheets: () =>
      guarded('Listing the sheets', async (context): Promise<SheetInfo[]> => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name,items/visibility');
        await context.sync();
        return sheets.items.filter((s) => s.name !== SETTINGS_SHEET).map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
      }),

    activeSheet: () =>
      guarded('Finding the active sheet', async (context): Promise<string | null> => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load('name');
        await context.sync();
        return sheet.name;
      }),

    readSheet: (name: string) => guarded(`Reading the sheet "${name}"`, (context): Promise<SheetValues> => readSheetValues(context, name)),

    applyReport: async (model: ReportModel) => {
      const funnelCharts = options.funnelCharts ?? hostHasFunnelCharts();
      const inPlaceData = options.inPlaceData ?? hostRewritesInPlace();
      try {
        // A fresh token per attempt: a retry never meets a leftover of the attempt before.
        return await retryInCellEditMode(() => applyReportOffice(run, model, { funnelCharts, inPlaceData, token: (options.token ?? defaultToken)() }), options);
      } catch (e) {
        throw toWorkbookError(e, 'Writing the report');
      }
    },

    readSettings: () => guarded('Reading the settings', (context): Promise<WorkbookSettings> => readSettingsSheet(context)),

    writeSettings: (settings: WorkbookSettings) => guarded('Saving the settings', (context) => writeSettingsSheet(context, settings)),

    selectCell: (sheet: string, address: string) =>
      guarded(`Selecting ${sheet}!${address}`, async (context) => {
        const target = context.workbook.worksheets.getItem(sheet);
        target.activate();
        target.getRange(address).select();
        await context.sync();
      }),
  };
}
