import { Text } from '@fluentui/react-components';
import type { CellValue } from '../../../core/util/cell';
import { useStrings } from '../../strings';
import { Group, TextField } from './fields';
import type { OnCell } from './GoalsStep';
import { sectionLabel, type WizardForm } from './wizard-model';

/** Step 3: strategy (positioning, pricing, channels, promotions) and team (structure, headcount, training, incentives). */
export function StrategyStep({ form, onCell }: { form: WizardForm; onCell: OnCell }) {
  const { tr, locale } = useStrings();
  return (
    <>
      <Text as="h3" weight="semibold">
        {tr('pane.plan.strategy')}
      </Text>
      {form.rows.strategy.map((row, i) => {
        const set = (column: string) => (value: CellValue) => onCell('strategy', i, column, value);
        return (
          <Group key={i} legend={sectionLabel('strategy', row.area ?? null, locale) || tr('pane.plan.row', { n: i + 1 })}>
            <TextField multiline label={tr('plan.col.plan')} value={row.plan} onChange={set('plan')} />
            <TextField multiline label={tr('plan.col.actions')} value={row.actions} onChange={set('actions')} />
            <TextField label={tr('plan.col.owner')} value={row.owner} onChange={set('owner')} />
          </Group>
        );
      })}
      <Text as="h3" weight="semibold">
        {tr('pane.plan.team')}
      </Text>
      {form.rows.team.map((row, i) => {
        const set = (column: string) => (value: CellValue) => onCell('team', i, column, value);
        return (
          <Group key={i} legend={sectionLabel('team', row.area ?? null, locale) || tr('pane.plan.row', { n: i + 1 })}>
            <TextField multiline label={tr('plan.col.current')} value={row.current} onChange={set('current')} />
            <TextField multiline label={tr('plan.col.plan')} value={row.plan} onChange={set('plan')} />
            <TextField label={tr('plan.col.owner')} value={row.owner} onChange={set('owner')} />
          </Group>
        );
      })}
    </>
  );
}
