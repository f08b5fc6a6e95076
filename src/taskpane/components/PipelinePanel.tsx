import {
  Button,
  Dropdown,
  Field as FluentField,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ErrorBar } from './ErrorBar';
import { useCallback, useEffect, useState } from 'react';
import { type Field, FIELDS, REQUIRED_FIELDS } from '../../core/pipeline/fields';
import { isoFromSerial } from '../../core/util/dates';
import type { PipelineInspection } from '../../usecases/inspect-pipeline';
import type { PaneActions } from '../actions';
import { useStrings } from '../strings';
import { StagesEditor } from './StagesEditor';
import { mappingProblems } from './validate';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0, alignItems: 'stretch' },
  preview: { overflowX: 'auto', maxWidth: '100%' },
  dropdown: { minWidth: 0, width: '100%' },
  empty: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, alignItems: 'flex-start' },
});

const NOT_MAPPED = '';
const DATE_FIELDS: readonly Field[] = ['created', 'closed', 'contractEnd'];

/** The pipeline sheet and its column mapping, with a drop-down per field and a preview; saved in the workbook. */
export function PipelinePanel({
  actions,
  refreshKey,
  unmatched,
  onOpen,
}: {
  actions: PaneActions;
  refreshKey: number;
  unmatched?: readonly string[];
  onOpen?(): void;
}) {
  const styles = useStyles();
  const { tr, locale } = useStrings();
  const [inspection, setInspection] = useState<PipelineInspection | null | undefined>(undefined);
  const [mapping, setMapping] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);

  const load = useCallback(
    async (sheet?: string) => {
      try {
        const result = await actions.inspect(sheet, locale);
        if (!result.ok) {
          setInspection(null);
          return setFailure({ title: tr('pane.error.readTitle'), message: result.error.message });
        }
        setInspection(result.inspection);
        setMapping(result.inspection?.mapping ?? {});
        setTried(false);
      } catch (e) {
        setInspection(null);
        setFailure({ title: tr('pane.error.readTitle'), message: tr('pane.error.action', { reason: messageOf(e) }) });
      }
    },
    [actions, tr, locale],
  );

  useEffect(() => {
    setFailure(null);
    void load();
  }, [load, refreshKey]);

  if (inspection === undefined) return null;
  if (!inspection)
    return (
      <div className={styles.empty}>
        {failure ? <Failure failure={failure} /> : <Text>{tr(actions.host === 'browser' ? 'pane.empty.browser' : 'pane.empty.excel')}</Text>}
        {onOpen && <Button onClick={onOpen}>{tr('pane.toReports')}</Button>}
      </div>
    );
  const problems = mappingProblems(mapping, inspection.headers, inspection.preview, (f) => tr(`field.${f}`));
  const invalid = Object.keys(problems).length > 0;
  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f]);
  const shown = REQUIRED_FIELDS.map((f) => mapping[f]).filter((h): h is string => !!h);
  const headerIndex = (h: string) => inspection.headers.indexOf(h);
  const dateHeaders = new Set(DATE_FIELDS.map((f) => mapping[f]).filter(Boolean));
  // Dates arrive as Excel serials; show them as dates.
  const show = (h: string, v: unknown) => (typeof v === 'number' && dateHeaders.has(h) ? isoFromSerial(v) : String(v ?? ''));

  async function save() {
    setTried(true);
    setFailure(null);
    if (invalid) return;
    try {
      const done = await actions.saveMapping(inspection!.sheet, mapping, locale);
      if (!done.ok) return setFailure({ title: tr('pane.error.saveTitle'), message: done.error.message });
    } catch (e) {
      return setFailure({ title: tr('pane.error.saveTitle'), message: tr('pane.error.action', { reason: messageOf(e) }) });
    }
    setSaved(true);
    await load(inspection!.sheet);
  }

  async function saveStages(stages: Parameters<PaneActions['saveStages']>[0]): Promise<string | null> {
    try {
      const done = await actions.saveStages(stages, locale);
      return done.ok ? null : done.error.message;
    } catch (e) {
      return tr('pane.error.action', { reason: messageOf(e) });
    }
  }

  return (
    <div className={styles.panel}>
      <FluentField label={tr('pane.mapping.sheet')}>
        <Dropdown
          className={styles.dropdown}
          value={inspection.sheet}
          selectedOptions={[inspection.sheet]}
          onOptionSelect={(_, d) => d.optionValue && void load(d.optionValue)}
        >
          {inspection.sheets.map((s) => (
            <Option key={s} value={s}>
              {s}
            </Option>
          ))}
        </Dropdown>
      </FluentField>
      {inspection.headerRow === null && (
        <MessageBar intent="warning">
          <MessageBarBody>{tr('pane.mapping.noHeader')}</MessageBarBody>
        </MessageBar>
      )}
      {missing.length > 0 && inspection.headerRow !== null && (
        <MessageBar intent="warning">
          <MessageBarBody>{tr('pane.mapping.missing', { fields: missing.map((f) => tr(`field.${f}`)).join(', ') })}</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{tr('pane.mapping.saved')}</MessageBarBody>
        </MessageBar>
      )}
      {FIELDS.map((field) => {
        const label = REQUIRED_FIELDS.includes(field) ? tr('pane.mapping.required', { field: tr(`field.${field}`) }) : tr(`field.${field}`);
        const value = mapping[field] ?? NOT_MAPPED;
        const problem = tried || mapping[field] !== inspection.mapping[field] ? problems[field] : undefined;
        return (
          <FluentField
            key={field}
            label={label}
            validationState={problem ? 'error' : 'none'}
            validationMessage={problem ? tr(problem.key, problem.params) : undefined}
          >
            <Dropdown
              className={styles.dropdown}
              aria-label={label}
              value={value || tr('pane.mapping.notMapped')}
              selectedOptions={[value]}
              onOptionSelect={(_, d) => {
                setSaved(false);
                setMapping((m) => ({ ...m, [field]: d.optionValue || undefined }));
              }}
            >
              <Option value={NOT_MAPPED}>{tr('pane.mapping.notMapped')}</Option>
              {inspection.headers.map((h) => (
                <Option key={h} value={h}>
                  {h}
                </Option>
              ))}
            </Dropdown>
          </FluentField>
        );
      })}
      <Button appearance="primary" onClick={() => void save()}>
        {tr('pane.mapping.save')}
      </Button>
      {tried && invalid && <ErrorBar>{tr('pane.mapping.error.invalid')}</ErrorBar>}
      {failure && <Failure failure={failure} />}
      <StagesEditor key={JSON.stringify(inspection.stages)} initial={inspection.stages} unmatched={unmatched} onSave={saveStages} />
      <Text weight="semibold">{tr('pane.mapping.preview')}</Text>
      <div className={styles.preview}>
        <Table size="extra-small" aria-label={tr('pane.mapping.preview')}>
          <TableHeader>
            <TableRow>
              {shown.map((h) => (
                <TableHeaderCell key={h}>{h}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {inspection.preview.map((row, r) => (
              <TableRow key={r}>
                {shown.map((h) => (
                  <TableCell key={h}>{show(h, row[headerIndex(h)])}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function Failure({ failure }: { failure: { title: string; message: string } }) {
  return (
    <ErrorBar title={failure.title} multiline>
      {failure.message}
    </ErrorBar>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
