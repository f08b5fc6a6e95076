import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkbookError } from '../workbook/port';
import { newWorkbook, openWorkbookFile } from '../workbook/xlsx/file';
import type { XlsxPackage } from '../workbook/xlsx-package/xlsx-package';
import type { Output } from './output';

/**
 * The workbook the plan and risk commands write into: opened when the file
 * exists, else a new empty one (the plan can start before any data).
 * Null, with the reason said, when the file cannot be used.
 */
export async function openOrCreateWorkbook(file: string, out: Output): Promise<XlsxPackage | null> {
  if (path.extname(file).toLowerCase() !== '.xlsx') {
    out.error(`${file}: the sales plan and the risk register are written into an .xlsx workbook.`);
    return null;
  }
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return newWorkbook();
  try {
    return (await openWorkbookFile(file)).workbook;
  } catch (e) {
    if (e instanceof WorkbookError) {
      out.error(`${file}: ${e.message}`);
      return null;
    }
    throw e;
  }
}
