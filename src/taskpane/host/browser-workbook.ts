import { XlsxWorkbook } from '../../workbook/xlsx/xlsx-workbook';

/** Browser mode: the workbook the user opened, held in memory, and its download. */
export class BrowserWorkbook {
  private constructor(
    readonly port: XlsxWorkbook,
    readonly fileName: string,
  ) {}

  static async open(file: File): Promise<BrowserWorkbook> {
    return new BrowserWorkbook(await XlsxWorkbook.fromBytes(new Uint8Array(await file.arrayBuffer())), file.name);
  }

  /** Offers the changed workbook as a download under the same name. */
  async download(): Promise<void> {
    const bytes = await this.port.toBytes();
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
