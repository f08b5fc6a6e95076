import { makeStyles, Text, tokens, useId } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WizardSectionKey } from '../../core/planning/plan-edits';
import type { CellValue } from '../../core/util/cell';
import { monthKey, monthIndexOfSerial, serialFromDate } from '../../core/util/dates';
import type { PlanWizardSaved } from '../../usecases/plan-wizard';
import type { PaneActions } from '../actions';
import { useStrings } from '../strings';
import { type SaveError, SaveErrorBar, SavedBar } from './plan-wizard/SaveMessages';
import { StepNav } from './plan-wizard/StepNav';
import { StepSection, type StepSectionProps } from './plan-wizard/StepSection';
import { STEPS } from './plan-wizard/steps';
import { ReloadBar, StepActions } from './plan-wizard/WizardActions';
import { type Loaded, WizardLoading } from './plan-wizard/WizardLoading';
import { changesOf, formOf, nextTargetMonth, withCell, withRiskCell, type WizardForm } from './plan-wizard/wizard-model';

const useStyles = makeStyles({
  wizard: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
});

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

  if (loaded.kind !== 'ready' || form === null) return <WizardLoading loaded={loaded} />;
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
    setForm(
      (f) =>
        f && {
          ...f,
          rows: {
            ...f.rows,
            targets: [...f.rows.targets, { month: nextTargetMonth(f.rows.targets, monthKey(monthIndexOfSerial(serialFromDate(new Date())))), target: null }],
          },
        },
    );
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

  const riskEdits: StepSectionProps['riskEdits'] = {
    onEdit: (index, column, value) => {
      setSaved(null);
      setForm((f) => f && withRiskCell(f, index, column, value));
    },
    onRevert: (index) => setForm((f) => f && { ...f, risks: f.risks.map((cells, i) => (i === index ? { ...f.riskBase[i]! } : cells)) }),
    onAdd: (risks) => {
      setSaved(null);
      setForm((f) => f && { ...f, newRisks: [...f.newRisks, ...risks] });
    },
    onRemove: (index) => setForm((f) => f && { ...f, newRisks: f.newRisks.filter((_, k) => k !== index) }),
  };

  const last = step === STEPS.length - 1;
  return (
    <div className={styles.wizard}>
      <Text size={200}>{tr(state.planExists ? 'pane.plan.intro.existing' : 'pane.plan.intro.new')}</Text>
      <StepNav step={step} onGo={go} />
      <StepSection
        step={step}
        headingId={headingId}
        headingRef={heading}
        form={form}
        register={state.register}
        onCell={onCell}
        onAddMonth={addMonth}
        onAddOwner={addOwnerRow}
        riskEdits={riskEdits}
      />
      {error && <SaveErrorBar error={error} />}
      {saved && <SavedBar saved={saved} />}
      {saving && <Text role="status">{tr('pane.plan.saving')}</Text>}
      <StepActions
        step={step}
        last={last}
        saving={saving}
        onGo={go}
        onSave={() => void save()}
        onDownload={saved && actions.host === 'browser' && actions.download ? () => void actions.download!() : undefined}
      />
      <ReloadBar primary={error?.changed ?? false} onReload={() => void reload()} />
    </div>
  );
}
