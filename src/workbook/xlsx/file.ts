import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { csvToValues } from '../csv';
import { WorkbookError } from '../port';
import { XlsxWorkbook } from './xlsx-workbook';

export interface OpenedWorkbook {
  workbook: XlsxWorkbook;
  /** True when the input was a CSV, turned into a one-sheet workbook. */
  fromCsv: boolean;
}

/** Opens an .xlsx file, or a .csv as a workbook with one sheet named after the file. */
export async function openWorkbookFile(file: string): Promise<OpenedWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookError('notAWorkbook', code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${(e as Error).message}`);
  }
  if (path.extname(file).toLowerCase() === '.csv') {
    const workbook = XlsxWorkbook.create();
    workbook.addValuesSheet(csvSheetName(file), csvToValues(bytes.toString('utf8')));
    return { workbook, fromCsv: true };
  }
  return { workbook: await XlsxWorkbook.fromBytes(bytes), fromCsv: false };
}

/** A sheet name from a file name: at most 31 characters, none of `[]:*?/\`. */
export function csvSheetName(file: string): string {
  return path.basename(file, path.extname(file)).replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Pipeline';
}

/**
 * Writes the workbook atomically: a temporary file beside the target, then a
 * rename, so a failed run leaves the original file untouched.
 */
export async function saveWorkbookFile(workbook: XlsxWorkbook, file: string): Promise<void> {
  const bytes = await workbook.toBytes();
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new WorkbookError('writeFailed', `Cannot write ${file}: ${(e as Error).message}`);
  }
}
