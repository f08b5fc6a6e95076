import type { GenerateReportOptions, GenerateReportResult } from '../usecases/generate-report';

/**
 * What the pane can ask of its host. Components receive these as props and
 * never call Excel.run themselves, so they are tested with a fake.
 */
export interface PaneActions {
  host: 'excel' | 'browser';
  /** Browser mode only: open an .xlsx file the user picked. */
  openFile?(file: File): Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  generate(options: GenerateReportOptions): Promise<GenerateReportResult>;
  /** Browser mode only: download the workbook with the report. */
  download?(): Promise<void>;
  /** Selects the offending cell of a data issue in the pipeline sheet. */
  selectCell(sheet: string, address: string): Promise<void>;
}
