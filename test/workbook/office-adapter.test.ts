import type { Cell, ReportModel, SheetModel } from '../../src/core/report/model';
import { MAX_REQUEST_BYTES } from '../../src/workbook/office/blocks';
import { createOfficePort, type OfficePortOptions } from '../../src/workbook/office/office-port';
import { WorkbookError } from '../../src/workbook/port';
import { describePortContract, type PortHarness, sampleReport, type WorkbookDump } from './contract';
import { createFakeExcel, type FakeExcel, type SeedSheet } from './fake-excel';

const noDelay = (): Promise<void> => Promise.resolve();

function dumpOf(fake: FakeExcel): WorkbookDump {
  return fake.snapshot().map((s) => ({
    name: s.name,
    visible: s.visibility === 'Visible',
    cells: Object.fromEntries(
      Object.entries(s.cells)
        .filter(([, c]) => c.value !== null || c.formula !== undefined)
        .map(([address, c]) => [address, { value: c.value, ...(c.formula !== undefined ? { formula: c.formula } : {}), ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}) }]),
    ),
    tables: s.tables.map((t) => ({ name: t.name, range: t.range })),
  }));
}

function harness(seed: SeedSheet[], options: OfficePortOptions = {}): { fake: FakeExcel; port: ReturnType<typeof createOfficePort> } {
  const fake = createFakeExcel(seed);
  return { fake, port: createOfficePort(fake.run, { delay: noDelay, funnelCharts: true, ...options }) };
}

describePortContract('Office.js adapter (recording fake)', async (seed): Promise<PortHarness> => {
  const { fake, port } = harness(seed);
  return { port, dump: async () => dumpOf(fake) };
});

const SEED: SeedSheet[] = [
  { name: 'Pipeline', values: [['Deal ID', 'Amount'], ['D-1', 10]] },
  { name: 'Other', values: [['keep me']] },
];

/** A two-sheet model with every kind of block: data table, report with formulas, chart, formats, validation. */
function fullModel(version: number): ReportModel {
  const report = sampleReport('Report 2026-01', 3 + version, [[`note v${version}`]]);
  const data: SheetModel = {
    name: 'Funnel Data',
    role: 'data',
    freeze: { rows: 1, cols: 0 },
    columnWidths: { 0: 14 },
    blocks: [{ kind: 'table', name: 'FunnelData', row: 0, col: 0, style: 'TableStyleLight9', columns: [{ header: 'ID' }, { header: 'Created', format: 'date' }], rows: Array.from({ length: 4 + version }, (_, i) => [`D-${i}`, 46000 + i]) }],
  };
  report.blocks.push({ kind: 'chart', name: 'FunnelChart', type: 'funnel', title: 'Funnel', row: 0, col: 6, widthCols: 6, heightRows: 12, categories: 'A5:A7', series: [{ name: 'Reached', values: 'B5:B7' }, { name: 'Revenue', values: 'D5:D7' }] });
  report.blocks.push({ kind: 'cells', row: 1, col: 4, cells: [[{ formula: "COUNTA('Funnel Data'!A:A)-1", value: 4 }]] });
  report.conditionalFormats = [
    { range: 'C5:C7', type: 'dataBar' },
    { range: 'B5:B7', type: 'colorScale' },
    { range: 'D5:D7', type: 'expression', formula: 'D5>1000', style: 'good' },
  ];
  report.validations = [{ range: 'E5:E7', rule: { type: 'list', values: ['Open', 'Won'] } }];
  return { sheets: [data, report, { name: 'Reports', role: 'index', blocks: [{ kind: 'cells', row: 0, col: 0, cells: [[{ link: { sheet: 'Report 2026-01' }, text: '2026-01' }]] }] }], activate: 'Report 2026-01' };
}

describe('Office.js adapter only', () => {
  describe('writes render as native Excel objects', () => {
    it('writes charts, conditional formats, validation, widths and frozen panes', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0));
      const report = fake.snapshot().find((s) => s.name === 'Report 2026-01')!;
      expect(report.charts).toEqual([
        { name: 'FunnelChart', type: 'Funnel', title: 'Funnel', position: 'G1:L12', series: [{ name: 'Reached', values: 'B5:B7', categories: 'A5:A7' }, { name: 'Revenue', values: 'D5:D7', categories: 'A5:A7' }] },
      ]);
      expect(report.conditionalFormats.map((c) => [c.type, c.range])).toEqual([
        ['DataBar', 'C5:C7'],
        ['ColorScale', 'B5:B7'],
        ['Custom', 'D5:D7'],
      ]);
      expect(report.conditionalFormats[2]!.settings['custom.rule.formula']).toBe('=D5>1000');
      expect(report.validations).toEqual([{ range: 'E5:E7', rule: { list: { inCellDropDown: true, source: 'Open,Won' } } }]);
      expect(report.freeze).toEqual({ rows: 3, cols: 0 });
      expect(report.columnWidths[0]).toBeGreaterThan(report.columnWidths[1]!);
      expect(report.cells.E2!.formula).toBe("COUNTA('Funnel Data'!A:A)-1");
      expect(fake.state.active?.name).toBe('Report 2026-01');
    });

    it('draws a bar chart where the host has no funnel chart', async () => {
      const { fake, port } = harness(SEED, { funnelCharts: false });
      await port.applyReport(fullModel(0));
      expect(fake.snapshot().find((s) => s.name === 'Report 2026-01')!.charts[0]!.type).toBe('BarClustered');
    });

    it('suspends calculation and screen updating in every request that writes, and recalculates at the end', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0));
      // Replacing: the old tabs are deleted in a request of their own.
      await port.applyReport(fullModel(1));
      const writing = fake.syncs.filter((s) => s.writes > 0);
      expect(writing.length).toBeGreaterThan(2);
      for (const sync of writing) {
        expect(sync.screenUpdatingSuspended).toBe(true);
        expect(sync.calculationSuspended || sync.recalculated).toBe(true);
      }
      expect(fake.syncs[fake.syncs.length - 1]!.recalculated).toBe(true);
    });
  });

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
              columns: ['Row', 'ID', 'Account', 'Key', 'Status', 'Stage', 'Furthest', 'Created', 'Closed', 'Amount', 'Cost', 'Owner', 'Channel', 'Product', 'Region', 'Contract end'].map((header, c) => ({
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
      await port.applyReport(model);
      const second = fake.syncs.slice(before);
      for (const syncs of [first, second]) {
        expect(syncs.length).toBeLessThanOrEqual(6 + B);
        expect(Math.max(...syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
        expect(syncs.every((s) => s.error === undefined)).toBe(true);
      }
      const stats = { rows: ROWS, dataMB: +(dataBytes / 2 ** 20).toFixed(2), B, syncsNew: first.length, syncsReplace: second.length, largestRequestMB: +(Math.max(...second.map((s) => s.requestBytes)) / 2 ** 20).toFixed(2) };
      // Recorded for the report: the figures the budget is about.
      console.log(`office 100k write: ${JSON.stringify(stats)}`);
      const values = await port.readSheet('Funnel Data');
      expect(values.length).toBe(ROWS + 1);
      expect(values[ROWS]![2]).toBe(rows[ROWS - 1]![2]);
      expect(values[5]![2]).toBe('=HYPERLINK("http://x","y")');
    }, 120_000);

    it('reads it back in row blocks, no response above 4 MB', async () => {
      const values: (string | number | null)[][] = [['ID', 'Account', 'Amount'], ...Array.from({ length: ROWS }, (_, i) => [`D-${i}`, accounts[i % 4]!, i * 1.5])];
      const fake = createFakeExcel([{ name: 'Big', values }]);
      const port = createOfficePort(fake.run, { delay: noDelay });
      expect(await port.readSheet('Big')).toEqual(values);
      const total = fake.syncs.reduce((n, s) => n + s.responseBytes, 0);
      expect(Math.max(...fake.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
      expect(fake.syncs.length).toBeLessThanOrEqual(2 + Math.ceil(total / MAX_REQUEST_BYTES) + 1);
      console.log(`office 100k read: ${JSON.stringify({ syncs: fake.syncs.length, responseMB: +(total / 2 ** 20).toFixed(2) })}`);
    }, 60_000);
  });

  describe('a failure at any step leaves the workbook as it was', () => {
    async function prepared(): Promise<ReturnType<typeof harness>> {
      const h = harness([...SEED, { name: 'Mine', values: [['user sheet']] }]);
      await h.port.applyReport(fullModel(0));
      await h.port.writeSettings({ version: 1, pipelineSheet: 'Pipeline' });
      return h;
    }

    async function reference(): Promise<{ writes: number; syncs: number; after: unknown }> {
      const { fake, port } = await prepared();
      const writes = fake.state && countWrites(fake);
      const syncs = fake.syncs.length;
      await port.applyReport(fullModel(1));
      return { writes: countWrites(fake) - writes, syncs: fake.syncs.length - syncs, after: fake.snapshot() };
    }

    function countWrites(fake: FakeExcel): number {
      return fake.syncs.reduce((n, s) => n + s.writes, 0);
    }

    it('at each write operation in turn: rolled back (rejected) or, past the commit, rolled forward (resolved)', async () => {
      const ref = await reference();
      expect(ref.writes).toBeGreaterThan(20);
      let rolledBack = 0;
      let rolledForward = 0;
      for (let k = 1; k <= ref.writes; k++) {
        const { fake, port } = await prepared();
        const before = fake.snapshot();
        fake.failAt({ write: k });
        const outcome = await port.applyReport(fullModel(1)).then(
          () => 'resolved',
          (e: unknown) => e,
        );
        const now = fake.snapshot();
        expect(now.map((s) => s.name).filter((n) => n.startsWith('~FR'))).toEqual([]);
        if (outcome === 'resolved') {
          rolledForward++;
          expect(now).toEqual(ref.after);
        } else {
          rolledBack++;
          expect(outcome).toBeInstanceOf(WorkbookError);
          expect((outcome as WorkbookError).code).toBe('writeFailed');
          expect(now).toEqual(before);
        }
        expect(await port.readSettings()).toEqual({ version: 1, pipelineSheet: 'Pipeline' });
      }
      expect(rolledBack).toBeGreaterThan(ref.writes - 5);
      console.log(`failure injection: ${JSON.stringify({ writeSteps: ref.writes, rolledBack, rolledForward })}`);
    }, 120_000);

    it('at each sync in turn', async () => {
      const ref = await reference();
      for (let k = 1; k <= ref.syncs; k++) {
        const { fake, port } = await prepared();
        const before = fake.snapshot();
        fake.failAt({ sync: k });
        const outcome = await port.applyReport(fullModel(1)).then(
          () => 'resolved',
          () => 'rejected',
        );
        expect(fake.snapshot()).toEqual(outcome === 'resolved' ? ref.after : before);
      }
    });
  });

  describe('Office errors', () => {
    it('retries while the user is editing a cell, with backoff', async () => {
      const delays: number[] = [];
      const { fake, port } = harness(SEED, { delay: async (ms) => void delays.push(ms) });
      fake.failAt({ sync: 1, times: 2, code: 'InvalidOperationInCellEditMode' });
      expect((await port.listSheets()).map((s) => s.name)).toEqual(['Pipeline', 'Other']);
      expect(delays).toEqual([500, 1000]);
    });

    it("gives up after the retries with WorkbookError 'busy'", async () => {
      const delays: number[] = [];
      const { fake, port } = harness(SEED, { delay: async (ms) => void delays.push(ms) });
      fake.failAt({ sync: 1, times: 100, code: 'InvalidOperationInCellEditMode' });
      await expect(port.applyReport(fullModel(0))).rejects.toMatchObject({ name: 'WorkbookError', code: 'busy' });
      expect(delays).toEqual([500, 1000, 2000]);
    });

    it.each([
      ['ItemNotFound', 'sheetNotFound'],
      ['RequestPayloadSizeLimitExceeded', 'tooLarge'],
      ['AccessDenied', 'writeFailed'],
      ['GeneralException', 'writeFailed'],
    ])('maps %s to %s by code', async (code, expected) => {
      const { fake, port } = harness(SEED);
      fake.failAt({ sync: 1, code });
      await expect(port.readSettings()).rejects.toMatchObject({ name: 'WorkbookError', code: expected });
    });

    it('refuses to send a request Excel on the web would refuse (the fake rejects 5 MB+)', async () => {
      const fake = createFakeExcel(SEED);
      const huge = 'x'.repeat(6 * 1024 * 1024);
      const error = await fake
        .run(async (context) => {
          context.workbook.worksheets.getItem('Other').getRange('A1').values = [[huge]];
          await context.sync();
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    });
  });
});
