import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text } from '@fluentui/react-components';
import type { PlanWizardState } from '../../../usecases/plan-wizard';
import { useStrings } from '../../strings';

/** Where reading the plan and register sheets stands. */
export type Loaded = { kind: 'loading' } | { kind: 'noWorkbook' } | { kind: 'error'; message: string } | { kind: 'ready'; state: PlanWizardState };

/** What the wizard shows until its form is ready: a spinner, no workbook, or why the sheets could not be read. */
export function WizardLoading({ loaded }: { loaded: Loaded }) {
  const { tr } = useStrings();
  if (loaded.kind === 'loading') return <Spinner size="small" label={tr('pane.plan.loading')} />;
  if (loaded.kind === 'noWorkbook') return <Text>{tr('pane.error.noWorkbook')}</Text>;
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        <MessageBarTitle>{tr('pane.plan.error.read')}</MessageBarTitle>
        {loaded.kind === 'error' ? loaded.message : ''}
      </MessageBarBody>
    </MessageBar>
  );
}
