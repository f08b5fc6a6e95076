import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { csvToValues } from '../csv';
import { WorkbookError } from '../port';
import { XlsxPackage } from '../xlsx-package/xlsx-package';
import { nodeZipCodec } from './node-zip-codec';

export interface OpenedWorkbook {
  workbook: XlsxPackage;
  /** True when the input was a CSV, turned into a one-sheet workbook. */
  fromCsv: boolean;
}

/**
 * Opens an .xlsx file as a package edited in place (the user's parts are
 * copied byte for byte when it is saved), or a .csv as a new workbook with
 * one sheet named after the file.
 */
export async function openWorkbookFile(file: string): Promise<OpenedWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookError('notAWorkbook', code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${(e as Error).message}`);
  }
  if (path.extname(file).toLowerCase() === '.csv') {
    const workbook = newWorkbook();
    workbook.addValuesSheet(csvSheetName(file), csvToValues(bytes.toString('utf8')));
    return { workbook, fromCsv: true };
  }
  return { workbook: XlsxPackage.fromBytes(bytes, { codec: nodeZipCodec }), fromCsv: false };
}

/** A new, empty workbook compressed with Node's zlib (add a sheet before saving). */
export function newWorkbook(): XlsxPackage {
  return XlsxPackage.create({ codec: nodeZipCodec });
}

/** A sheet name from a file name: at most 31 characters, none of `[]:*?/\`. */
export function csvSheetName(file: string): string {
  return path.basename(file, path.extname(file)).replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Pipeline';
}

/**
 * Writes the workbook atomically: the archive is streamed into a temporary
 * file beside the target, then renamed over it, so a failed run leaves the
 * original file untouched and the whole archive never sits in memory at once.
 */
export async function saveWorkbookFile(workbook: XlsxPackage, file: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(tmp, 'w');
    const out = handle;
    await workbook.writeTo(async (chunk) => {
      for (let at = 0; at < chunk.length; ) at += (await out.write(chunk, at, chunk.length - at)).bytesWritten;
    });
    await handle.close();
    handle = null;
    await fs.rename(tmp, file);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    if (e instanceof WorkbookError) throw e;
    throw new WorkbookError('writeFailed', `Cannot write ${file}: ${(e as Error).message}`);
  }
}
