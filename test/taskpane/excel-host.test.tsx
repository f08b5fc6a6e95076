/** @jest-environment jsdom */
import './jsdom-setup';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { excelActions } from '../../src/taskpane/host/excel-actions';
import { createOfficePort } from '../../src/workbook/office/office-port';
import { createFakeExcel } from '../workbook/fake-excel';

// The pane's Office.js path, end to end on the recording fake of Excel.
describe('task pane inside Excel (recording fake)', () => {
  it('generates on the open workbook, and a click on a data issue selects that cell of the pipeline sheet', async () => {
    const fake = createFakeExcel([
      {
        name: 'Pipeline',
        values: [
          ['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Amount'],
          ['D1', 'Acme', 'Won', 46030, 46040, 1200],
          ['D2', 'Beta', 'Proposal', 46031, null, 'TBD'],
        ],
      },
    ]);
    const actions = excelActions(createOfficePort(fake.run, { delay: async () => {} }));
    render(
      <FluentProvider theme={webLightTheme}>
        <App actions={actions} initialLocale="en-US" />
      </FluentProvider>,
    );
    fireEvent.change(screen.getByLabelText('Report month'), { target: { value: '2026-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate report' }));
    await screen.findByText('Report 2026-01 written: 2 deals read, 1 data issues.', undefined, { timeout: 10_000 });
    expect(fake.snapshot().map((s) => s.name)).toEqual(expect.arrayContaining(['Pipeline', 'Report 2026-01', 'Funnel Data', 'Reports']));

    expect(screen.getByText('1,200')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Go to Report 2026-01' }));
    await waitFor(() => expect(fake.state.active?.name).toBe('Report 2026-01'));

    fireEvent.click(screen.getByRole('tab', { name: 'Data issues' }));
    fireEvent.click(screen.getByRole('button', { name: /Not a number/ }));
    fireEvent.click(screen.getByRole('button', { name: /^F3 · / }));
    await waitFor(() => expect(fake.state.active?.name).toBe('Pipeline'));
    expect(fake.state.active?.selection).toBe('F3');
  }, 20_000);
});
