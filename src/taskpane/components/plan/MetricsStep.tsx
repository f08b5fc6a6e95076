import { Button } from '@fluentui/react-components';
import type { CellValue } from '../../../core/util/cell';
import { useStrings } from '../../strings';
import { Group, NumberField, TextField, useFieldStyles } from './fields';
import type { OnCell } from './GoalsStep';
import { monthText, sectionLabel, type WizardForm } from './wizard-model';

/** Step 2: baseline and target of each key metric, then the monthly Targets that attainment reads. */
export function MetricsStep({ form, onCell, onAddMonth }: { form: WizardForm; onCell: OnCell; onAddMonth(): void }) {
  const styles = useFieldStyles();
  const { tr, locale } = useStrings();
  return (
    <>
      {form.rows.keyMetrics.map((row, i) => {
        const set = (column: string) => (value: CellValue) => onCell('keyMetrics', i, column, value);
        const name = sectionLabel('keyMetrics', row.metric ?? null, locale) || tr('pane.plan.row', { n: i + 1 });
        return (
          <Group key={i} legend={name} hint={sectionLabel('keyMetrics', row.definition ?? null, locale) || undefined}>
            <div className={styles.pair}>
              <NumberField label={tr('plan.col.baseline')} value={row.baseline} onChange={set('baseline')} />
              <NumberField label={tr('plan.col.target')} value={row.target} onChange={set('target')} />
            </div>
            <TextField label={tr('plan.col.owner')} value={row.owner} onChange={set('owner')} />
          </Group>
        );
      })}
      <Group legend={tr('pane.plan.targets')}>
        <div className={styles.pair}>
          {form.rows.targets.map((row, i) => (
            <NumberField key={i} label={monthText(row.month) || '—'} value={row.target} onChange={(v) => onCell('targets', i, 'target', v)} numbersOnly notANumber={tr('pane.targets.error.number')} />
          ))}
        </div>
        <Button onClick={onAddMonth}>{tr('pane.plan.targets.add')}</Button>
      </Group>
    </>
  );
}
