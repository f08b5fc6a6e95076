import type { Locale } from '../core/i18n';
import type { Field } from '../core/pipeline/fields';
import type { StageConfig } from '../core/pipeline/stages';
import type { GenerateReportOptions, GenerateReportResult } from '../usecases/generate-report';
import type { InspectResult } from '../usecases/inspect-pipeline';
import type { PlanWizardChanges, PlanWizardSaved, PlanWizardState } from '../usecases/plan-wizard';
import type { Saved, UseCaseError } from '../usecases/use-case-error';

/**
 * What the pane can ask of its host. Components receive these as props and
 * never call Excel.run themselves, so they are tested with a fake.
 */
export interface PaneActions {
  host: 'excel' | 'browser';
  /** Browser mode only: open an .xlsx or .csv file the user picked; a failure closes the workbook open before. */
  openFile?(file: File, locale: Locale): Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  /** Browser mode only: open the built-in sample pipeline (src/core/sample) as a new workbook. */
  openSample?(): Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  /** Runs the monthly report; aborting `signal` cancels it before anything is written (result `cancelled`). */
  generate(options: GenerateReportOptions & { signal?: AbortSignal }): Promise<GenerateReportResult>;
  /** Whether the deal forecast columns beside the pipeline are on, as the workbook's settings saved the option (issue #17); false with no workbook. */
  dealColumnsOption?(): Promise<boolean>;
  /** Browser mode only: download the workbook with the report. */
  download?(): Promise<void>;
  /** The pipeline sheet, its headers, the mapping in force and a preview; `inspection` null when there is nothing to inspect yet. */
  inspect(sheet: string | undefined, locale: Locale): Promise<InspectResult>;
  /** Saves the user's sheet and column mapping in the workbook. */
  saveMapping(sheet: string, mapping: Partial<Record<Field, string | null>>, locale: Locale): Promise<Saved>;
  /** Saves the stage names, order and probabilities in the workbook. */
  saveStages(stages: StageConfig, locale: Locale): Promise<Saved>;
  /** Selects the offending cell of a data issue in the pipeline sheet. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** The sales plan and the risk register as the sheets hold them (the wizard opens with these); null when no workbook is open yet. */
  readPlan(locale: Locale): Promise<{ ok: true; state: PlanWizardState } | { ok: false; error: UseCaseError } | null>;
  /** Writes `Sales Plan` and `Risk Register` with the wizard's changes, keeping everything else the sheets hold. */
  savePlan(changes: PlanWizardChanges): Promise<PlanWizardSaved>;
}
