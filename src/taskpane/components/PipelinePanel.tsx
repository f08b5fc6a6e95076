import { Button, Dropdown, Field as FluentField, makeStyles, MessageBar, MessageBarBody, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { type Field, FIELDS, REQUIRED_FIELDS } from '../../core/pipeline/fields';
import { isoFromSerial } from '../../core/util/dates';
import type { PipelineInspection } from '../../usecases/inspect-pipeline';
import type { PaneActions } from '../actions';
import { useStrings } from '../strings';
import { StagesEditor } from './StagesEditor';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  preview: { overflowX: 'auto', maxWidth: '100%' },
});

const NOT_MAPPED = '';
const DATE_FIELDS: readonly Field[] = ['created', 'closed', 'contractEnd'];

/** The pipeline sheet and its column mapping, with a drop-down per field and a preview; saved in the workbook. */
export function PipelinePanel({ actions, refreshKey }: { actions: PaneActions; refreshKey: number }) {
  const styles = useStyles();
  const { tr } = useStrings();
  const [inspection, setInspection] = useState<PipelineInspection | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState(false);

  const load = useCallback(
    async (sheet?: string) => {
      const result = await actions.inspect(sheet);
      setInspection(result);
      setMapping(result?.mapping ?? {});
    },
    [actions],
  );

  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  if (!inspection) return <Text>{tr('pane.error.noWorkbook')}</Text>;
  const missing = REQUIRED_FIELDS.filter((f) => !mapping[f]);
  const shown = REQUIRED_FIELDS.map((f) => mapping[f]).filter((h): h is string => !!h);
  const headerIndex = (h: string) => inspection.headers.indexOf(h);
  const dateHeaders = new Set(DATE_FIELDS.map((f) => mapping[f]).filter(Boolean));
  // Dates arrive as Excel serials; show them as dates.
  const show = (h: string, v: unknown) => (typeof v === 'number' && dateHeaders.has(h) ? isoFromSerial(v) : String(v ?? ''));

  async function save() {
    await actions.saveMapping(inspection!.sheet, mapping);
    setSaved(true);
    await load(inspection!.sheet);
  }

  return (
    <div className={styles.panel}>
      <FluentField label={tr('pane.mapping.sheet')}>
        <Dropdown value={inspection.sheet} selectedOptions={[inspection.sheet]} onOptionSelect={(_, d) => d.optionValue && void load(d.optionValue)}>
          {inspection.sheets.map((s) => (
            <Option key={s} value={s}>
              {s}
            </Option>
          ))}
        </Dropdown>
      </FluentField>
      {inspection.headerRow === null && <MessageBar intent="warning"><MessageBarBody>{tr('pane.mapping.noHeader')}</MessageBarBody></MessageBar>}
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
        return (
          <FluentField key={field} label={label}>
            <Dropdown
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
      <StagesEditor key={JSON.stringify(inspection.stages)} initial={inspection.stages} onSave={(stages) => actions.saveStages(stages)} />
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
