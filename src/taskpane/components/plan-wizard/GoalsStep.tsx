import { Dropdown, Field, Option } from '@fluentui/react-components';
import type { MessageKey } from '../../../core/i18n';
import type { WizardSectionKey } from '../../../core/planning/plan-edits';
import type { CellValue } from '../../../core/util/cell';
import { useStrings } from '../../strings';
import { DateField, Group, NumberField, TextField, useFieldStyles } from './fields';
import { sectionLabel, type WizardForm } from './wizard-model';

export type OnCell = (section: WizardSectionKey, row: number, column: string, value: CellValue) => void;

const METRICS: readonly MessageKey[] = ['plan.metric.revenue', 'plan.metric.satisfaction', 'plan.metric.retention', 'plan.metric.newCustomers'];
/** The option standing for a metric the user typed in the sheet that is none of the key metrics. */
const TYPED = '__typed__';

/** Step 1: a goal per horizon (short, mid, long term) and any goal the user added in the sheet. */
export function GoalsStep({ form, onCell }: { form: WizardForm; onCell: OnCell }) {
  const styles = useFieldStyles();
  const { tr, locale } = useStrings();
  const seen = new Map<string, number>();
  return (
    <>
      {form.rows.goals.map((row, i) => {
        const horizon = sectionLabel('goals', row.horizon ?? null, locale) || tr('pane.plan.goal.unnamed', { n: i + 1 });
        const n = (seen.get(horizon) ?? 0) + 1;
        seen.set(horizon, n);
        const set = (column: string) => (value: CellValue) => onCell('goals', i, column, value);
        return (
          <Group key={i} legend={n > 1 ? `${horizon} (${n})` : horizon}>
            <TextField label={tr('plan.col.goal')} value={row.goal} onChange={set('goal')} />
            <MetricField value={row.metric ?? null} onChange={set('metric')} />
            <div className={styles.pair}>
              <NumberField label={tr('plan.col.baseline')} value={row.baseline} onChange={set('baseline')} />
              <NumberField label={tr('plan.col.target')} value={row.target} onChange={set('target')} />
            </div>
            <DateField label={tr('plan.col.deadline')} value={row.deadline} onChange={set('deadline')} />
            <TextField label={tr('plan.col.owner')} value={row.owner} onChange={set('owner')} />
          </Group>
        );
      })}
    </>
  );
}

/** The goal's metric: one of the key metrics (a revenue goal measures itself on the data), or what the sheet holds. */
function MetricField({ value, onChange }: { value: CellValue; onChange(value: CellValue): void }) {
  const styles = useFieldStyles();
  const { tr, locale } = useStrings();
  const shown = sectionLabel('goals', value, locale);
  const key = METRICS.find((k) => tr(k) === shown);
  return (
    <Field label={tr('plan.col.metric')}>
      <Dropdown
        className={styles.input}
        placeholder={tr('pane.plan.choose')}
        value={shown}
        selectedOptions={key ? [key] : shown ? [TYPED] : []}
        onOptionSelect={(_, d) => {
          if (d.optionValue && d.optionValue !== TYPED) onChange(tr(d.optionValue as MessageKey));
        }}
      >
        {METRICS.map((k) => (
          <Option key={k} value={k}>
            {tr(k)}
          </Option>
        ))}
        {shown && !key ? <Option value={TYPED}>{shown}</Option> : null}
      </Dropdown>
    </Field>
  );
}
