import { Field, Input, makeStyles, shorthands, Text, Textarea, tokens } from '@fluentui/react-components';
import { type ReactNode, useEffect, useState } from 'react';
import type { CellValue } from '../../../core/util/cell';
import { dateCell, dateText, inputText, numberCell, textCell } from './wizard-model';

export const useFieldStyles = makeStyles({
  // A fieldset's default min-width is its content's: without 0 a long value would push the pane sideways.
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    margin: 0,
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalS),
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens.colorNeutralStroke2),
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
  },
  legend: { fontWeight: tokens.fontWeightSemibold, ...shorthands.padding(0, tokens.spacingHorizontalXS), maxWidth: '100%', overflowWrap: 'anywhere' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  // Fluent's inputs have minimum widths made for wider panes: let them shrink into 320 px.
  input: { minWidth: 0, width: '100%' },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** A titled group of fields (a goal, a metric, an area): a fieldset, so screen readers announce its legend with each field. */
export function Group({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  const styles = useFieldStyles();
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{legend}</legend>
      {hint && (
        <Text size={200} className={styles.hint}>
          {hint}
        </Text>
      )}
      {children}
    </fieldset>
  );
}

interface CellFieldProps {
  label: string;
  value: CellValue | undefined;
  onChange(value: CellValue): void;
}

/** Free text; `multiline` for plans and actions. */
export function TextField({ label, value, onChange, multiline }: CellFieldProps & { multiline?: boolean }) {
  const styles = useFieldStyles();
  return (
    <Field label={label}>
      {multiline ? (
        <Textarea className={styles.input} resize="vertical" value={inputText(value)} onChange={(_, d) => onChange(textCell(d.value))} />
      ) : (
        <Input className={styles.input} value={inputText(value)} onChange={(_, d) => onChange(textCell(d.value))} />
      )}
    </Field>
  );
}

/**
 * A number; a text input, so a value the sheet holds as text ("TBD") is shown and kept as typed. `numbersOnly`
 * (the monthly targets attainment reads) says inline when the text is not a number.
 */
export function NumberField({ label, value, onChange, numbersOnly, notANumber }: CellFieldProps & { numbersOnly?: boolean; notANumber?: string }) {
  const styles = useFieldStyles();
  // The text as typed, so "1." or "1," on the way to "1.5" or "1,000" stays on screen.
  const [text, setText] = useState(inputText(value));
  useEffect(() => {
    setText((typed) => (numberCell(typed) === (value ?? null) ? typed : inputText(value)));
  }, [value]);
  const wrong = numbersOnly === true && typeof numberCell(text) === 'string';
  return (
    <Field label={label} validationState={wrong ? 'error' : 'none'} validationMessage={wrong ? notANumber : undefined}>
      <Input
        className={styles.input}
        inputMode="decimal"
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          onChange(numberCell(d.value));
        }}
      />
    </Field>
  );
}

/** A date, kept in the sheet as an Excel serial. */
export function DateField({ label, value, onChange }: CellFieldProps) {
  const styles = useFieldStyles();
  return (
    <Field label={label}>
      <Input className={styles.input} type="date" value={dateText(value)} onChange={(_, d) => onChange(dateCell(d.value))} />
    </Field>
  );
}
