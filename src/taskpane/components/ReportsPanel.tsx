import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { GenerateReportResult, ProgressStep } from '../../usecases/generate-report';
import type { PaneActions } from '../actions';
import { useStrings } from '../strings';
import { methodLabel, noteText } from '../../core/report/forecast-section';
import type { Translate } from '../../core/i18n';
import type { ForecastJson } from '../../usecases/report-json';
import { dynamicsLine } from '../../usecases/dynamics-line';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  funnel: { display: 'grid', gridTemplateColumns: '1fr auto', rowGap: tokens.spacingVerticalXXS, columnGap: tokens.spacingHorizontalM },
});

export interface ReportsPanelProps {
  actions: PaneActions;
  onResult(result: GenerateReportResult): void;
  /** Browser mode: another workbook was opened. */
  onOpened?(): void;
}

/** Month picker, options, Generate; progress by named steps; the result or a message saying what to do. */
export function ReportsPanel({ actions, onResult, onOpened }: ReportsPanelProps) {
  const styles = useStyles();
  const { tr, locale } = useStrings();
  const [fileName, setFileName] = useState<string | null>(null);
  const [month, setMonth] = useState('');
  const [all, setAll] = useState(false);
  const [valuesOnly, setValuesOnly] = useState(false);
  const [periodMode, setPeriodMode] = useState(false);
  const [step, setStep] = useState<ProgressStep | null>(null);
  const [result, setResult] = useState<GenerateReportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const needsFile = actions.host === 'browser';

  async function open(file: File | undefined) {
    if (!file || !actions.openFile) return;
    setError(null);
    setResult(null);
    const opened = await actions.openFile(file);
    if (opened.ok) {
      setFileName(opened.name);
      onOpened?.();
    } else setError(opened.message);
  }

  async function generate() {
    if (needsFile && !fileName) return setError(tr('pane.error.noWorkbook'));
    setError(null);
    setResult(null);
    try {
      const r = await actions.generate({ month: month || undefined, all, valuesOnly, mode: periodMode ? 'period' : 'cohort', locale, onProgress: setStep });
      setResult(r);
      onResult(r);
      if (!r.ok) setError(r.error.message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStep(null);
    }
  }

  const last = result?.ok ? result.reports[result.reports.length - 1] : undefined;
  const nextMonth = last?.report.forecast?.points[0];
  return (
    <div className={styles.panel}>
      {needsFile && (
        <>
          <Text size={200}>{tr('pane.browserMode')}</Text>
          <Field label={tr('pane.open')}>
            <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label={tr('pane.open')} onChange={(e) => void open(e.target.files?.[0])} />
          </Field>
          {fileName && <Text>{tr('pane.opened', { file: fileName })}</Text>}
        </>
      )}
      <Field label={tr('pane.month')} hint={tr('pane.month.hint')}>
        <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} disabled={all} />
      </Field>
      <Checkbox label={tr('pane.allMonths')} checked={all} onChange={(_, d) => setAll(d.checked === true)} />
      <Checkbox label={tr('pane.valuesOnly')} checked={valuesOnly} onChange={(_, d) => setValuesOnly(d.checked === true)} />
      <Checkbox label={tr('pane.periodMode')} checked={periodMode} onChange={(_, d) => setPeriodMode(d.checked === true)} />
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void generate()} disabled={step !== null}>
          {tr('pane.generate')}
        </Button>
        {needsFile && result?.ok && actions.download && <Button onClick={() => void actions.download!()}>{tr('pane.download')}</Button>}
      </div>
      {step && <ProgressBar aria-label={tr(`pane.step.${step}`)} />}
      {step && <Text role="status">{tr(`pane.step.${step}`)}</Text>}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{tr('pane.error.title')}</MessageBarTitle>
            {error}
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.ok && last && (
        <>
          <MessageBar intent="success">
            <MessageBarBody>{tr('pane.done', { sheet: last.sheetName, deals: last.report.deals.read, issues: result.issues })}</MessageBarBody>
          </MessageBar>
          <div className={styles.funnel} aria-label={tr('pane.headline')}>
            <Text>{tr('kpi.revenue')}</Text>
            <Text align="end">{formatNumber(last.report.revenue, locale, 'currency')}</Text>
            <Text>{tr('kpi.winRate')}</Text>
            <Text align="end">{formatNumber(last.report.winRate, locale, 'percent')}</Text>
            <Text>{tr('kpi.attainment')}</Text>
            <Text align="end">{formatNumber(last.report.attainment, locale, 'percent')}</Text>
            <Text>{tr('kpi.newCustomers')}</Text>
            <Text align="end">{formatNumber(last.report.newCustomers, locale, 'integer')}</Text>
            {nextMonth && (
              <>
                <Text>{tr('pane.forecastNext', { month: nextMonth.month })}</Text>
                <Text align="end">{formatNumber(nextMonth.forecast, locale, 'currency')}</Text>
              </>
            )}
          </div>
          <Text size={200}>{forecastCaption(last.report.forecast, tr)}</Text>
          {last.report.movement && <Text size={200}>{dynamicsLine(last.report, locale, tr)}</Text>}
          <div className={styles.funnel} aria-label={last.sheetName}>
            {last.report.funnel.steps.map((s) => (
              <FunnelLine key={s.stage} stage={s.stage} reached={s.reached} locale={locale} />
            ))}
          </div>
          {actions.host === 'excel' && (
            <Button appearance="secondary" onClick={() => void actions.selectCell(last.sheetName, 'A1')}>
              {tr('pane.goToTab', { sheet: last.sheetName })}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function FunnelLine({ stage, reached, locale }: { stage: string; reached: number; locale: string }) {
  return (
    <>
      <Text>{stage}</Text>
      <Text align="end">{reached.toLocaleString(locale)}</Text>
    </>
  );
}

/** Numbers in the user's locale; an empty ratio shows as a dash. */
function formatNumber(value: number | null, locale: string, kind: 'currency' | 'percent' | 'integer'): string {
  if (value === null) return '—';
  if (kind === 'percent') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** The forecast in one line: the method and its band for the next month, or why there is none. */
function forecastCaption(forecast: ForecastJson | undefined, tr: Translate): string {
  if (!forecast) return '';
  if (forecast.method === null || forecast.points.length === 0) return forecast.reason ? noteText(forecast.reason, tr) : tr('forecast.none');
  return tr('pane.forecastBy', { method: methodLabel(forecast.method, tr), horizon: forecast.horizon });
}
