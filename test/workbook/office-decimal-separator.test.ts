import { excelActions } from '../../src/taskpane/host/excel-actions';
import { createOfficePort } from '../../src/workbook/office/office-port';
import { createFakeExcel } from './fake-excel';

// SPEC §9 inside Excel: "1,234" is read by the workbook's locale, which Excel gives as Application.decimalSeparator (ExcelApi 1.11).
describe('text amounts in Excel follow its decimal separator', () => {
  const pipeline = [
    ['Deal ID', 'Account', 'Stage', 'Created', 'Close Date', 'Amount'],
    ['D1', 'Acme', 'Won', 46030, 46040, '1,234'],
    ['D2', 'Beta', 'Won', 46031, 46041, 100],
  ];

  it.each([
    ['.', 1234 + 100],
    [',', 1.234 + 100],
  ])('decimal separator %p', async (decimalSeparator, revenue) => {
    const fake = createFakeExcel([{ name: 'Pipeline', values: pipeline }], { decimalSeparator });
    const result = await excelActions(createOfficePort(fake.run, { delay: async () => {} })).generate({ month: '2026-01' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.reports[0]!.report.revenue).toBeCloseTo(revenue, 9);
    expect(result.reports[0]!.report.issues).toEqual([]);
  });
});
