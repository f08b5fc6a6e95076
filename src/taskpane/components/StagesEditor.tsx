import { Button, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { ErrorBar } from './ErrorBar';
import { ArrowDownRegular, ArrowUpRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { DEFAULT_STAGES, type StageConfig, type StageDefinition } from '../../core/pipeline/stages';
import { useStrings } from '../strings';
import { stageProblems } from './validate';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 64px 28px 28px 28px', columnGap: tokens.spacingHorizontalXS, alignItems: 'start' },
  head: { color: tokens.colorNeutralForeground3 },
  cell: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // Fluent's inputs and buttons have minimum widths made for wider panes: let them shrink into the 270 px grid.
  input: { minWidth: 0, width: '100%' },
  icon: { minWidth: 0, paddingLeft: 0, paddingRight: 0 },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  actions: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS },
});

interface Row extends StageDefinition {
  /** Typed in: its messages show from then on. */
  touched?: boolean;
  /** The probability as typed, in percent: checked before it becomes a number. */
  percent: string;
}

const rowOf = (s: StageDefinition): Row => ({ ...s, percent: String(Math.round(s.probability * 100)) });

export interface StagesEditorProps {
  initial: StageConfig;
  /** Stage values of the last run that match no stage: listed, and one click adds them. */
  unmatched?: readonly string[];
  /** Resolves with an error message when the save failed. */
  onSave(stages: StageConfig): Promise<string | null | void>;
}

/** Stage names, order and probabilities with inline checks (unique, named, 0–100 %); invalid stages are never saved. */
export function StagesEditor({ initial, unmatched = [], onSave }: StagesEditorProps) {
  const styles = useStyles();
  const { tr } = useStrings();
  const [rows, setRows] = useState<Row[]>(initial.stages.map(rowOf));
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const problems = stageProblems(
    rows,
    rows.map((r) => r.percent),
    [initial.won.name, initial.lost.name],
  );
  const invalid = problems.none || problems.names.some(Boolean) || problems.probabilities.some(Boolean);
  const missing = unmatched.filter((u) => !rows.some((r) => r.name.trim().toLowerCase() === u.trim().toLowerCase()));
  const edit = (next: Row[]) => {
    setSaved(false);
    setFailure(null);
    setRows(next);
  };
  const change = (i: number, patch: Partial<Row>) => edit(rows.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    edit(next);
  };
  async function save() {
    setTried(true);
    if (invalid) return;
    const stages = rows.map((r) => ({ ...stripRow(r), name: r.name.trim(), probability: Number(r.percent) / 100 }));
    const error = await onSave({ ...initial, stages });
    if (error) setFailure(error);
    else setSaved(true);
  }
  // Messages show as the user types (not on leaving a field: the layout would move under the click on Save) or on Save; a fresh blank row is not an error yet.
  const shown = (i: number, which: 'names' | 'probabilities') => (tried || rows[i]!.touched ? problems[which][i] : null);
  return (
    <div className={styles.panel} role="group" aria-label={tr('pane.stages')}>
      <Text weight="semibold">{tr('pane.stages')}</Text>
      {missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{tr('pane.stages.unmatched', { values: missing.join(', ') })}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => edit([...rows, ...missing.map((name) => ({ name, probability: 0.5, percent: '50', touched: true }))])}>
              {tr('pane.stages.addUnmatched')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div className={styles.row} aria-hidden>
        <Text size={200} className={styles.head}>
          {tr('pane.stages.header.name')}
        </Text>
        <Text size={200} className={styles.head}>
          {tr('pane.stages.header.probability')}
        </Text>
      </div>
      {rows.map((s, i) => {
        const nameProblem = shown(i, 'names');
        const percentProblem = shown(i, 'probabilities');
        const nameId = `stage-${i}-name-error`;
        const percentId = `stage-${i}-percent-error`;
        return (
          <div className={styles.row} key={i}>
            <div className={styles.cell}>
              <Input
                className={styles.input}
                aria-label={tr('pane.stages.name', { n: i + 1 })}
                aria-invalid={nameProblem ? true : undefined}
                aria-describedby={nameProblem ? nameId : undefined}
                value={s.name}
                onChange={(_, d) => change(i, { name: d.value, touched: true })}
              />
              {nameProblem && (
                <Text id={nameId} size={200} className={styles.error}>
                  {tr(nameProblem.key)}
                </Text>
              )}
            </div>
            <div className={styles.cell}>
              <Input
                className={styles.input}
                aria-label={tr('pane.stages.probability', { n: i + 1 })}
                aria-invalid={percentProblem ? true : undefined}
                aria-describedby={percentProblem ? percentId : undefined}
                inputMode="numeric"
                value={s.percent}
                onChange={(_, d) => change(i, { percent: d.value, touched: true })}
              />
              {percentProblem && (
                <Text id={percentId} size={200} className={styles.error}>
                  {tr(percentProblem.key)}
                </Text>
              )}
            </div>
            <Button
              className={styles.icon}
              size="small"
              appearance="subtle"
              icon={<ArrowUpRegular />}
              aria-label={tr('pane.stages.up', { n: i + 1 })}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            />
            <Button
              className={styles.icon}
              size="small"
              appearance="subtle"
              icon={<ArrowDownRegular />}
              aria-label={tr('pane.stages.down', { n: i + 1 })}
              disabled={i === rows.length - 1}
              onClick={() => move(i, 1)}
            />
            <Button
              className={styles.icon}
              size="small"
              appearance="subtle"
              icon={<DeleteRegular />}
              aria-label={tr('pane.stages.remove', { n: i + 1 })}
              onClick={() => edit(rows.filter((_, k) => k !== i))}
            />
          </div>
        );
      })}
      {problems.none && <Text className={styles.error}>{tr('pane.stages.error.none')}</Text>}
      <Text size={200}>{tr('pane.stages.terminal', { won: initial.won.name, lost: initial.lost.name })}</Text>
      <div className={styles.actions}>
        <Button onClick={() => edit([...rows, { name: '', probability: 0.5, percent: '50' }])}>{tr('pane.stages.add')}</Button>
        <Button onClick={() => edit(DEFAULT_STAGES.stages.map(rowOf))}>{tr('pane.stages.default')}</Button>
        <Button appearance="primary" onClick={() => void save()}>
          {tr('pane.stages.save')}
        </Button>
      </div>
      {tried && invalid && <ErrorBar>{tr('pane.stages.error.invalid')}</ErrorBar>}
      {failure && <ErrorBar>{failure}</ErrorBar>}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{tr('pane.stages.saved')}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** The stage as saved: what the editor kept beside it (the typed percent, the touched flag) left out. */
function stripRow({ percent: _percent, touched: _touched, ...stage }: Row): StageDefinition {
  return stage;
}
