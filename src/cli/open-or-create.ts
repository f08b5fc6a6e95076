import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WorkbookError } from '../workbook/port';
import { openWorkbookFile } from '../workbook/xlsx/file';
import { XlsxWorkbook } from '../workbook/xlsx/xlsx-workbook';
import type { Output } from './output';

/**
 * The workbook the plan and risk commands write into: opened when the file
 * exists, else a new empty one (the plan can start before any data).
 * Null, with the reason said, when the file cannot be used.
 */
export async function openOrCreateWorkbook(file: string, out: Output): Promise<XlsxWorkbook | null> {
  if (path.extname(file).toLowerCase() !== '.xlsx') {
    out.error(`${file}: the sales plan and the risk register are written into an .xlsx workbook.`);
    return null;
  }
  const exists = await fs.stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return XlsxWorkbook.create();
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
