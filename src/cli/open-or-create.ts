import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Locale, t } from '../core/i18n';
import { WorkbookError, workbookErrorMessage } from '../workbook/port';
import { newWorkbook, openWorkbookFile } from '../workbook/node-file/file';
import type { XlsxPackage } from '../workbook/xlsx-package/xlsx-package';
import type { Output } from './output';

/**
 * The workbook the plan and risk commands write into: opened when the file
 * exists, else a new empty one (the plan can start before any data).
 * Null, with the reason said, when the file cannot be used.
 */
export async function openOrCreateWorkbook(file: string, out: Output, locale: Locale): Promise<XlsxPackage | null> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.xlsm') {
    out.error(t(locale, 'cli.workbookOnly', { file }));
    return null;
  }
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  // A macro-enabled workbook is edited, never made: a new one would have no VBA project to enable.
  if (!exists && ext === '.xlsm') {
    out.error(t(locale, 'cli.noXlsm', { file }));
    return null;
  }
  if (!exists) return newWorkbook();
  try {
    return (await openWorkbookFile(file)).workbook;
  } catch (e) {
    if (e instanceof WorkbookError) {
      out.error(`${file}: ${workbookErrorMessage(e, locale)}`);
      return null;
    }
    throw e;
  }
}
