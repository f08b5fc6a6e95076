import { Dropdown, makeStyles, mergeClasses, Option, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { DataFunnelRegular, TableRegular, TargetArrowRegular, WarningRegular } from '@fluentui/react-icons';
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
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    maxWidth: '100%',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  language: { minWidth: '110px' },
  tabs: { minWidth: 0 },
  // Four labelled tabs do not fit a narrow pane in every language: below 400 px the tabs show their icons and
  // only the selected one its label; the label stays the tab's accessible name either way.
  label: {
    '@media (max-width: 399px)': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
  },
  shown: { '@media (max-width: 399px)': { position: 'static', width: 'auto', height: 'auto', overflow: 'visible', clipPath: 'none' } },
});

const TABS = [
  { id: 'reports', label: 'pane.tab.reports', icon: <DataFunnelRegular /> },
  { id: 'pipeline', label: 'pane.tab.pipeline', icon: <TableRegular /> },
  { id: 'issues', label: 'pane.tab.issues', icon: <WarningRegular /> },
  { id: 'plan', label: 'pane.tab.plan', icon: <TargetArrowRegular /> },
] as const;

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
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => {
          setTab(d.value as TabId);
          if (d.value === 'plan') setPlanOpened(true);
        }}
        aria-label={tr('pane.tabs')}
        size="small"
      >
        {TABS.map((t) => (
          <Tab key={t.id} value={t.id} icon={t.icon}>
            <span className={mergeClasses(styles.label, tab === t.id && styles.shown)}>{tr(t.label)}</span>
          </Tab>
        ))}
      </TabList>
      <section hidden={tab !== 'reports'}>
        <ReportsPanel actions={actions} onResult={onResult} onOpened={onOpened} onFix={onFix} />
      </section>
      {tab === 'pipeline' && <PipelinePanel actions={actions} refreshKey={refreshKey} unmatched={unmatched} onOpen={() => setTab('reports')} />}
      {tab === 'issues' && (
        <IssuesPanel
          issues={last?.report.issues ?? null}
          onSelect={actions.host === 'excel' ? (address) => last && void actions.selectCell(last.sheet, address) : undefined}
          onGenerate={() => setTab('reports')}
        />
      )}
      {planOpened && (
        <section hidden={tab !== 'plan'}>
          <PlanWizard key={workbookKey} actions={actions} />
        </section>
      )}
    </main>
  );
}
