import { Button, makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, tokens, useId } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import type { WizardSectionKey } from '../../core/planning/plan-edits';
import type { CellValue } from '../../core/util/cell';
import { monthKey, monthIndexOfSerial, serialFromDate } from '../../core/util/dates';
import type { PlanWizardSaved, PlanWizardState } from '../../usecases/plan-wizard';
import type { PaneActions } from '../actions';
import { useStrings } from '../strings';
import { GoalsStep } from './plan/GoalsStep';
import { MetricsStep } from './plan/MetricsStep';
import { RisksStep } from './plan/RisksStep';
import { StrategyStep } from './plan/StrategyStep';
import { changedRiskColumns, changesOf, formOf, nextTargetMonth, withCell, withRiskCell, type WizardForm } from './plan/wizard-model';

const useStyles = makeStyles({
  wizard: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  steps: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS, listStyleType: 'none', margin: 0, padding: 0 },
  step: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, outlineStyle: 'none' },
  muted: { color: tokens.colorNeutralForeground3 },
  footer: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'center' },
  // Back, Next and Save stay in view however long the step is (a step runs to thousands of pixels at 270 px).
  actionBar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
  },
});

const STEPS: readonly { name: MessageKey; hint: MessageKey }[] = [
  { name: 'pane.plan.step.goals', hint: 'pane.plan.goals.hint' },
  { name: 'pane.plan.step.metrics', hint: 'pane.plan.metrics.hint' },
  { name: 'pane.plan.step.strategy', hint: 'pane.plan.strategy.hint' },
  { name: 'pane.plan.step.risks', hint: 'pane.plan.risks.hint' },
];

type Loaded = { kind: 'loading' } | { kind: 'noWorkbook' } | { kind: 'error'; message: string } | { kind: 'ready'; state: PlanWizardState };
type SaveError = { message: string; saved: string[]; changed: boolean };

/**
 * The "Plan & risks" tab: a four-step wizard over the `Sales Plan` and
 * `Risk Register` sheets — goals, key metrics and monthly targets, strategy
 * and team, risks — opened with what the sheets hold and saved through the
 * host's actions, which write only what was changed here.
 */
export function PlanWizard({ actions }: { actions: PaneActions }) {
  const styles = useStyles();
  const { tr, locale } = useStrings();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [form, setForm] = useState<WizardForm | null>(null);
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<Extract<PlanWizardSaved, { ok: true }> | null>(null);
  const [error, setError] = useState<SaveError | null>(null);
  const headingId = useId('plan-step');
  const heading = useRef<HTMLHeadingElement>(null);
  const stepMoved = useRef(false);
  // The defaults of a new plan are written in the language the wizard was opened in; switching language later does not reload (and lose) the form.
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const load = useCallback(async () => {
    try {
      const read = await actions.readPlan(localeRef.current);
      if (read === null) return setLoaded({ kind: 'noWorkbook' });
      if (!read.ok) return setLoaded({ kind: 'error', message: read.error.message });
      setLoaded({ kind: 'ready', state: read.state });
      setForm(formOf(read.state));
    } catch (e) {
      setLoaded({ kind: 'error', message: (e as Error).message });
    }
  }, [actions]);

  useEffect(() => {
    void load();
  }, [load]);

  // Moving to another step takes the focus to its heading, so a screen reader reads where the user is.
  useEffect(() => {
    if (stepMoved.current) heading.current?.focus();
  }, [step]);

  if (loaded.kind === 'loading') return <Spinner size="small" label={tr('pane.plan.loading')} />;
  if (loaded.kind === 'noWorkbook') return <Text>{tr('pane.error.noWorkbook')}</Text>;
  if (loaded.kind === 'error' || form === null) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>{tr('pane.plan.error.read')}</MessageBarTitle>
          {loaded.kind === 'error' ? loaded.message : ''}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { state } = loaded;

  function go(to: number) {
    stepMoved.current = true;
    setStep(to);
  }

  const onCell = (section: WizardSectionKey, row: number, column: string, value: CellValue) => {
    setSaved(null);
    setForm((f) => f && withCell(f, section, row, column, value));
  };

  function addMonth() {
    setSaved(null);
    setForm((f) => f && { ...f, rows: { ...f.rows, targets: [...f.rows.targets, { month: nextTargetMonth(f.rows.targets, monthKey(monthIndexOfSerial(serialFromDate(new Date())))), target: null }] } });
  }

  /** Another row for the last row's month, for another owner's target (SPEC §8: the month's team target is the sum of its rows). */
  function addOwnerRow() {
    setSaved(null);
    setForm((f) => {
      const last = f?.rows.targets[f.rows.targets.length - 1];
      return f && last ? { ...f, rows: { ...f.rows, targets: [...f.rows.targets, { month: last.month ?? null, target: null, owner: null }] } } : f;
    });
  }

  async function save() {
    if (!form) return;
    // A monthly target typed here that is not a number would read as no target: never saved; step 2 says where.
    // (Text the sheet itself holds is left to the sheet.)
    if (form.rows.targets.some((row, i) => typeof row.target === 'string' && row.target !== form.base.targets[i]?.target)) {
      setSaved(null);
      setError({ message: tr('pane.targets.error.number'), saved: [], changed: false });
      return go(1);
    }
    setSaving(true);
    setError(null);
    setSaved(null);
    try {
      const result = await actions.savePlan(changesOf(form, locale));
      if (result.ok) {
        setSaved(result);
        // What was saved is now what the sheets hold: the next save compares with it.
        await load();
      } else setError({ message: result.error.message, saved: result.saved, changed: result.error.code === 'sheetChanged' });
    } catch (e) {
      setError({ message: (e as Error).message, saved: [], changed: false });
    } finally {
      setSaving(false);
    }
  }

  async function reload() {
    setError(null);
    setSaved(null);
    await load();
  }

  const last = step === STEPS.length - 1;
  return (
    <div className={styles.wizard}>
      <Text size={200}>{tr(state.planExists ? 'pane.plan.intro.existing' : 'pane.plan.intro.new')}</Text>
      <nav aria-label={tr('pane.plan.steps')}>
        <ol className={styles.steps}>
          {STEPS.map((s, i) => (
            <li key={s.name}>
              <Button size="small" appearance={i === step ? 'primary' : 'subtle'} aria-current={i === step ? 'step' : undefined} onClick={() => go(i)}>
                {`${i + 1}. ${tr(s.name)}`}
              </Button>
            </li>
          ))}
        </ol>
      </nav>
      <section className={styles.step} aria-labelledby={headingId}>
        <h2 id={headingId} ref={heading} tabIndex={-1} className={styles.heading}>
          {tr(STEPS[step]!.name)}
        </h2>
        <Text size={200} className={styles.muted}>
          {tr('pane.plan.stepOf', { n: step + 1, count: STEPS.length })}
        </Text>
        <Text size={200}>{tr(STEPS[step]!.hint)}</Text>
        {step === 0 && <GoalsStep form={form} onCell={onCell} />}
        {step === 1 && <MetricsStep form={form} onCell={onCell} onAddMonth={addMonth} onAddOwner={addOwnerRow} />}
        {step === 2 && <StrategyStep form={form} onCell={onCell} />}
        {step === 3 && (
          <RisksStep
            register={state.register}
            risks={form.risks}
            edited={form.risks.map((_, i) => changedRiskColumns(form, i).length > 0)}
            onEdit={(index, column, value) => {
              setSaved(null);
              setForm((f) => f && withRiskCell(f, index, column, value));
            }}
            onRevert={(index) => setForm((f) => f && { ...f, risks: f.risks.map((cells, i) => (i === index ? { ...f.riskBase[i]! } : cells)) })}
            newRisks={form.newRisks}
            onAdd={(risks) => {
              setSaved(null);
              setForm((f) => f && { ...f, newRisks: [...f.newRisks, ...risks] });
            }}
            onRemove={(index) => setForm((f) => f && { ...f, newRisks: f.newRisks.filter((_, k) => k !== index) })}
          />
        )}
      </section>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{tr('pane.plan.error.title')}</MessageBarTitle>
            {error.message}
            {error.saved.length > 0 && ` ${tr('pane.plan.error.partial', { sheets: error.saved.join(', ') })}`}
          </MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{tr('pane.plan.saved', { planSheet: saved.planSheet, goals: saved.goals, targets: saved.targets, riskSheet: saved.riskSheet, risks: saved.risks })}</MessageBarBody>
        </MessageBar>
      )}
      {saving && <Text role="status">{tr('pane.plan.saving')}</Text>}
      <div className={mergeClasses(styles.footer, styles.actionBar)}>
        <Button disabled={step === 0} onClick={() => go(step - 1)}>
          {tr('pane.plan.back')}
        </Button>
        {last ? (
          <Button appearance="primary" disabled={saving} onClick={() => void save()}>
            {tr('pane.plan.save')}
          </Button>
        ) : (
          <Button appearance="primary" onClick={() => go(step + 1)}>
            {tr('pane.plan.next')}
          </Button>
        )}
        {saved && actions.host === 'browser' && actions.download && <Button onClick={() => void actions.download!()}>{tr('pane.download')}</Button>}
      </div>
      <div className={styles.footer}>
        <Button appearance={error?.changed ? 'primary' : 'subtle'} size="small" onClick={() => void reload()}>
          {tr('pane.plan.reload')}
        </Button>
      </div>
    </div>
  );
}
