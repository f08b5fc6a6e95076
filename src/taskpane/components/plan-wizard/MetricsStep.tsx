import { Button } from '@fluentui/react-components';
import { Fragment } from 'react';
import type { CellValue } from '../../../core/util/cell';
import { useStrings } from '../../strings';
import { Group, NumberField, TextField, useFieldStyles } from './fields';
import type { OnCell } from './GoalsStep';
import { monthText, sectionLabel, type WizardForm } from './wizard-model';

/** Step 2: baseline and target of each key metric, then the monthly Targets that attainment reads. */
export function MetricsStep({ form, onCell, onAddMonth, onAddOwner }: { form: WizardForm; onCell: OnCell; onAddMonth(): void; onAddOwner(): void }) {
  const styles = useFieldStyles();
  const { tr, locale } = useStrings();
  const last = form.rows.targets[form.rows.targets.length - 1];
  const lastMonth = last ? monthText(last.month) : '';
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
      <Group legend={tr('pane.plan.targets')} hint={tr('pane.plan.targets.ownerHint')}>
        {/* One line per Targets row: the month's target and, optionally, whose it is (SPEC §8). */}
        <div className={styles.pair}>
          {form.rows.targets.map((row, i) => {
            const month = monthText(row.month) || '—';
            return (
              <Fragment key={i}>
                <NumberField
                  label={month}
                  value={row.target}
                  onChange={(v) => onCell('targets', i, 'target', v)}
                  numbersOnly
                  notANumber={tr('pane.targets.error.number')}
                />
                <TextField label={tr('pane.plan.targets.owner', { month })} value={row.owner} onChange={(v) => onCell('targets', i, 'owner', v)} />
              </Fragment>
            );
          })}
        </div>
        <Button onClick={onAddMonth}>{tr('pane.plan.targets.add')}</Button>
        {lastMonth && <Button onClick={onAddOwner}>{tr('pane.plan.targets.addOwner', { month: lastMonth })}</Button>}
      </Group>
    </>
  );
}
