import { delayedForCellEdit } from '../../src/workbook/office/excel-run';
import { createOfficePort, type OfficePortOptions } from '../../src/workbook/office/office-port';
import { createFakeExcel, type FakeExcel, type FakeHostOptions, type SeedSheet } from './fake-excel';

/** Shared by the Office adapter's unit suite and its 100k-row suite (test:slow). */
export const noDelay = (): Promise<void> => Promise.resolve();

export function harness(
  seed: SeedSheet[],
  options: OfficePortOptions = {},
  host: FakeHostOptions = {},
): { fake: FakeExcel; port: ReturnType<typeof createOfficePort> } {
  const fake = createFakeExcel(seed, host);
  // The run the add-in uses (excel-run.ts: delayForCellEdit on every batch), over the fake's Excel.run.
  return { fake, port: createOfficePort(delayedForCellEdit(fake.excelRun), { delay: noDelay, funnelCharts: true, inPlaceData: true, ...options }) };
}

export const SEED: SeedSheet[] = [
  {
    name: 'Pipeline',
    values: [
      ['Deal ID', 'Amount'],
      ['D-1', 10],
    ],
  },
  { name: 'Other', values: [['keep me']] },
];
