/** @jest-environment jsdom */
import './jsdom-setup';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import type { PaneActions } from '../../src/taskpane/actions';
import type { GenerateReportResult } from '../../src/usecases/generate-report';
import type { ReportJson } from '../../src/usecases/report-json';
import type { PipelineInspection } from '../../src/usecases/inspect-pipeline';
import { DEFAULT_STAGES, type StageConfig } from '../../src/core/pipeline/stages';

// Only the fields the pane shows; the metrics are irrelevant here.
const report = {
  schemaVersion: 1,
  month: '2026-05',
  sheet: 'Pipeline',
  stages: ['Lead', 'Won'],
  mapping: { id: 'Deal ID', stage: 'Stage' },
  deals: { read: 10, used: 8, issues: 3 },
  funnel: {
    mode: 'cohort',
    strict: false,
    steps: [
      { stage: 'Lead', reached: 10, stepConversion: null, cumulativeConversion: 1 },
      { stage: 'Won', reached: 4, stepConversion: 0.4, cumulativeConversion: 0.4 },
    ],
  },
  unknownStages: [],
  forecast: {
    method: 'theta',
    season: 1,
    horizon: 6,
    level: 0.95,
    history: [],
    points: [{ month: '2026-06', forecast: 1234.5, lower: 1000, upper: 1500 }],
    backtest: [],
    notes: [],
    reason: null,
    weightedPipeline: [],
    stageProbabilities: [],
  },
  issues: [
    { row: 3, column: 'Amount', address: 'G3', value: 'TBD', code: 'notANumber', reason: 'Not a number' },
    { row: 5, column: 'Amount', address: 'G5', value: 'n/a', code: 'notANumber', reason: 'Not a number' },
    { row: 7, column: 'Created Date', address: 'E7', value: null, code: 'missingCreated', reason: 'Created date is blank' },
  ],
} as unknown as ReportJson;

const inspection: PipelineInspection = {
  sheets: ['Pipeline', 'Notes'],
  sheet: 'Pipeline',
  headerRow: 1,
  headers: ['Deal ID', 'Account', 'Stage', 'Created', 'Expected Revenue'],
  mapping: { id: 'Deal ID', account: 'Account', stage: 'Stage', created: 'Created' },
  missing: ['amount'],
  preview: [['D1', 'Acme', 'Won', 46030, 1200]],
  stages: DEFAULT_STAGES,
};

function fakeActions(result: GenerateReportResult): PaneActions & { calls: { generate: unknown[]; select: [string, string][]; saved: unknown[] } } {
  const calls = { generate: [] as unknown[], select: [] as [string, string][], saved: [] as unknown[] };
  return {
    host: 'excel',
    calls,
    async inspect() {
      return { ok: true, inspection };
    },
    async saveMapping(sheet, mapping) {
      calls.saved.push([sheet, mapping]);
      return { ok: true };
    },
    async saveStages(stages: StageConfig) {
      calls.saved.push(stages);
      return { ok: true };
    },
    async generate(options) {
      calls.generate.push(options);
      options.onProgress?.('reading');
      return result;
    },
    async selectCell(sheet, address) {
      calls.select.push([sheet, address]);
    },
    // The plan wizard has its own tests (plan-wizard.test.tsx).
    async readPlan() {
      return null;
    },
    async savePlan() {
      throw new Error('not used here');
    },
  };
}

function renderApp(actions: PaneActions, locale: 'en-US' | 'zh-CN' = 'en-US') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} initialLocale={locale} />
    </FluentProvider>,
  );
}

const ok: GenerateReportResult = {
  ok: true,
  reports: [{ month: '2026-05', sheetName: 'Report 2026-05', report }],
  pipelineSheet: 'Pipeline',
  warnings: [],
  issues: 3,
};

describe('task pane', () => {
  it('labels its tabs in English and in Chinese', () => {
    const { unmount } = renderApp(fakeActions(ok));
    for (const name of ['Reports', 'Pipeline', 'Data issues', 'Plan & risks']) expect(screen.getByRole('tab', { name })).toBeTruthy();
    unmount();
    renderApp(fakeActions(ok), 'zh-CN');
    for (const name of ['报告', '商机表', '数据问题', '规划与风险']) expect(screen.getByRole('tab', { name })).toBeTruthy();
  });

  it('generates a report and shows the result with its funnel', async () => {
    const actions = fakeActions(ok);
    renderApp(actions);
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await screen.findByText('Report 2026-05 written: 10 deals read, 3 data issues.');
    expect(actions.calls.generate).toHaveLength(1);
    expect(screen.getByText('Lead')).toBeTruthy();
    expect(screen.getByText('Forecast 2026-06')).toBeTruthy();
    expect(screen.getByText(/Forecast by Theta, 6 months ahead/)).toBeTruthy();
  });

  it('passes the reporting currency and the rates pasted (SPEC §9) to the run', async () => {
    const actions = fakeActions(ok);
    renderApp(actions);
    fireEvent.change(screen.getByRole('textbox', { name: /Reporting currency/ }), { target: { value: 'CNY' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Rates to import/ }), { target: { value: 'Month\tCurrency\tRate\n2026-05\tUSD\t7.1\nsoon\tEUR\t8' } });
    expect(screen.getByText('1 rates read, 1 rows not readable.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await screen.findByText('Report 2026-05 written: 10 deals read, 3 data issues.');
    expect(actions.calls.generate[0]).toMatchObject({ currency: 'CNY', rates: [{ month: 2026 * 12 + 4, currency: 'USD', rate: 7.1 }] });
  });

  it('says why there is no forecast, in the pane’s language', async () => {
    const none = {
      ...report,
      forecast: { ...report.forecast, method: null, points: [], reason: { code: 'tooShort', message: 'x', values: { months: 2, needed: 3 } } },
    } as unknown as ReportJson;
    renderApp(fakeActions({ ...ok, reports: [{ month: '2026-05', sheetName: 'Report 2026-05', report: none }] }), 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '生成报告' }));
    await screen.findByText(/销售额历史仅 2 个月/);
    expect(screen.queryByText(/预测$/)).toBeNull();
  });

  it('shows an error in a message bar, with what went wrong', async () => {
    renderApp(fakeActions({ ok: false, error: { code: 'missingFields', message: 'Sheet "Deals": header row 1 lacks required fields.' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await screen.findByText('The report could not be generated');
    expect(screen.getByText(/lacks required fields/)).toBeTruthy();
  });

  it('groups data issues by reason with counts, and a click selects the cell in the pipeline sheet', async () => {
    const actions = fakeActions(ok);
    renderApp(actions);
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await screen.findByText(/written:/);
    fireEvent.click(screen.getByRole('tab', { name: 'Data issues' }));
    fireEvent.click(screen.getByRole('button', { name: /Not a number/ }));
    expect(screen.getByText('2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^G5 · / }));
    await waitFor(() => expect(actions.calls.select).toEqual([['Pipeline', 'G5']]));
  });

  it('shows the detected mapping, says what is missing, and saves the column the user picks', async () => {
    const actions = fakeActions(ok);
    renderApp(actions);
    fireEvent.click(screen.getByRole('tab', { name: 'Pipeline' }));
    await screen.findByText('Required fields without a column: Amount. Pick their columns below.');
    fireEvent.click(screen.getByRole('combobox', { name: 'Amount (required)' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Expected Revenue' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save mapping' }));
    await waitFor(() => expect(actions.calls.saved).toHaveLength(1));
    expect(actions.calls.saved[0]).toEqual(['Pipeline', { ...inspection.mapping, amount: 'Expected Revenue' }]);
    await screen.findByText('Mapping saved in the workbook: the next report uses it.');
  }, 20_000);
  it('edits the stages: rename, reorder, probability, saved in the workbook', async () => {
    const actions = fakeActions(ok);
    renderApp(actions);
    fireEvent.click(screen.getByRole('tab', { name: 'Pipeline' }));
    const name = await screen.findByLabelText('Stage 1 name');
    fireEvent.change(name, { target: { value: 'Inbound lead' } });
    fireEvent.change(screen.getByLabelText('Stage 2 probability (%)'), { target: { value: '25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Move stage 2 up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save stages' }));
    await screen.findByText('Stages saved in the workbook.');
    const saved = actions.calls.saved[0] as StageConfig;
    expect(saved.stages.slice(0, 2)).toEqual([
      { ...DEFAULT_STAGES.stages[1], probability: 0.25 },
      { ...DEFAULT_STAGES.stages[0], name: 'Inbound lead' },
    ]);
    expect(saved.won).toEqual(DEFAULT_STAGES.won);
  }, 20_000);

  it('shows a warning, not a success, when stage values match no stage, and its fix opens the stage editor listing them', async () => {
    const unmatched = { ...report, unknownStages: [{ value: '初步接洽', count: 20 }] };
    renderApp(fakeActions({ ...ok, reports: [{ month: '2026-05', sheetName: 'Report 2026-05', report: unmatched }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await screen.findByText('Report written, but it needs a look');
    expect(screen.queryByText('Report written')).toBeNull();
    expect(document.querySelector('[data-outcome]')!.getAttribute('data-outcome')).toBe('warning');
    fireEvent.click(screen.getByRole('button', { name: 'Edit the stages' }));
    await screen.findByText(/Stage values in the data that match no stage: 初步接洽\./);
  }, 20_000);

  it('does not save invalid stages, and says why at each', async () => {
    const actions = fakeActions(ok);
    renderApp(actions);
    fireEvent.click(screen.getByRole('tab', { name: 'Pipeline' }));
    fireEvent.change(await screen.findByLabelText('Stage 1 name'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Stage 2 probability (%)'), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save stages' }));
    await screen.findByText('Nothing was saved: fix the stages marked above.');
    expect(screen.getByText('Give the stage a name.')).toBeTruthy();
    expect(screen.getByText('Enter a probability from 0 to 100.')).toBeTruthy();
    expect(actions.calls.saved).toEqual([]);
  }, 20_000);

  it('sets the page language to the pane’s', () => {
    renderApp(fakeActions(ok), 'zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
