/** @jest-environment jsdom */
import './jsdom-setup';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import type { PaneActions } from '../../src/taskpane/actions';
import type { GenerateReportOptions } from '../../src/usecases/generate-report';

// Issue #17 item 9: the Reports tab's option that writes the deal forecast columns beside the pipeline, saved in the workbook.

function actionsWith(saved: boolean): PaneActions & { runs: GenerateReportOptions[] } {
  const runs: GenerateReportOptions[] = [];
  return {
    host: 'excel',
    runs,
    dealColumnsOption: async () => saved,
    async generate(options) {
      runs.push(options);
      return { ok: false, error: { code: 'noMonth', message: 'no month' } };
    },
    inspect: async () => ({ ok: true, inspection: null }),
    saveMapping: async () => ({ ok: true }),
    saveStages: async () => ({ ok: true }),
    selectCell: async () => undefined,
    readPlan: async () => null,
    savePlan: async () => {
      throw new Error('not used here');
    },
  };
}

function renderPane(actions: PaneActions, locale: 'en-US' | 'zh-CN' = 'en-US') {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} initialLocale={locale} />
    </FluentProvider>,
  );
}

const LABEL = /Deal forecast columns beside the pipeline sheet/;

describe('deal forecast columns option', () => {
  it('opens checked as the workbook saved it, and a run passes the choice on to be saved', async () => {
    const actions = actionsWith(true);
    renderPane(actions);
    const box = screen.getByRole('checkbox', { name: LABEL }) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await waitFor(() => expect(actions.runs).toHaveLength(1));
    expect(actions.runs[0]!.dealColumns).toBe(true);
    fireEvent.click(box);
    expect(box.checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await waitFor(() => expect(actions.runs).toHaveLength(2));
    expect(actions.runs[1]!.dealColumns).toBe(false);
  });

  it('opens unchecked when the workbook never turned it on, and is labelled in Chinese', async () => {
    const actions = actionsWith(false);
    renderPane(actions, 'zh-CN');
    const box = screen.getByRole('checkbox', { name: /在商机表旁写入商机预测列/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: '生成报告' }));
    await waitFor(() => expect(actions.runs).toHaveLength(1));
    expect(actions.runs[0]!.dealColumns).toBe(true);
  });
});
