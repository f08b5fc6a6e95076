import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Locale, t } from '../../core/i18n';
import { csvFailureMessage, readCsv } from '../csv';
import type { SheetValues } from '../../core/util/cell';
import { WorkbookError } from '../port';
import { XlsxPackage } from '../xlsx-package/xlsx-package';
import { type StagedFile, stageFile, writeFileAtomically } from './file-safety';
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
export async function openWorkbookFile(file: string, options: { locale?: Locale } = {}): Promise<OpenedWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbookError('notAWorkbook', code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${(e as Error).message}`);
  }
  if (path.extname(file).toLowerCase() === '.csv') {
    const workbook = newWorkbook();
    workbook.addValuesSheet(csvSheetName(file), readCsvFile(bytes, path.basename(file), options.locale ?? 'en-US'));
    return { workbook, fromCsv: true };
  }
  return { workbook: XlsxPackage.fromBytes(bytes, { codec: nodeZipCodec }), fromCsv: false };
}

/** A CSV's values in whatever encoding and delimiter it was saved with; refused naming what was tried. */
export function readCsvFile(bytes: Uint8Array, file: string, locale: Locale): SheetValues {
  const read = readCsv(bytes);
  if (!read.ok) throw new WorkbookError('notAWorkbook', csvFailureMessage(file, read, locale));
  return read.values;
}

/** A new, empty workbook compressed with Node's zlib (add a sheet before saving). */
export function newWorkbook(): XlsxPackage {
  return XlsxPackage.create({ codec: nodeZipCodec });
}

/** A sheet name from a file name: at most 31 characters, none of `[]:*?/\`. */
export function csvSheetName(file: string): string {
  return (
    path
      .basename(file, path.extname(file))
      .replace(/[[\]:*?/\\]/g, '_')
      .slice(0, 31) || 'Pipeline'
  );
}

/** A file written beside the workbook in the same run (the CLI's `--json`). */
export interface CompanionFile {
  file: string;
  bytes: Uint8Array;
}

/**
 * Writes the workbook safely (file-safety.ts): the archive is streamed into
 * a temporary file beside the real target and fsynced, then each companion
 * file is written atomically, and only then is the workbook renamed over
 * the target: a failure anywhere leaves the original file untouched (and,
 * when a companion failed, the workbook too: both or neither), and the
 * whole archive never sits in memory at once.
 */
export async function saveWorkbookFile(
  workbook: XlsxPackage,
  file: string,
  options: { companions?: readonly CompanionFile[]; locale?: Locale } = {},
): Promise<void> {
  const locale = options.locale ?? 'en-US';
  let staged: StagedFile | null = null;
  let writing = file;
  try {
    staged = await stageFile(file, (chunk) => workbook.writeTo(chunk));
    for (const c of options.companions ?? []) {
      writing = c.file;
      await writeFileAtomically(c.file, c.bytes);
    }
    writing = file;
    await staged.commit();
  } catch (e) {
    await staged?.discard();
    if (e instanceof WorkbookError) throw e;
    throw new WorkbookError('writeFailed', t(locale, 'file.writeFailed', { file: writing, reason: (e as Error).message, workbook: file }));
  }
}
