import { Button, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { DEFAULT_STAGES, type StageConfig, type StageDefinition } from '../../core/pipeline/stages';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 56px 28px 28px 28px', columnGap: tokens.spacingHorizontalXS, alignItems: 'center' },
  // Fluent's inputs and buttons have minimum widths made for wider panes: let them shrink into the 320 px grid.
  input: { minWidth: 0, width: '100%' },
  icon: { minWidth: 0, paddingLeft: 0, paddingRight: 0 },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS },
});

/** Stage names, order (up/down) and probabilities, with the default template one click away. */
export function StagesEditor({ initial, onSave }: { initial: StageConfig; onSave(stages: StageConfig): Promise<void> }) {
  const styles = useStyles();
  const { tr } = useStrings();
  const [stages, setStages] = useState<StageDefinition[]>(initial.stages);
  const [saved, setSaved] = useState(false);
  const edit = (next: StageDefinition[]) => {
    setSaved(false);
    setStages(next);
  };
  const move = (i: number, by: number) => {
    const next = [...stages];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    edit(next);
  };
  return (
    <div className={styles.panel}>
      <Text weight="semibold">{tr('pane.stages')}</Text>
      {stages.map((s, i) => (
        <div className={styles.row} key={i}>
          <Input className={styles.input} aria-label={tr('pane.stages.name', { n: i + 1 })} value={s.name} onChange={(_, d) => edit(stages.map((x, k) => (k === i ? { ...x, name: d.value } : x)))} />
          <Input
            className={styles.input}
            aria-label={tr('pane.stages.probability', { n: i + 1 })}
            type="number"
            value={String(Math.round(s.probability * 100))}
            onChange={(_, d) => edit(stages.map((x, k) => (k === i ? { ...x, probability: Number(d.value) / 100 } : x)))}
          />
          <Button className={styles.icon} size="small" appearance="subtle" aria-label={tr('pane.stages.up', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)}>
            ↑
          </Button>
          <Button className={styles.icon} size="small" appearance="subtle" aria-label={tr('pane.stages.down', { n: i + 1 })} disabled={i === stages.length - 1} onClick={() => move(i, 1)}>
            ↓
          </Button>
          <Button className={styles.icon} size="small" appearance="subtle" aria-label={tr('pane.stages.remove', { n: i + 1 })} onClick={() => edit(stages.filter((_, k) => k !== i))}>
            ×
          </Button>
        </div>
      ))}
      <Text size={200}>{tr('pane.stages.terminal', { won: initial.won.name, lost: initial.lost.name })}</Text>
      <div className={styles.actions}>
        <Button onClick={() => edit([...stages, { name: '', probability: 0.5 }])}>{tr('pane.stages.add')}</Button>
        <Button onClick={() => edit(DEFAULT_STAGES.stages)}>{tr('pane.stages.default')}</Button>
        <Button
          appearance="primary"
          onClick={async () => {
            await onSave({ ...initial, stages });
            setSaved(true);
          }}
        >
          {tr('pane.stages.save')}
        </Button>
      </div>
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{tr('pane.stages.saved')}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
