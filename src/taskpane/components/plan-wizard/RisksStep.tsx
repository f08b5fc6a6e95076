import { Badge, Button, Dropdown, Field, Input, makeStyles, Option, shorthands, Text, tokens, useId } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { Locale, Translate } from '../../../core/i18n';
import { localizeBandName, type RiskRegister } from '../../../core/risk/register';
import type { RiskInputColumn } from '../../../core/risk/register-columns';
import type { RiskCells } from '../../../core/risk/risk-edits';
import { bandLevel, riskScore } from '../../../core/risk/score';
import {
  CATEGORY_VOCABULARY,
  localizeChoice,
  RISK_CATEGORIES,
  RISK_STATUSES,
  RISK_STRATEGIES,
  STATUS_VOCABULARY,
  STRATEGY_VOCABULARY,
  type Vocabulary,
  vocabularyKey,
  vocabularyLabel,
} from '../../../core/risk/vocabulary';
import type { CellValue } from '../../../core/util/cell';
import type { RiskDraft } from '../../../usecases/risks';
import { useStrings } from '../../strings';
import { DateField, Group, TextField, useFieldStyles } from './fields';
import { missingStarterRisks } from './wizard-model';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'start',
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    ...shorthands.borderLeft(tokens.strokeWidthThick, 'solid', tokens.colorNeutralStroke1),
  },
  newItem: { ...shorthands.borderLeft(tokens.strokeWidthThick, 'solid', tokens.colorBrandStroke1) },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  title: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS, alignItems: 'center' },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'center' },
  // Fluent's small buttons are 64 px wide at least; the × needs no more than its glyph.
  remove: { minWidth: 0 },
  editItem: { ...shorthands.borderLeft(tokens.strokeWidthThick, 'solid', tokens.colorPaletteMarigoldBorderActive) },
  // The fields of a risk being edited take the item's whole width, under its text and button.
  editor: { gridColumn: '1 / -1', minWidth: 0 },
});

const RATINGS = [1, 2, 3, 4, 5] as const;

export interface RisksStepProps {
  register: RiskRegister;
  /** The register's risks as edited in the wizard (as read until the user edits one). */
  risks: readonly RiskCells[];
  /** Per register risk, whether the user changed it. */
  edited: readonly boolean[];
  newRisks: readonly RiskDraft[];
  onAdd(risks: RiskDraft[]): void;
  onRemove(index: number): void;
  onEdit(index: number, column: RiskInputColumn, value: CellValue): void;
  onRevert(index: number): void;
}

/** Step 4: the register's risks (each editable in place), the starter risks one click away, and a form for a new risk with the register's drop-downs. */
export function RisksStep({ register, risks, edited, newRisks, onAdd, onRemove, onEdit, onRevert }: RisksStepProps) {
  const styles = useStyles();
  const { tr, locale } = useStrings();
  const [inserted, setInserted] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const missing = missingStarterRisks(register.rows, newRisks, locale);
  const all = [...risks.map((cells) => ({ cells: cells, isNew: false })), ...newRisks.map((cells) => ({ cells, isNew: true }))];
  return (
    <>
      {all.length === 0 ? (
        <Text>{tr('pane.plan.risks.none')}</Text>
      ) : (
        <ul className={styles.list} aria-label={tr('pane.plan.risks.list')}>
          {all.map((risk, i) =>
            risk.isNew ? (
              <RiskItem key={i} risk={risk.cells} bands={register.bands} onRemove={() => onRemove(i - risks.length)} />
            ) : (
              <RiskItem
                key={i}
                risk={risk.cells}
                bands={register.bands}
                edit={{
                  open: open === i,
                  edited: edited[i] ?? false,
                  onToggle: () => setOpen((o) => (o === i ? null : i)),
                  onCell: (column, value) => onEdit(i, column, value),
                  onRevert: () => onRevert(i),
                }}
              />
            ),
          )}
        </ul>
      )}
      <div className={styles.actions}>
        <Button
          disabled={missing.length === 0}
          onClick={() => {
            onAdd(missing);
            setInserted(missing.length);
          }}
        >
          {tr('pane.plan.risks.starter')}
        </Button>
      </div>
      <Text size={200} role="status">
        {inserted !== null ? tr('pane.plan.risks.starterAdded', { count: inserted }) : missing.length === 0 ? tr('pane.plan.risks.starterPresent') : ''}
      </Text>
      <NewRiskForm onAdd={(risk) => onAdd([risk])} />
    </>
  );
}

interface RiskEditing {
  open: boolean;
  edited: boolean;
  onToggle(): void;
  onCell(column: RiskInputColumn, value: CellValue): void;
  onRevert(): void;
}

function RiskItem({ risk, bands, onRemove, edit }: { risk: RiskDraft; bands: RiskRegister['bands']; onRemove?: () => void; edit?: RiskEditing }) {
  const styles = useStyles();
  const editorId = useId('risk-edit');
  const toggle = useRef<HTMLButtonElement>(null);
  const { tr, locale } = useStrings();
  const title = String(risk.title ?? risk.description ?? '');
  const score = riskScore(risk.probability ?? null, risk.impact ?? null);
  const numericBands = bands.flatMap((b) => (typeof b.from === 'number' ? [{ name: b.name, from: b.from }] : []));
  const level = score === null ? null : bandLevel(score, numericBands);
  const facts = [localizeChoice(CATEGORY_VOCABULARY, risk.category ?? null, locale), localizeChoice(STATUS_VOCABULARY, risk.status ?? null, locale)].filter(
    (v) => v !== null && v !== '',
  );
  return (
    <li className={onRemove ? `${styles.item} ${styles.newItem}` : edit?.edited ? `${styles.item} ${styles.editItem}` : styles.item}>
      <div className={styles.text}>
        <span className={styles.title}>
          <Text weight="semibold">{[risk.id, title].filter(Boolean).join(' · ')}</Text>
          {onRemove && (
            <Badge appearance="tint" color="brand" size="small">
              {tr('pane.plan.risks.new')}
            </Badge>
          )}
          {edit?.edited && (
            <Badge appearance="tint" color="warning" size="small">
              {tr('pane.plan.risks.edited')}
            </Badge>
          )}
        </span>
        {facts.length > 0 && <Text size={200}>{facts.join(' · ')}</Text>}
        <Text size={200}>
          {score === null
            ? tr('pane.plan.risks.unrated')
            : tr('pane.plan.risks.score', {
                probability: Number(risk.probability),
                impact: Number(risk.impact),
                score,
                level: String(localizeBandName(level ?? '', locale) ?? ''),
              })}
        </Text>
      </div>
      {onRemove && (
        <Button className={styles.remove} size="small" appearance="subtle" aria-label={tr('pane.plan.risks.remove', { title })} onClick={onRemove}>
          ×
        </Button>
      )}
      {edit && (
        <Button
          ref={toggle}
          size="small"
          aria-expanded={edit.open}
          aria-controls={edit.open ? editorId : undefined}
          aria-label={tr('pane.plan.risks.editLabel', { title })}
          onClick={edit.onToggle}
        >
          {tr('pane.plan.risks.edit')}
        </Button>
      )}
      {edit?.open && (
        <div id={editorId} className={styles.editor}>
          <RiskEditor
            legend={tr('pane.plan.risks.editing', { title })}
            risk={risk}
            edit={edit}
            onDone={() => {
              edit.onToggle();
              toggle.current?.focus();
            }}
          />
        </div>
      )}
    </li>
  );
}

/** The fields of an existing risk the wizard changes in place: ratings, response, status, owner, review date. */
function RiskEditor({ legend, risk, edit, onDone }: { legend: string; risk: RiskDraft; edit: RiskEditing; onDone(): void }) {
  const field = useFieldStyles();
  const styles = useStyles();
  const { tr, locale } = useStrings();
  const rating = (value: CellValue | undefined) => (typeof value === 'number' && (RATINGS as readonly number[]).includes(value) ? String(value) : '');
  const choice = <K extends string>(vocabulary: Vocabulary<K>, value: CellValue | undefined) => vocabularyKey(vocabulary, value ?? null) ?? '';
  // A value typed in the sheet that is none of the choices is shown as it is, not as an empty drop-down.
  const other = (value: CellValue | undefined, known: string) =>
    known === '' && value !== null && value !== undefined && String(value).trim() !== ''
      ? tr('pane.plan.risks.otherValue', { value: String(value) })
      : undefined;
  const probability = rating(risk.probability);
  const impact = rating(risk.impact);
  const strategy = choice(STRATEGY_VOCABULARY, risk.strategy);
  const status = choice(STATUS_VOCABULARY, risk.status);
  const options = riskOptions(tr, locale);
  return (
    <Group legend={legend}>
      <div className={field.pair}>
        <Choice
          label={tr('risk.col.probability')}
          value={probability}
          shown={other(risk.probability, probability)}
          options={options.probability}
          onChange={(v) => edit.onCell('probability', Number(v))}
        />
        <Choice
          label={tr('risk.col.impact')}
          value={impact}
          shown={other(risk.impact, impact)}
          options={options.impact}
          onChange={(v) => edit.onCell('impact', Number(v))}
        />
      </div>
      <Choice
        label={tr('risk.col.strategy')}
        value={strategy}
        shown={other(risk.strategy, strategy)}
        options={options.strategy}
        onChange={(v) => edit.onCell('strategy', vocabularyLabel(STRATEGY_VOCABULARY, v as (typeof RISK_STRATEGIES)[number], locale))}
      />
      <Choice
        label={tr('risk.col.status')}
        value={status}
        shown={other(risk.status, status)}
        options={options.status}
        onChange={(v) => edit.onCell('status', vocabularyLabel(STATUS_VOCABULARY, v as (typeof RISK_STATUSES)[number], locale))}
      />
      <TextField label={tr('risk.col.contingencyOwner')} value={risk.contingencyOwner} onChange={(v) => edit.onCell('contingencyOwner', v)} />
      <DateField label={tr('risk.col.reviewDate')} value={risk.reviewDate} onChange={(v) => edit.onCell('reviewDate', v)} />
      <div className={styles.actions}>
        <Button onClick={onDone}>{tr('pane.plan.risks.done')}</Button>
        <Button appearance="subtle" disabled={!edit.edited} onClick={edit.onRevert}>
          {tr('pane.plan.risks.revert')}
        </Button>
      </div>
    </Group>
  );
}

const EMPTY = { title: '', category: '', probability: '', impact: '', strategy: '', status: 'open', measures: null as CellValue, owner: null as CellValue };

/** A new risk: title (required), category, probability 1–5, impact 1–5, response strategy, status, measures, owner. */
function NewRiskForm({ onAdd }: { onAdd(risk: RiskDraft): void }) {
  const field = useFieldStyles();
  const { tr, locale } = useStrings();
  const [draft, setDraft] = useState(EMPTY);
  const [titleMissing, setTitleMissing] = useState(false);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const label = <K extends string>(vocabulary: Vocabulary<K>, key: string) => (key === '' ? null : vocabularyLabel(vocabulary, key as K, locale));
  const options = riskOptions(tr, locale);

  function add() {
    if (draft.title.trim() === '') return setTitleMissing(true);
    onAdd({
      title: draft.title.trim(),
      category: label(CATEGORY_VOCABULARY, draft.category),
      probability: draft.probability === '' ? null : Number(draft.probability),
      impact: draft.impact === '' ? null : Number(draft.impact),
      strategy: label(STRATEGY_VOCABULARY, draft.strategy),
      status: label(STATUS_VOCABULARY, draft.status),
      measures: draft.measures,
      contingencyOwner: draft.owner,
    });
    setDraft(EMPTY);
    setTitleMissing(false);
  }

  return (
    <Group legend={tr('pane.plan.risks.add')}>
      <Field
        label={tr('risk.col.title')}
        required
        validationState={titleMissing ? 'error' : 'none'}
        validationMessage={titleMissing ? tr('pane.plan.risks.titleRequired') : undefined}
      >
        <Input
          className={field.input}
          value={draft.title}
          onChange={(_, d) => {
            set('title', d.value);
            if (d.value.trim() !== '') setTitleMissing(false);
          }}
        />
      </Field>
      <Choice label={tr('risk.col.category')} value={draft.category} options={options.category} onChange={(v) => set('category', v)} />
      <div className={field.pair}>
        <Choice label={tr('risk.col.probability')} value={draft.probability} options={options.probability} onChange={(v) => set('probability', v)} />
        <Choice label={tr('risk.col.impact')} value={draft.impact} options={options.impact} onChange={(v) => set('impact', v)} />
      </div>
      <Choice label={tr('risk.col.strategy')} value={draft.strategy} options={options.strategy} onChange={(v) => set('strategy', v)} />
      <Choice label={tr('risk.col.status')} value={draft.status} options={options.status} onChange={(v) => set('status', v)} />
      <TextField multiline label={tr('risk.col.measures')} value={draft.measures} onChange={(v) => set('measures', v)} />
      <TextField label={tr('risk.col.contingencyOwner')} value={draft.owner} onChange={(v) => set('owner', v)} />
      <Button onClick={add}>{tr('pane.plan.risks.addButton')}</Button>
    </Group>
  );
}

/** The drop-downs' options (key, label in the user's language), as the register's validation offers them. */
function riskOptions(tr: Translate, locale: Locale) {
  return {
    category: RISK_CATEGORIES.map((k): [string, string] => [k, vocabularyLabel(CATEGORY_VOCABULARY, k, locale)]),
    probability: RATINGS.map((n): [string, string] => [String(n), tr(`pane.plan.probability.${n}`)]),
    impact: RATINGS.map((n): [string, string] => [String(n), tr(`pane.plan.impact.${n}`)]),
    strategy: RISK_STRATEGIES.map((k): [string, string] => [k, vocabularyLabel(STRATEGY_VOCABULARY, k, locale)]),
    status: RISK_STATUSES.map((k): [string, string] => [k, vocabularyLabel(STATUS_VOCABULARY, k, locale)]),
  };
}

/** A drop-down over a closed list, as the register's validation offers it. */
function Choice({
  label,
  value,
  shown,
  options,
  onChange,
}: {
  label: string;
  value: string;
  shown?: string;
  options: [string, string][];
  onChange(value: string): void;
}) {
  const field = useFieldStyles();
  const { tr } = useStrings();
  return (
    <Field label={label}>
      <Dropdown
        className={field.input}
        placeholder={tr('pane.plan.choose')}
        value={options.find(([k]) => k === value)?.[1] ?? shown ?? ''}
        selectedOptions={value === '' ? [] : [value]}
        onOptionSelect={(_, d) => onChange(d.optionValue ?? '')}
      >
        {options.map(([k, text]) => (
          <Option key={k} value={k}>
            {text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
