import { Dropdown, makeStyles, Option, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Locale } from '../core/i18n';
import type { GenerateReportResult } from '../usecases/generate-report';
import type { ReportJson } from '../usecases/report-json';
import type { PaneActions } from './actions';
import { IssuesPanel } from './components/IssuesPanel';
import { PipelinePanel } from './components/PipelinePanel';
import { PlanWizard } from './components/PlanWizard';
import { ReportsPanel } from './components/ReportsPanel';
import type { Fix } from './outcome';
import { StringsProvider, useStrings } from './strings';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, maxWidth: '100%', boxSizing: 'border-box' },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  language: { minWidth: '110px' },
  // Four tabs do not fit 320 px in every language: wrap rather than scroll sideways.
  tabs: { flexWrap: 'wrap' },
});

type TabId = 'reports' | 'pipeline' | 'issues' | 'plan';

export interface AppProps {
  actions: PaneActions;
  initialLocale: Locale;
}

/** The task pane: the same UI in Excel and in browser mode; the host's actions come in as props. */
export function App({ actions, initialLocale }: AppProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  // The page's language follows the pane's: screen readers pick their voice and Chromium its CJK glyphs from it.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <StringsProvider locale={locale}>
      <Pane actions={actions} locale={locale} onLocale={setLocale} />
    </StringsProvider>
  );
}

function Pane({ actions, locale, onLocale }: { actions: PaneActions; locale: Locale; onLocale(l: Locale): void }) {
  const styles = useStyles();
  const { tr } = useStrings();
  const [tab, setTab] = useState<TabId>('reports');
  const [last, setLast] = useState<{ report: ReportJson; sheet: string } | null>(null);
  // Bumped after each run, so the Pipeline tab shows the workbook as it is now.
  const [refreshKey, setRefreshKey] = useState(0);
  // The wizard stays mounted once opened, so switching tabs keeps what the user typed; another workbook starts it afresh.
  const [planOpened, setPlanOpened] = useState(false);
  const [workbookKey, setWorkbookKey] = useState(0);
  // Stage values of the last run that match no stage: the stage editor lists them.
  const [unmatched, setUnmatched] = useState<string[]>([]);

  function onResult(r: GenerateReportResult) {
    const lastReport = r.ok ? r.reports[r.reports.length - 1] : undefined;
    if (r.ok && lastReport) {
      setLast({ report: lastReport.report, sheet: r.pipelineSheet });
      setUnmatched(lastReport.report.unknownStages.map((s) => s.value));
    }
    setRefreshKey((k) => k + 1);
  }

  // Another workbook (or none, after a file that failed to open): nothing of the one before stays on screen.
  function onOpened() {
    setLast(null);
    setUnmatched([]);
    setWorkbookKey((k) => k + 1);
    setRefreshKey((k) => k + 1);
  }

  function onFix(fix: Fix) {
    setTab(fix === 'issues' ? 'issues' : 'pipeline');
  }

  return (
    <main className={styles.root}>
      <div className={styles.header}>
        <Text as="h1" size={500} weight="semibold">
          {tr('pane.title')}
        </Text>
        <Dropdown
          className={styles.language}
          aria-label={tr('pane.language')}
          value={locale === 'zh-CN' ? '中文' : 'English'}
          selectedOptions={[locale]}
          onOptionSelect={(_, d) => onLocale(d.optionValue === 'zh-CN' ? 'zh-CN' : 'en-US')}
        >
          <Option value="en-US">English</Option>
          <Option value="zh-CN">中文</Option>
        </Dropdown>
      </div>
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => {
          setTab(d.value as TabId);
          if (d.value === 'plan') setPlanOpened(true);
        }} aria-label={tr('pane.tabs')} size="small">
        <Tab value="reports">{tr('pane.tab.reports')}</Tab>
        <Tab value="pipeline">{tr('pane.tab.pipeline')}</Tab>
        <Tab value="issues">{tr('pane.tab.issues')}</Tab>
        <Tab value="plan">{tr('pane.tab.plan')}</Tab>
      </TabList>
      <section hidden={tab !== 'reports'}>
        <ReportsPanel actions={actions} onResult={onResult} onOpened={onOpened} onFix={onFix} />
      </section>
      {tab === 'pipeline' && <PipelinePanel actions={actions} refreshKey={refreshKey} unmatched={unmatched} onOpen={() => setTab('reports')} />}
      {tab === 'issues' && <IssuesPanel issues={last?.report.issues ?? null} onSelect={actions.host === 'excel' ? (address) => last && void actions.selectCell(last.sheet, address) : undefined} onGenerate={() => setTab('reports')} />}
      {planOpened && (
        <section hidden={tab !== 'plan'}>
          <PlanWizard key={workbookKey} actions={actions} />
        </section>
      )}
    </main>
  );
}
