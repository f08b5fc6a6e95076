import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ErrorBar } from './ErrorBar';
import { useEffect, useRef, useState } from 'react';
import type { GenerateReportResult, ProgressCounts, ProgressStep } from '../../usecases/generate-report';
import type { PaneActions } from '../actions';
import { useStrings } from '../strings';
import { methodLabel, noteText } from '../../core/report/forecast-section';
import type { Translate } from '../../core/i18n';
import type { ForecastJson } from '../../usecases/report-json';
import { type Fix, type Outcome, outcomeOf } from '../outcome';
import { dynamicsLine } from '../../usecases/dynamics-line';
import { ratesFromText } from '../../core/currency/rates-table';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, flexWrap: 'wrap' },
  funnel: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', rowGap: tokens.spacingVerticalXXS, columnGap: tokens.spacingHorizontalM },
  // The native file picker cannot shrink to 270 px: a button opens it instead.
  hiddenInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0, overflow: 'hidden', pointerEvents: 'none' },
  lines: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, overflowWrap: 'anywhere' },
  bar: { width: '100%' },
  fixes: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
});

export interface ReportsPanelProps {
  actions: PaneActions;
  onResult(result: GenerateReportResult): void;
  /** Browser mode: another workbook was opened (or the open failed, and none is open). */
  onOpened?(name: string | null): void;
  /** The user asked for a fix the outcome offers (open the stage editor with the unmatched values, the mapping, the issues). */
  onFix?(fix: Fix, unmatched: string[]): void;
}

/** A file picker kept out of sight (the native one cannot shrink to 270 px): a button clicks it. */
function HiddenFileInput(props: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  className: string;
  accept: string;
  label: string;
  onFile(file: File): void;
}) {
  return (
    <input
      ref={props.inputRef}
      className={props.className}
      type="file"
      tabIndex={-1}
      accept={props.accept}
      aria-label={props.label}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) props.onFile(file);
      }}
    />
  );
}

interface Running {
  step: ProgressStep;
  counts?: ProgressCounts;
  cancelling: boolean;
}

/** Month picker, options, Generate and Cancel; progress with counts; the outcome with its next step. */
export function ReportsPanel({ actions, onResult, onOpened, onFix }: ReportsPanelProps) {
  const styles = useStyles();
  const { tr, locale } = useStrings();
  const [fileName, setFileName] = useState<string | null>(null);
  const [month, setMonth] = useState('');
  const [all, setAll] = useState(false);
  const [valuesOnly, setValuesOnly] = useState(false);
  // The deal columns option as the workbook saved it (null until known); a run saves the choice back.
  const [dealColumns, setDealColumns] = useState<boolean | null>(null);
  const [periodMode, setPeriodMode] = useState(false);
  // SPEC §9: the reporting currency (empty: the workbook's, else the most frequent of the won deals) and rates to import, pasted or from a file.
  const [currency, setCurrency] = useState('');
  const [ratesText, setRatesText] = useState('');
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<GenerateReportResult | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [crash, setCrash] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ratesInput = useRef<HTMLInputElement>(null);
  const rates = ratesText.trim() === '' ? null : ratesFromText(ratesText);
  const monthInput = useRef<HTMLInputElement>(null);
  const needsFile = actions.host === 'browser';

  // The option travels with the workbook: read it for the workbook in Excel, and again for each file opened in the browser.
  useEffect(() => {
    let current = true;
    setDealColumns(null);
    if (needsFile && !fileName) return;
    actions
      .dealColumnsOption?.()
      .then((on) => current && setDealColumns((now) => now ?? on))
      // Unreadable settings: the box stays unset and the run uses what the workbook saved (and reports why it cannot read it).
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [actions, fileName, needsFile]);

  async function opening(open: () => Promise<{ ok: true; name: string } | { ok: false; message: string }>) {
    setOpenError(null);
    setCrash(null);
    setResult(null);
    try {
      const opened = await open();
      setFileName(opened.ok ? opened.name : null);
      if (!opened.ok) setOpenError(opened.message);
      onOpened?.(opened.ok ? opened.name : null);
    } catch (e) {
      setFileName(null);
      setOpenError((e as Error).message);
      onOpened?.(null);
    }
  }

  async function generate() {
    if (needsFile && !fileName) return setOpenError(tr('pane.error.noWorkbook'));
    setCrash(null);
    setResult(null);
    const controller = new AbortController();
    abort.current = controller;
    // Shown at once, before the engine says anything: the click is answered within a frame.
    setRunning({ step: 'reading', cancelling: false });
    try {
      const r = await actions.generate({
        month: month || undefined,
        all,
        valuesOnly,
        ...(dealColumns === null ? {} : { dealColumns }),
        mode: periodMode ? 'period' : 'cohort',
        ...(currency.trim() !== '' ? { currency: currency.trim() } : {}),
        ...(rates && rates.rows.length > 0 ? { rates: rates.rows } : {}),
        locale,
        signal: controller.signal,
        onProgress: (step, counts) => setRunning((now) => now && { ...now, step, counts }),
      });
      setResult(r);
      onResult(r);
    } catch (e) {
      setCrash(tr('pane.error.action', { reason: (e as Error).message }));
    } finally {
      abort.current = null;
      setRunning(null);
    }
  }

  function cancel() {
    abort.current?.abort();
    setRunning((now) => now && { ...now, cancelling: true });
  }

  const outcome = result ? outcomeOf(result, tr, locale) : null;
  const last = result?.ok ? result.reports[result.reports.length - 1] : undefined;
  const nextMonth = last?.report.forecast?.points[0];
  const fix = (f: Fix) => {
    if (f === 'month') monthInput.current?.focus();
    else onFix?.(f, outcome?.unmatched ?? []);
  };
  return (
    <div className={styles.panel}>
      {needsFile && (
        <>
          <HiddenFileInput
            inputRef={fileInput}
            className={styles.hiddenInput}
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            label={tr('pane.open')}
            onFile={(file) => {
              if (actions.openFile) void opening(() => actions.openFile!(file, locale));
            }}
          />
          {!fileName && !openError && <Text>{tr('pane.empty.browser')}</Text>}
          <div className={styles.row}>
            <Button onClick={() => fileInput.current?.click()} disabled={running !== null}>
              {tr('pane.openFile')}
            </Button>
            {actions.openSample && (
              <Button onClick={() => void opening(() => actions.openSample!())} disabled={running !== null}>
                {tr('pane.sample')}
              </Button>
            )}
          </div>
          {fileName && <Text weight="semibold">{tr('pane.opened', { file: fileName })}</Text>}
          {openError && <ErrorBar title={tr('pane.open.title')}>{openError}</ErrorBar>}
        </>
      )}
      <Field label={tr('pane.month')} hint={tr('pane.month.hint')}>
        <Input ref={monthInput} type="month" value={month} onChange={(_, d) => setMonth(d.value)} disabled={all} />
      </Field>
      <Checkbox label={tr('pane.allMonths')} checked={all} onChange={(_, d) => setAll(d.checked === true)} />
      <Checkbox label={tr('pane.valuesOnly')} checked={valuesOnly} onChange={(_, d) => setValuesOnly(d.checked === true)} />
      <Checkbox label={tr('pane.dealColumns')} checked={dealColumns === true} onChange={(_, d) => setDealColumns(d.checked === true)} />
      <Checkbox label={tr('pane.periodMode')} checked={periodMode} onChange={(_, d) => setPeriodMode(d.checked === true)} />
      <Field label={tr('pane.currency')} hint={tr('pane.currency.hint')}>
        <Input value={currency} maxLength={8} onChange={(_, d) => setCurrency(d.value)} />
      </Field>
      <Field
        label={tr('pane.rates')}
        hint={rates ? tr('pane.rates.read', { rows: rates.rows.length, rejected: rates.rejected.length }) : tr('pane.rates.hint')}
        validationState={rates && rates.rows.length === 0 ? 'error' : 'none'}
      >
        <Textarea value={ratesText} resize="vertical" onChange={(_, d) => setRatesText(d.value)} />
      </Field>
      <HiddenFileInput
        inputRef={ratesInput}
        className={styles.hiddenInput}
        accept=".csv,.txt,text/csv,text/plain"
        label={tr('pane.rates.file')}
        onFile={(file) => void file.text().then(setRatesText)}
      />
      <div className={styles.row}>
        <Button onClick={() => ratesInput.current?.click()} disabled={running !== null}>
          {tr('pane.rates.file')}
        </Button>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void generate()} disabled={running !== null}>
          {tr('pane.generate')}
        </Button>
        {running && (
          <Button onClick={cancel} disabled={running.cancelling || running.step === 'writing'}>
            {tr('pane.cancel')}
          </Button>
        )}
        {needsFile && fileName && !running && actions.download && <Button onClick={() => void actions.download!()}>{tr('pane.download')}</Button>}
      </div>
      {running && <Progress running={running} tr={tr} locale={locale} />}
      {crash && <ErrorBar title={tr('pane.error.title')}>{crash}</ErrorBar>}
      {outcome && <OutcomeBar outcome={outcome} onFix={fix} />}
      {result?.ok && last && (
        <>
          <div className={styles.funnel} aria-label={tr('pane.headline')}>
            <Text>{tr('kpi.revenue')}</Text>
            <Text align="end">{formatNumber(last.report.revenue, locale, 'currency', last.report.currency?.reporting)}</Text>
            <Text>{tr('kpi.winRate')}</Text>
            <Text align="end">{formatNumber(last.report.winRate, locale, 'percent')}</Text>
            <Text>{tr('kpi.attainment')}</Text>
            <Text align="end">{formatNumber(last.report.attainment, locale, 'percent')}</Text>
            <Text>{tr('kpi.newCustomers')}</Text>
            <Text align="end">{formatNumber(last.report.newCustomers, locale, 'integer')}</Text>
            {nextMonth && (
              <>
                <Text>{tr('pane.forecastNext', { month: nextMonth.month })}</Text>
                <Text align="end">{formatNumber(nextMonth.forecast, locale, 'currency', last.report.currency?.reporting)}</Text>
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

/** The step with its counts (rows read, months done), live for screen readers. */
function Progress({ running, tr, locale }: { running: Running; tr: Translate; locale: string }) {
  const styles = useStyles();
  const { step, counts } = running;
  const n = (v: number) => v.toLocaleString(locale);
  const text = running.cancelling
    ? tr('pane.cancelling')
    : step === 'reading' && counts?.rows !== undefined
      ? tr('pane.step.rows', { rows: n(counts.rows) })
      : step === 'computing' && counts?.of
        ? tr('pane.step.months', { done: n(counts.months ?? 0), of: n(counts.of) })
        : tr(`pane.step.${step}`);
  const value = step === 'computing' && counts?.of ? (counts.months ?? 0) / counts.of : undefined;
  return (
    <>
      <ProgressBar className={styles.bar} aria-label={text} value={value} />
      <Text role="status">{text}</Text>
    </>
  );
}

const INTENT = { success: 'success', warning: 'warning', failure: 'error', cancelled: 'info' } as const;
const FIX_LABEL = { stages: 'pane.fix.stages', mapping: 'pane.fix.mapping', issues: 'pane.fix.issues', month: 'pane.fix.month' } as const;

/** The outcome banner: green only for a clean success; a warning or a failure names what is wrong and offers the fixes. */
function OutcomeBar({ outcome, onFix }: { outcome: Outcome; onFix(fix: Fix): void }) {
  const styles = useStyles();
  const { tr } = useStrings();
  return (
    <MessageBar intent={INTENT[outcome.kind]} layout="multiline" data-outcome={outcome.kind}>
      <MessageBarBody>
        <MessageBarTitle>{outcome.title}</MessageBarTitle>
        <span className={styles.lines}>
          {outcome.lines.map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        </span>
        {/* In the body, wrapping: Fluent's MessageBarActions row does not wrap, and four fixes overflow the bar at 270–320 px. */}
        {outcome.fixes.length > 0 && (
          <span className={styles.fixes}>
            {outcome.fixes.map((f) => (
              <Button key={f} size="small" onClick={() => onFix(f)}>
                {tr(FIX_LABEL[f])}
              </Button>
            ))}
          </span>
        )}
      </MessageBarBody>
    </MessageBar>
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
/** `currency`: the reporting currency's ISO code (SPEC §9), shown with the amount when there is one. */
function formatNumber(value: number | null, locale: string, kind: 'currency' | 'percent' | 'integer', currency?: string | null): string {
  if (value === null) return '—';
  if (kind === 'currency' && currency && /^[A-Z]{3}$/.test(currency))
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(value);
  if (kind === 'percent') return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** The forecast in one line: the method and its band for the next month, or why there is none. */
function forecastCaption(forecast: ForecastJson | undefined, tr: Translate): string {
  if (!forecast) return '';
  if (forecast.method === null || forecast.points.length === 0) return forecast.reason ? noteText(forecast.reason, tr) : tr('forecast.none');
  return tr('pane.forecastBy', { method: methodLabel(forecast.method, tr), horizon: forecast.horizon });
}
