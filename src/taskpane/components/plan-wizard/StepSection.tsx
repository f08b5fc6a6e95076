import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Ref } from 'react';
import type { RiskRegister } from '../../../core/risk/register';
import { useStrings } from '../../strings';
import { GoalsStep, type OnCell } from './GoalsStep';
import { MetricsStep } from './MetricsStep';
import { RisksStep, type RisksStepProps } from './RisksStep';
import { STEPS } from './steps';
import { StrategyStep } from './StrategyStep';
import { changedRiskColumns, type WizardForm } from './wizard-model';

const useStyles = makeStyles({
  step: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, outlineStyle: 'none' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface StepSectionProps {
  step: number;
  /** The heading's id and ref: the wizard moves the focus to it when the step changes. */
  headingId: string;
  headingRef: Ref<HTMLHeadingElement>;
  form: WizardForm;
  register: RiskRegister;
  onCell: OnCell;
  onAddMonth(): void;
  onAddOwner(): void;
  /** The risks step's edits of the register's risks and of the new ones. */
  riskEdits: Pick<RisksStepProps, 'onEdit' | 'onRevert' | 'onAdd' | 'onRemove'>;
}

/** The current step: its heading, where it is of the four, its hint and its fields. */
export function StepSection({ step, headingId, headingRef, form, register, onCell, onAddMonth, onAddOwner, riskEdits }: StepSectionProps) {
  const styles = useStyles();
  const { tr } = useStrings();
  return (
    <section className={styles.step} aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.heading}>
        {tr(STEPS[step]!.name)}
      </h2>
      <Text size={200} className={styles.muted}>
        {tr('pane.plan.stepOf', { n: step + 1, count: STEPS.length })}
      </Text>
      <Text size={200}>{tr(STEPS[step]!.hint)}</Text>
      {step === 0 && <GoalsStep form={form} onCell={onCell} />}
      {step === 1 && <MetricsStep form={form} onCell={onCell} onAddMonth={onAddMonth} onAddOwner={onAddOwner} />}
      {step === 2 && <StrategyStep form={form} onCell={onCell} />}
      {step === 3 && (
        <RisksStep
          register={register}
          risks={form.risks}
          edited={form.risks.map((_, i) => changedRiskColumns(form, i).length > 0)}
          onEdit={riskEdits.onEdit}
          onRevert={riskEdits.onRevert}
          newRisks={form.newRisks}
          onAdd={riskEdits.onAdd}
          onRemove={riskEdits.onRemove}
        />
      )}
    </section>
  );
}
