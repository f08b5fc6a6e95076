import { XlsxPackage } from '../../workbook/xlsx-package/xlsx-package';

/**
 * Browser mode: the workbook the user opened, held in memory, and its
 * download. It goes through the package-level adapter, which rewrites only
 * the add-in's own sheets: the user's charts, pivot tables and images come
 * back in the download byte for byte (and the pane ships without ExcelJS).
 */
export class BrowserWorkbook {
  private constructor(
    readonly port: XlsxPackage,
    readonly fileName: string,
  ) {}

  /** Throws `WorkbookError` (notAWorkbook, passwordProtected) for a file that is not an .xlsx workbook. */
  static async open(file: File): Promise<BrowserWorkbook> {
    return new BrowserWorkbook(XlsxPackage.fromBytes(new Uint8Array(await file.arrayBuffer())), file.name);
  }

  /** Offers the changed workbook as a download under the same name. */
  async download(): Promise<void> {
    const bytes = this.port.toBytes();
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = this.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
