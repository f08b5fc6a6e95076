import { Text } from '@fluentui/react-components';
import type { MessageKey } from '../../../core/i18n';
import type { CellValue } from '../../../core/util/cell';
import { useStrings } from '../../strings';
import { Group, TextField } from './fields';
import type { OnCell } from './GoalsStep';
import { sectionLabel, type WizardForm } from './wizard-model';

/** The text fields of one area row: column, its label, and whether it takes several lines. */
type AreaFields = readonly (readonly [column: string, label: MessageKey, multiline: boolean])[];

const STRATEGY_FIELDS: AreaFields = [
  ['plan', 'plan.col.plan', true],
  ['actions', 'plan.col.actions', true],
  ['owner', 'plan.col.owner', false],
];
const TEAM_FIELDS: AreaFields = [
  ['current', 'plan.col.current', true],
  ['plan', 'plan.col.plan', true],
  ['owner', 'plan.col.owner', false],
];

/** Step 3: strategy (positioning, pricing, channels, promotions) and team (structure, headcount, training, incentives). */
export function StrategyStep({ form, onCell }: { form: WizardForm; onCell: OnCell }) {
  const { tr } = useStrings();
  return (
    <>
      <Text as="h3" weight="semibold">
        {tr('pane.plan.strategy')}
      </Text>
      <AreaRows section="strategy" fields={STRATEGY_FIELDS} form={form} onCell={onCell} />
      <Text as="h3" weight="semibold">
        {tr('pane.plan.team')}
      </Text>
      <AreaRows section="team" fields={TEAM_FIELDS} form={form} onCell={onCell} />
    </>
  );
}

/** One group per area row of a section (its area named in the user's language), a field per column. */
function AreaRows({ section, fields, form, onCell }: { section: 'strategy' | 'team'; fields: AreaFields; form: WizardForm; onCell: OnCell }) {
  const { tr, locale } = useStrings();
  return form.rows[section].map((row, i) => (
    <Group key={i} legend={sectionLabel(section, row.area ?? null, locale) || tr('pane.plan.row', { n: i + 1 })}>
      {fields.map(([column, label, multiline]) => (
        <TextField
          key={column}
          multiline={multiline}
          label={tr(label)}
          value={row[column]}
          onChange={(value: CellValue) => onCell(section, i, column, value)}
        />
      ))}
    </Group>
  ));
}
