import type { Locale } from '../../core/i18n';
import type { ReportModel } from '../../core/report/model';
import type { WorkbookSettings } from '../../core/settings';
import type { SheetValues } from '../../core/util/cell';
import { SETTINGS_SHEET, type SheetInfo, WorkbookError, type WorkbookPort } from '../port';
import { applyReportOffice } from './apply-report';
import { REQUEST_BUDGET } from './blocks';
import { hostHasFunnelCharts, hostRewritesInPlace } from './capabilities';
import { type ExcelRun, officeRun } from './excel-run';
import { isOfficeError, OFFICE_CODES, type RetryOptions, retryInCellEditMode, toWorkbookError } from './office-errors';
import { readSettingsSheet, writeSettingsSheet } from './settings-sheet';
import { readSheetValues } from './read-sheet';
import { writeDealColumnsOffice } from './deal-columns';
import type { DealColumnsWrite } from '../../core/report/deal-columns';

/** What the Office adapter knows beside the port: the workbook's decimal separator (Excel's, per its settings). */
export interface LocalePort {
  decimalSeparator(): Promise<'.' | ',' | null>;
}

export interface OfficePortOptions extends RetryOptions {
  /** Host capability; probed from Office when absent. */
  funnelCharts?: boolean;
  /** Host capability (ExcelApi 1.13): the data sheet is rewritten in place, so older report tabs keep their references; probed when absent. */
  inPlaceData?: boolean;
  /** Unique token for temporary names; time-based by default. */
  token?: () => string;
  /** The language of the messages the user can act on; asked at each call (the pane can switch it). */
  locale?: () => Locale;
}

/**
 * Request budgets to try in turn when Excel refuses a request as too large
 * (RequestPayloadSizeLimitExceeded: Excel on the web's 5 MB limit, "Resource
 * limits and performance optimization for Office Add-ins"): our estimate of
 * a request's size leaves room for Office's envelope, but a host may count
 * differently; each retry rolls back first and halves the blocks.
 */
const BUDGETS = [REQUEST_BUDGET, REQUEST_BUDGET / 2, REQUEST_BUDGET / 4];

let runCounter = 0;
const defaultToken = (): string => `${Date.now().toString(36)}${(runCounter++ % 1296).toString(36)}`;

/**
 * The WorkbookPort over Office.js. Every operation is one `Excel.run`
 * (`return await` inside `try`, so Office errors are caught and mapped by
 * their code to WorkbookError), retried while the user is editing a cell.
 */
export function createOfficePort(run: ExcelRun = officeRun, options: OfficePortOptions = {}): WorkbookPort & LocalePort {
  const locale = (): Locale => options.locale?.() ?? 'en-US';
  const guarded = async <T>(what: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await retryInCellEditMode(() => run(batch), options);
    } catch (e) {
      throw toWorkbookError(e, what, locale());
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
        for (const [attempt, budget] of BUDGETS.entries()) {
          try {
            // A fresh token per attempt: a retry never meets a leftover of the attempt before.
            return await retryInCellEditMode(
              () =>
                applyReportOffice(run, model, {
                  funnelCharts,
                  inPlaceData,
                  budget,
                  locale: locale(),
                  retry: options,
                  token: (options.token ?? defaultToken)(),
                }),
              options,
            );
          } catch (e) {
            // Rolled back by now (a clean-up left undone is a WorkbookError): smaller requests next time.
            const tooLarge = isOfficeError(e) && e.code === OFFICE_CODES.requestTooLarge;
            if (!tooLarge || attempt === BUDGETS.length - 1) throw e;
          }
        }
        throw new WorkbookError('tooLarge', 'Writing the report: every request budget was refused.');
      } catch (e) {
        throw toWorkbookError(e, 'Writing the report', locale());
      }
    },

    writeDealColumns: (write: DealColumnsWrite) =>
      guarded(`Writing the deal columns into "${write.sheet}"`, (context) => writeDealColumnsOffice(context, write, locale())),

    readSettings: () => guarded('Reading the settings', (context): Promise<WorkbookSettings> => readSettingsSheet(context)),

    writeSettings: (settings: WorkbookSettings) => guarded('Saving the settings', (context) => writeSettingsSheet(context, settings)),

    // SPEC §9: the workbook's locale reads text amounts such as `1,234`; Excel says which separator it uses (ExcelApi 1.11, in the manifest's requirement
    // set).
    decimalSeparator: async () => {
      try {
        return await guarded('Reading the decimal separator', async (context) => {
          context.application.load('decimalSeparator');
          await context.sync();
          const sep = context.application.decimalSeparator;
          return sep === '.' || sep === ',' ? sep : null;
        });
      } catch {
        // No locale known is a state the rules handle (such amounts become data issues); it must not stop the run.
        return null;
      }
    },

    selectCell: (sheet: string, address: string) =>
      guarded(`Selecting ${sheet}!${address}`, async (context) => {
        const target = context.workbook.worksheets.getItem(sheet);
        target.activate();
        target.getRange(address).select();
        await context.sync();
      }),
  };
}
