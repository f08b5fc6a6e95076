// The Office adapter on 100,000 rows (about 45 s): in `npm run test:slow`, beside the unit suite's office-adapter.test.ts.
import type { Cell, ReportModel } from '../../src/core/report/model';
import { tableRows } from '../../src/core/report/table-rows';
import { MAX_REQUEST_BYTES } from '../../src/workbook/office/blocks';
import { createOfficePort } from '../../src/workbook/office/office-port';
import { samplePipeline } from '../../src/core/sample/sample-pipeline';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import type { WorkbookPort } from '../../src/workbook/port';
import { benchLog } from '../helpers/bench-log';
import { sampleReport } from './contract';
import { createFakeExcel, type SyncRecord } from './fake-excel';
import { harness, noDelay, SEED } from './office-harness';

describe('Office.js adapter only', () => {
  describe('a 100k-row data sheet: round trips and request sizes', () => {
    const ROWS = 100_000;
    const accounts = ['Acme Corporation', '上海星辰科技有限公司', 'Globex', 'Initech Holdings', '=HYPERLINK("http://x","y")'];
    const rows: Cell[][] = Array.from({ length: ROWS }, (_, i) => [
      i + 2,
      `D-${100000 + i}`,
      accounts[i % accounts.length]!,
      accounts[i % accounts.length]!.toLowerCase(),
      i % 3 === 0 ? 'Won' : 'Open',
      (i % 5) + 1,
      (i % 5) + 1,
      45000 + (i % 700),
      i % 3 === 0 ? 45030 + (i % 700) : null,
      Math.round(((i * 7919) % 100000) * 1.37) / 100,
      Math.round(((i * 104729) % 50000) * 0.91) / 100,
      `Owner ${i % 40}`,
      ['Web', 'Partner', 'Event'][i % 3]!,
      `Product ${i % 12}`,
      ['North', 'South', '华东', '华南'][i % 4]!,
      i % 4 === 0 ? 45400 + (i % 365) : null,
    ]);
    const model: ReportModel = {
      sheets: [
        {
          name: 'Funnel Data',
          role: 'data',
          freeze: { rows: 1, cols: 0 },
          blocks: [
            {
              kind: 'table',
              name: 'FunnelData',
              row: 0,
              col: 0,
              style: 'TableStyleLight9',
              columns: [
                'Row',
                'ID',
                'Account',
                'Key',
                'Status',
                'Stage',
                'Furthest',
                'Created',
                'Closed',
                'Amount',
                'Cost',
                'Owner',
                'Channel',
                'Product',
                'Region',
                'Contract end',
              ].map((header, c) => ({
                header,
                format: c === 7 || c === 8 || c === 15 ? ('date' as const) : c >= 9 && c <= 10 ? ('currency' as const) : undefined,
              })),
              rows,
            },
          ],
        },
        sampleReport('Report 2026-01', 5),
      ],
    };
    /** B: the 4 MB blocks the data needs, measured on the JSON of the rows themselves. */
    const dataBytes = Buffer.byteLength(JSON.stringify(rows));
    const B = Math.ceil(dataBytes / MAX_REQUEST_BYTES);

    it(`writes it in at most 6 + B syncs with no request above 4 MB, on a new workbook and when replacing`, async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(model);
      const first = [...fake.syncs];
      const before = fake.syncs.length;
      const dataSheet = fake.state.find('Funnel Data');
      await port.applyReport(model);
      const second = fake.syncs.slice(before);
      // Replacing: the data sheet is the same sheet, rewritten in place.
      expect(fake.state.find('Funnel Data')).toBe(dataSheet);
      for (const syncs of [first, second]) {
        expect(syncs.length).toBeLessThanOrEqual(6 + B);
        expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
        expect(syncs.every((s) => s.error === undefined)).toBe(true);
        // Reads (sheet list; old tables; the data sheet's table) ≤ 3, the blocks with the commit in the last ≤ B + 1, then the delete.
        const reads = syncs.findIndex((s) => s.writes > 0);
        expect(reads).toBeLessThanOrEqual(3);
        expect(syncs.length - reads - 1).toBeLessThanOrEqual(B + 1);
        expect(syncs[syncs.length - 1]!.recalculated).toBe(true);
      }
      const mb = (bytes: number): number => +(bytes / 2 ** 20).toFixed(2);
      const stats = {
        rows: ROWS,
        dataMB: mb(dataBytes),
        B,
        syncsNew: first.length,
        syncsReplace: second.length,
        largestRequestMB: mb(Math.max(...second.map((s) => s.requestBytes))),
        requestsMB: second.map((s) => mb(s.requestBytes)),
      };
      // Recorded for the report: the figures the budget is about.
      benchLog('office 100k write', stats);
      const values = await port.readSheet('Funnel Data');
      expect(values.length).toBe(ROWS + 1);
      expect(values[ROWS]![2]).toBe(rows[ROWS - 1]![2]);
      expect(values[5]![2]).toBe('=HYPERLINK("http://x","y")');
    }, 120_000);

    it(
      'a full monthly report (the use case on a 100k-deal pipeline): at most 6 + B syncs to write, B = 4 ' +
        "MB blocks of the data sheet; regenerating keeps the older month's formulas",
      async () => {
        const fake = createFakeExcel([{ name: 'Pipeline', values: samplePipeline({ deals: ROWS, seed: 7 }) }]);
        const inner = createOfficePort(fake.run, { delay: noDelay, funnelCharts: true, inPlaceData: true });
        const writes: { syncs: SyncRecord[]; B: number }[] = [];
        const port: WorkbookPort = {
          ...inner,
          applyReport: async (model) => {
            const data = model.sheets.find((s) => s.role === 'data')!.blocks[0]!;
            const B = Math.ceil(Buffer.byteLength(JSON.stringify(data.kind === 'table' ? tableRows(data) : [])) / MAX_REQUEST_BYTES);
            const from = fake.syncs.length;
            await inner.applyReport(model);
            writes.push({ syncs: fake.syncs.slice(from), B });
          },
        };
        const first = await generateMonthlyReport(port, { month: '2026-01' });
        const second = await generateMonthlyReport(port, { month: '2026-02' });
        expect(first.ok && second.ok).toBe(true);
        for (const { syncs, B } of writes) {
          expect(syncs.length).toBeLessThanOrEqual(6 + B);
          expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
          for (const s of syncs.filter((x) => x.writes > 0 && !x.recalculated)) expect(s.calculationSuspended && s.screenUpdatingSuspended).toBe(true);
        }
        const older = fake.snapshot().find((s) => s.name === 'Report 2026-01')!;
        const formulas = Object.values(older.cells).flatMap((c) => (c.formula ? [c.formula] : []));
        expect(formulas.filter((f) => f.includes("'Funnel Data'!")).length).toBeGreaterThan(10);
        expect(formulas.filter((f) => f.includes('#REF!'))).toEqual([]);
        benchLog(
          'office 100k monthly report',
          writes.map(({ syncs, B }) => ({ B, syncs: syncs.length, requestsMB: syncs.map((s) => +(s.requestBytes / 2 ** 20).toFixed(2)) })),
        );
      },
      300_000,
    );

    it('reads it back in row blocks, no response above 4 MB', async () => {
      const values: (string | number | null)[][] = [
        ['ID', 'Account', 'Amount'],
        ...Array.from({ length: ROWS }, (_, i) => [`D-${i}`, accounts[i % 4]!, i * 1.5]),
      ];
      const fake = createFakeExcel([{ name: 'Big', values }]);
      const port = createOfficePort(fake.run, { delay: noDelay });
      expect(await port.readSheet('Big')).toEqual(values);
      const total = fake.syncs.reduce((n, s) => n + s.responseBytes, 0);
      expect(Math.max(...fake.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
      expect(fake.syncs.length).toBeLessThanOrEqual(2 + Math.ceil(total / MAX_REQUEST_BYTES) + 1);
      benchLog('office 100k read', { syncs: fake.syncs.length, responseMB: +(total / 2 ** 20).toFixed(2) });
    }, 60_000);
  });
});
