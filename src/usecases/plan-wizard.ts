import type { Locale } from '../core/i18n';
import type { SalesPlanEdits } from '../core/planning/plan-edits';
import type { SalesPlan } from '../core/planning/sales-plan';
import type { RiskRegister } from '../core/risk/register';
import type { RiskEdit } from '../core/risk/risk-edits';
import type { WorkbookPort } from '../workbook/port';
import { createOrUpdateSalesPlan, readSalesPlanState } from './plan';
import { checkRiskEdits, createOrUpdateRiskRegister, readRiskRegisterState, type RiskDraft } from './risks';
import type { UseCaseError } from './use-case-error';

/** What the task pane's plan wizard opens with: the plan and the register as the sheets hold them. */
export interface PlanWizardState {
  plan: SalesPlan;
  planExists: boolean;
  register: RiskRegister;
  registerExists: boolean;
}

/** What the wizard asks to save: only what the user changed or added in it. */
export interface PlanWizardChanges {
  locale: Locale;
  plan: SalesPlanEdits;
  /** New risks, starter risks the user inserted included; appended to the register with the next free IDs. */
  addRisks: RiskDraft[];
  /** Changes to risks already in the register: by ID, only the cells the user changed. */
  editRisks?: RiskEdit[];
}

export type PlanWizardSaved =
  | { ok: true; planSheet: string; riskSheet: string; goals: number; targets: number; risks: number }
  /** `saved` names the sheets written before the failure (the plan is written first). */
  | { ok: false; error: UseCaseError; saved: string[] };

/** Reads both sheets for the wizard (Sales Plan first); nothing is written. */
export async function readPlanWizard(
  port: WorkbookPort,
  options: { locale: Locale },
): Promise<{ ok: true; state: PlanWizardState } | { ok: false; error: UseCaseError }> {
  const plan = await readSalesPlanState(port, { locale: options.locale });
  if (!plan.ok) return plan;
  const risks = await readRiskRegisterState(port, { locale: options.locale });
  if (!risks.ok) return risks;
  return { ok: true, state: { plan: plan.plan, planExists: plan.exists, register: risks.register, registerExists: risks.exists } };
}

/**
 * Saves the wizard through the same use cases as the CLI: `Sales Plan`
 * with the wizard's cell edits, then `Risk Register` with the risk edits
 * and new risks. Each rereads its sheet first, so whatever the user typed in
 * the sheets meanwhile — rows added by hand included — is kept. The risk
 * edits are checked against the register before the plan is written, so a
 * conflict in either sheet (`sheetChanged`) saves nothing.
 */
export async function savePlanWizard(port: WorkbookPort, changes: PlanWizardChanges): Promise<PlanWizardSaved> {
  const editRisks = changes.editRisks ?? [];
  const conflict = await checkRiskEdits(port, { locale: changes.locale, editRisks });
  if (conflict) return { ok: false, error: conflict, saved: [] };
  const plan = await createOrUpdateSalesPlan(port, { locale: changes.locale, edits: changes.plan });
  if (!plan.ok) return { ok: false, error: plan.error, saved: [] };
  const risks = await createOrUpdateRiskRegister(port, { locale: changes.locale, addRisks: changes.addRisks, editRisks });
  if (!risks.ok) return { ok: false, error: risks.error, saved: [plan.sheet] };
  return { ok: true, planSheet: plan.sheet, riskSheet: risks.sheet, goals: plan.goals, targets: plan.targets.length, risks: risks.risks };
}
