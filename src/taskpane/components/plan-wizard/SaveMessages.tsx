import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { PlanWizardSaved } from '../../../usecases/plan-wizard';
import { useStrings } from '../../strings';

/** Why a save failed, the sheets it saved before failing, and whether a sheet changed under the wizard (then Reload is the way on). */
export type SaveError = { message: string; saved: string[]; changed: boolean };

/** A failed save: its message and what of it was saved. */
export function SaveErrorBar({ error }: { error: SaveError }) {
  const { tr } = useStrings();
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>{tr('pane.plan.error.title')}</MessageBarTitle>
        {error.message}
        {error.saved.length > 0 && ` ${tr('pane.plan.error.partial', { sheets: error.saved.join(', ') })}`}
      </MessageBarBody>
    </MessageBar>
  );
}

/** A save that went in: the sheets and how many goals, targets and risks it wrote. */
export function SavedBar({ saved }: { saved: Extract<PlanWizardSaved, { ok: true }> }) {
  const { tr } = useStrings();
  return (
    <MessageBar intent="success">
      <MessageBarBody>
        {tr('pane.plan.saved', { planSheet: saved.planSheet, goals: saved.goals, targets: saved.targets, riskSheet: saved.riskSheet, risks: saved.risks })}
      </MessageBarBody>
    </MessageBar>
  );
}
