import { BAND_OPACITY, type ReportModel, SERIES_COLORS, type SheetModel } from '../../src/core/report/model';
import { blendWithWhite } from '../../src/workbook/office/render-sheet';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { delayedForCellEdit, RUN_OPTIONS } from '../../src/workbook/office/excel-run';
import { createOfficePort } from '../../src/workbook/office/office-port';
import { WorkbookError } from '../../src/workbook/port';
import { benchLog } from '../helpers/bench-log';
import { describePortContract, type PortHarness, sampleReport, type WorkbookDump } from './contract';
import { createFakeExcel, type FakeExcel, type SheetSnapshot } from './fake-excel';
import { harness, noDelay, SEED } from './office-harness';

function dumpOf(fake: FakeExcel): WorkbookDump {
  return fake.snapshot().map((s) => ({
    name: s.name,
    visible: s.visibility === 'Visible',
    cells: Object.fromEntries(
      Object.entries(s.cells)
        .filter(([, c]) => c.value !== null || c.formula !== undefined)
        .map(([address, c]) => [
          address,
          { value: c.value, ...(c.formula !== undefined ? { formula: c.formula } : {}), ...(c.numberFormat ? { numberFormat: c.numberFormat } : {}) },
        ]),
    ),
    tables: s.tables.map((t) => ({ name: t.name, range: t.range })),
  }));
}

describePortContract('Office.js adapter (recording fake)', async (seed): Promise<PortHarness> => {
  const { fake, port } = harness(seed);
  return { port, dump: async () => dumpOf(fake) };
});

/** Snapshots with a funnel chart and its bar-chart fallback counted alike. */
function chartsAsDrawn(snapshot: SheetSnapshot[]): SheetSnapshot[] {
  return snapshot.map((s) => ({ ...s, charts: s.charts.map((c) => ({ ...c, type: c.type === 'BarClustered' ? 'Funnel' : c.type })) }));
}

/** A two-sheet model with every kind of block: data table, report with formulas, chart, formats, validation. */
function fullModel(version: number, month = '2026-01'): ReportModel {
  const report = sampleReport(`Report ${month}`, 3 + version, [[`note v${version}`]]);
  // Table names are unique in a workbook: one per month.
  for (const block of report.blocks) if (block.kind === 'table' && month !== '2026-01') block.name = `${block.name}_${month.replace('-', '_')}`;
  const data: SheetModel = {
    name: 'Funnel Data',
    role: 'data',
    freeze: { rows: 1, cols: 0 },
    columnWidths: { 0: 14 },
    blocks: [
      {
        kind: 'table',
        name: 'FunnelData',
        row: 0,
        col: 0,
        style: 'TableStyleLight9',
        columns: [{ header: 'ID' }, { header: 'Created', format: 'date' }],
        rows: Array.from({ length: 4 + version }, (_, i) => [`D-${i}`, 46000 + i]),
      },
    ],
  };
  report.blocks.push({
    kind: 'chart',
    name: 'FunnelChart',
    type: 'funnel',
    title: 'Funnel',
    row: 0,
    col: 6,
    widthCols: 6,
    heightRows: 12,
    categories: 'A5:A7',
    series: [
      { name: 'Reached', values: 'B5:B7' },
      { name: 'Revenue', values: 'D5:D7' },
    ],
  });
  report.blocks.push({ kind: 'cells', row: 1, col: 4, cells: [[{ formula: "COUNTA('Funnel Data'!A:A)-1", value: 4 }]] });
  report.conditionalFormats = [
    { range: 'C5:C7', type: 'dataBar' },
    { range: 'B5:B7', type: 'colorScale' },
    { range: 'D5:D7', type: 'expression', formula: 'D5>1000', style: 'good' },
  ];
  report.validations = [{ range: 'E5:E7', rule: { type: 'list', values: ['Open', 'Won'] } }];
  return {
    sheets: [
      data,
      report,
      { name: 'Reports', role: 'index', blocks: [{ kind: 'cells', row: 0, col: 0, cells: [[{ link: { sheet: `Report ${month}` }, text: month }]] }] },
    ],
    activate: `Report ${month}`,
  };
}

describe('Office.js adapter only', () => {
  describe('writes render as native Excel objects', () => {
    it('writes charts, conditional formats, validation, widths and frozen panes', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0));
      const report = fake.snapshot().find((s) => s.name === 'Report 2026-01')!;
      expect(report.charts).toEqual([
        {
          name: 'FunnelChart',
          type: 'Funnel',
          title: 'Funnel',
          position: 'G1:L12',
          series: [
            { name: 'Reached', values: 'B5:B7', categories: 'A5:A7', fill: `#${SERIES_COLORS[0]}` },
            { name: 'Revenue', values: 'D5:D7', categories: 'A5:A7', fill: `#${SERIES_COLORS[1]}` },
          ],
        },
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

    it('sets up printing through pageLayout: landscape, one page wide, title rows, footer, page breaks (SPEC §7)', async () => {
      const { fake, port } = harness(SEED);
      const model = fullModel(0);
      model.sheets[1]!.print = { orientation: 'landscape', fitToWidth: true, titleRows: { first: 0, last: 1 }, pageBreaks: [10, 20], footer: 'R&D 2026-01' };
      await port.applyReport(model);
      const report = fake.snapshot().find((s) => s.name === 'Report 2026-01')!;
      expect(report.print).toEqual({
        orientation: 'Landscape',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        titleRows: '$1:$2',
        leftFooter: 'R&&D 2026-01',
        rightFooter: '&P / &N',
        breaks: ['A11', 'A21'],
      });
    });

    it('draws a band as two stacked areas (the lower one unfilled and out of the legend) under coloured lines', async () => {
      const { fake, port } = harness(SEED);
      const model = fullModel(0);
      const report = model.sheets[1]!;
      report.blocks = report.blocks.filter((b) => b.kind !== 'chart');
      report.blocks.push({
        kind: 'chart',
        name: 'ForecastChart',
        type: 'line',
        title: 'Revenue',
        row: 0,
        col: 6,
        widthCols: 8,
        heightRows: 14,
        categories: 'A5:A7',
        series: [
          { name: '95% band', kind: 'band', lower: 'H5:H7', values: 'I5:I7', color: 'F4B183' },
          { name: 'Actual', values: 'B5:B7', color: '1F4E79' },
          { name: 'Fitted', values: 'C5:C7', color: '7F7F7F', dashed: true },
        ],
      });
      await port.applyReport(model);
      const chart = fake.snapshot().find((s) => s.name === 'Report 2026-01')!.charts[0]!;
      expect(chart.type).toBe('Line');
      expect(chart.series).toEqual([
        { name: '95% band', values: 'H5:H7', categories: 'A5:A7', chartType: 'AreaStacked', fill: 'none', line: 'none' },
        { name: '95% band', values: 'I5:I7', categories: 'A5:A7', chartType: 'AreaStacked', fill: `#${blendWithWhite('F4B183', BAND_OPACITY)}`, line: 'none' },
        { name: 'Actual', values: 'B5:B7', categories: 'A5:A7', line: '#1F4E79' },
        { name: 'Fitted', values: 'C5:C7', categories: 'A5:A7', line: '#7F7F7F', lineStyle: 'Dash' },
      ]);
      expect(chart.hiddenLegendEntries).toEqual([0]);
      // 35 % of F4B183 over white.
      expect(blendWithWhite('F4B183', 0.35)).toBe('FBE4D4');
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

  describe('the data sheet is rewritten in place, so older report tabs keep their formulas', () => {
    const olderFormula = (fake: FakeExcel): string | undefined => fake.snapshot().find((s) => s.name === 'Report 2026-01')!.cells.E2!.formula;

    it("keeps an older month's formulas on `Funnel Data` when another month is generated", async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0, '2026-01'));
      const dataSheet = fake.state.find('Funnel Data')!;
      await port.applyReport(fullModel(2, '2026-02'));
      expect(olderFormula(fake)).toBe("COUNTA('Funnel Data'!A:A)-1");
      // Same sheet, not a new one under the old name.
      expect(fake.state.find('Funnel Data')).toBe(dataSheet);
      expect(fake.snapshot().map((s) => s.name)).toEqual(['Pipeline', 'Other', 'Funnel Data', 'Report 2026-01', 'Reports', 'Report 2026-02']);
    });

    it('hosts without ExcelApi 1.13 keep the data sheet too (its contents replaced), so older formulas still read it', async () => {
      const { fake, port } = harness(SEED, { inPlaceData: false });
      await port.applyReport(fullModel(0, '2026-01'));
      const dataSheet = fake.state.find('Funnel Data')!;
      await port.applyReport(fullModel(2, '2026-02'));
      expect(olderFormula(fake)).toBe("COUNTA('Funnel Data'!A:A)-1");
      expect(fake.state.find('Funnel Data')).toBe(dataSheet);
    });

    it('(why: the fake, as Excel, turns a formula that points at a deleted sheet into #REF!)', async () => {
      const fake = createFakeExcel([
        { name: 'Mine', values: [] },
        { name: 'Gone', values: [[1]] },
      ]);
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('Mine').getRange('A1').formulas = [['=Gone!A1+1']];
        await context.sync();
        context.workbook.worksheets.getItem('Gone').delete();
        await context.sync();
      });
      expect(fake.snapshot()[0]!.cells.A1!.formula).toBe('#REF!A1+1');
    });

    it.each([
      ['grows', 0, 5],
      ['shrinks', 5, 0],
    ])('gives the same cells and table as a fresh write when it %s, keeping its place and the column widths the user set', async (_title, from, to) => {
      const fresh = harness(SEED);
      await fresh.port.applyReport(fullModel(to));
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(from));
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('Funnel Data').getRange('B1').format.columnWidth = 200;
        await context.sync();
      });
      await port.applyReport(fullModel(to));
      const data = (f: FakeExcel): WorkbookDump[number] => dumpOf(f).find((s) => s.name === 'Funnel Data')!;
      expect(data(fake)).toEqual(data(fresh.fake));
      expect(dumpOf(fake).map((s) => s.name)).toEqual(dumpOf(fresh.fake).map((s) => s.name));
      expect(fake.snapshot().find((s) => s.name === 'Funnel Data')!.columnWidths[1]).toBe(200);
    });

    it('writes an empty table over a longer one: header and one blank body row', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(3));
      const empty = fullModel(0);
      const table = empty.sheets[0]!.blocks[0]!;
      if (table.kind === 'table') table.rows = [];
      await port.applyReport(empty);
      const data = fake.snapshot().find((s) => s.name === 'Funnel Data')!;
      expect(data.tables).toEqual([{ name: 'FunnelData', range: 'A1:B2', style: 'TableStyleLight9' }]);
      expect(data.cells).toEqual({ A1: { value: 'ID' }, B1: { value: 'Created' }, B2: { value: null, numberFormat: 'yyyy-mm-dd' } });
    });

    it('falls back to a new tab when the data sheet no longer has the table it expects', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0));
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('Funnel Data').tables.getItem('FunnelData').name = 'Renamed';
        await context.sync();
      });
      await port.applyReport(fullModel(1));
      expect(dumpOf(fake).find((s) => s.name === 'Funnel Data')!.tables).toEqual([{ name: 'FunnelData', range: 'A1:B6' }]);
    });
  });

  // The data sheet is rewritten in place, growing or shrinking; an older month's report tab reads it throughout.
  describe.each([
    ['the data sheet grows', 0, 1],
    ['the data sheet shrinks', 3, 0],
  ])('a failure at any step leaves the workbook as it was (%s)', (_title, from, to) => {
    async function prepared(): Promise<ReturnType<typeof harness>> {
      const h = harness([...SEED, { name: 'Mine', values: [['user sheet']] }]);
      await h.port.applyReport(fullModel(from, '2025-12'));
      await h.port.applyReport(fullModel(from));
      await h.port.writeSettings({ version: 1, pipelineSheet: 'Pipeline' });
      return h;
    }

    async function reference(): Promise<{ writes: number; syncs: number; after: SheetSnapshot[] }> {
      const { fake, port } = await prepared();
      const writes = fake.state && countWrites(fake);
      const syncs = fake.syncs.length;
      await port.applyReport(fullModel(to));
      const after = fake.snapshot();
      // The reason for the in-place rewrite: the older month still reads the data sheet.
      expect(after.find((s) => s.name === 'Report 2025-12')!.cells.E2!.formula).toBe("COUNTA('Funnel Data'!A:A)-1");
      return { writes: countWrites(fake) - writes, syncs: fake.syncs.length - syncs, after };
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
        const outcome = await port.applyReport(fullModel(to)).then(
          () => 'resolved',
          (e: unknown) => e,
        );
        const now = fake.snapshot();
        expect(now.map((s) => s.name).filter((n) => n.startsWith('~FR'))).toEqual([]);
        if (outcome === 'resolved') {
          rolledForward++;
          // A failure in the chart step (after the commit) draws the funnel as bars instead: the report stands.
          expect(chartsAsDrawn(now)).toEqual(chartsAsDrawn(ref.after));
        } else {
          rolledBack++;
          expect(outcome).toBeInstanceOf(WorkbookError);
          expect((outcome as WorkbookError).code).toBe('writeFailed');
          expect(now).toEqual(before);
        }
        expect(await port.readSettings()).toEqual({ version: 1, pipelineSheet: 'Pipeline' });
      }
      // Past the commit: the chart step (one chart: add, name, title, position, series) and the deletes roll forward.
      expect(rolledBack).toBeGreaterThan(ref.writes - 15);
      expect(rolledForward).toBeGreaterThan(0);
      benchLog('failure injection', { writeSteps: ref.writes, rolledBack, rolledForward });
    }, 120_000);

    it('at each sync in turn', async () => {
      const ref = await reference();
      for (let k = 1; k <= ref.syncs; k++) {
        const { fake, port } = await prepared();
        const before = fake.snapshot();
        fake.failAt({ sync: k });
        const outcome = await port.applyReport(fullModel(to)).then(
          () => 'resolved',
          () => 'rejected',
        );
        expect(chartsAsDrawn(fake.snapshot())).toEqual(chartsAsDrawn(outcome === 'resolved' ? ref.after : before));
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
      ['AccessDenied', 'protected'],
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

  describe('calculated columns: each row of a report table keeps its own formula', () => {
    /** A funnel-like table: the Reached column has a different criterion per row, as the report's does (`">="&k`). */
    function funnelModel(): ReportModel {
      const report = sampleReport('Report 2026-01', 3);
      const table = report.blocks.find((b) => b.kind === 'table')!;
      if (table.kind === 'table') table.rows = [1, 2, 3].map((k) => [`Step ${k}`, { formula: `COUNTIFS(Pipeline!$B:$B,">="&${k})`, value: 0 }, k / 10, 0]);
      return { sheets: [report] };
    }

    it('writes the formulas before the table exists, so Excel does not fill one row’s formula down the column', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(funnelModel());
      const report = fake.snapshot().find((s) => s.name === 'Report 2026-01')!;
      expect(['B5', 'B6', 'B7'].map((a) => report.cells[a]?.formula)).toEqual([1, 2, 3].map((k) => `COUNTIFS(Pipeline!$B:$B,">="&${k})`));
      expect(report.tables).toEqual([{ name: 'Funnel', range: 'A4:D7', style: 'TableStyleMedium2' }]);
      // Excel made no calculated column of it.
      expect(fake.state.find('Report 2026-01')!.tables[0]!.calculated.size).toBe(0);
    });
  });

  describe('cell-edit mode', () => {
    it('passes delayForCellEdit to every Excel.run, so a report generated while the user edits a cell waits and then completes', async () => {
      const { fake, port } = harness(SEED);
      fake.beginCellEdit();
      let done = false;
      const applying = port.applyReport(fullModel(0)).then(() => (done = true));
      for (let i = 0; i < 20; i++) await Promise.resolve();
      expect(done).toBe(false);
      fake.endCellEdit();
      await applying;
      expect(fake.snapshot().map((s) => s.name)).toContain('Report 2026-01');
      expect(fake.runOptions.length).toBeGreaterThan(0);
      expect(fake.runOptions.every((o) => o.delayForCellEdit === true)).toBe(true);
      expect(fake.syncs.some((s) => s.error === 'InvalidOperationInCellEditMode')).toBe(false);
    });

    it('the add-in’s only Excel.run passes delayForCellEdit (src/ checked line by line)', () => {
      const files = listSources(path.resolve(__dirname, '../../src'));
      const calls = files.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /\bExcel\.run\(/.test(l) && !/^\s*(\*|\/\/|\/\*)/.test(l))
          .map((l) => ({ file: path.basename(f), line: l.trim() })),
      );
      expect(calls).toEqual([{ file: 'excel-run.ts', line: expect.stringContaining('Excel.run(options, batch)') }]);
      expect(RUN_OPTIONS).toEqual({ delayForCellEdit: true });
    });

    it('a clean-up Excel refuses is reported with the tabs to delete (not swallowed), in the user’s language', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0));
      const reads = 3;
      // The first write request fails, and so does every request after it: the recovery and the count of what is left too.
      fake.failAt({ sync: reads + 1, times: 1000 });
      const error = (await port.applyReport(fullModel(1)).catch((e: unknown) => e)) as WorkbookError;
      expect(error).toBeInstanceOf(WorkbookError);
      expect(error.code).toBe('writeFailed');
      expect(error.message).toMatch(/^The write failed and Excel refused part of the clean-up: delete the tabs "~FR/);
      // The same in Chinese (the workbook is as it was: nothing of the failed run was applied).
      const zh = createOfficePort(delayedForCellEdit(fake.excelRun), { delay: noDelay, funnelCharts: true, inPlaceData: true, locale: () => 'zh-CN' });
      fake.failAt({ sync: reads + 1, times: 1000 });
      const zhError = (await zh.applyReport(fullModel(1)).catch((e: unknown) => e)) as WorkbookError;
      expect(zhError.message).toMatch(/^写入失败，且 Excel 拒绝了部分清理：请删除工作表 "~FR/);
    });

    it('builds each new tab hidden: a run cut short leaves no half-made tab in view', async () => {
      const { fake, port } = harness(SEED);
      const seen: string[] = [];
      // The third write of the build fails (the first tab is added and hidden by then), and so does every later request:
      // the state a user would see if Excel stopped there.
      fake.failAt({ write: 3, sync: 3, times: 1000 });
      await port.applyReport(fullModel(0)).catch(() => undefined);
      fake.failAt({});
      for (const s of fake.snapshot()) if (s.name.startsWith('~FR')) seen.push(`${s.name.slice(-2)}:${s.visibility}`);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((v) => v.endsWith(':Hidden'))).toBe(true);
    });
  });

  describe('protection', () => {
    it('a protected workbook structure: a message that says so and what to do, in the user’s language, and nothing changed', async () => {
      for (const [locale, text] of [
        ['en-US', /^The workbook structure is protected, .*Unprotect it \(Review › Protect Workbook/],
        ['zh-CN', /^工作簿结构受保护.*请先取消保护/],
      ] as const) {
        const { fake, port } = harness(SEED, { locale: () => locale });
        fake.protectStructure();
        const before = fake.snapshot();
        const error = await port.applyReport(fullModel(0)).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'WorkbookError', code: 'protected', message: expect.stringMatching(text) });
        expect(fake.snapshot()).toEqual(before);
        expect(fake.syncs.every((s) => s.writes === 0)).toBe(true);
      }
    });

    it('a protected report tab: the message names the sheet, and nothing changed', async () => {
      const { fake, port } = harness(SEED);
      await port.applyReport(fullModel(0));
      fake.protectSheet('Report 2026-01');
      const before = fake.snapshot();
      const error = await port.applyReport(fullModel(1)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'protected', message: expect.stringContaining('Sheet "Report 2026-01" is protected') });
      expect(fake.snapshot()).toEqual(before);
    });

    it('AccessDenied from any request (e.g. a protected settings sheet) maps to the protection message', async () => {
      const { fake, port } = harness(SEED);
      await port.writeSettings({ version: 1 });
      fake.protectSheet('_FunnelReporterSettings');
      await expect(port.writeSettings({ version: 1, pipelineSheet: 'Pipeline' })).rejects.toMatchObject({
        code: 'protected',
        message: expect.stringContaining('access denied'),
      });
    });
  });

  describe('the 5 MB payload limit of Excel on the web', () => {
    it('reads a sheet of long text whose first block would exceed 5 MB, by asking again for fewer rows', async () => {
      const note = (i: number): string => `${i} ${'long note '.repeat(2_000)}`;
      const values: (string | number)[][] = [['ID', 'Note', 'More'], ...Array.from({ length: 400 }, (_, i) => [i, note(i), note(-i)])];
      const fake = createFakeExcel([{ name: 'Notes', values }]);
      const port = createOfficePort(delayedForCellEdit(fake.excelRun), { delay: noDelay });
      expect(await port.readSheet('Notes')).toEqual(values);
      expect(fake.syncs.filter((s) => s.error === undefined).every((s) => s.responseBytes <= 5 * 1024 * 1024)).toBe(true);
      expect(fake.syncs.some((s) => s.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    });

    it('a write request refused as too large (RequestPayloadSizeLimitExceeded) is rolled back and retried in smaller requests', async () => {
      const reference = harness(SEED);
      await reference.port.applyReport(fullModel(0));
      const { fake, port } = harness(SEED);
      fake.failAt({ sync: 4, code: 'RequestPayloadSizeLimitExceeded' });
      await port.applyReport(fullModel(0));
      expect(fake.snapshot()).toEqual(reference.fake.snapshot());
      expect(fake.syncs.filter((s) => s.error === 'RequestPayloadSizeLimitExceeded')).toHaveLength(1);
    });
  });

  describe('charts in a step of their own', () => {
    it('a host that refuses funnel (chartex) series gets a bar chart, and the report with its tables is written', async () => {
      const { fake, port } = harness(SEED, {}, { chartexSeriesUnsupported: true });
      await port.applyReport(fullModel(0));
      const report = fake.snapshot().find((s) => s.name === 'Report 2026-01')!;
      expect(report.charts.map((c) => [c.name, c.type, c.title, c.series.length])).toEqual([['FunnelChart', 'BarClustered', 'Funnel', 2]]);
      expect(report.tables.map((t) => t.name)).toEqual(['Funnel']);
      expect(fake.syncs.some((s) => s.error === 'UnsupportedOperation')).toBe(true);
    });
  });
  describe('references into report tabs survive regenerating them', () => {
    /** A plan sheet and a register sheet beside the report, each with a table. */
    function withPlanSheets(version: number): ReportModel {
      const m = fullModel(version);
      for (const [name, table] of [
        ['Sales Plan', 'Targets'],
        ['Risk Register', 'Risks'],
      ] as const)
        m.sheets.push({
          name,
          role: 'report',
          blocks: [
            {
              kind: 'table',
              name: table,
              row: 0,
              col: 0,
              style: 'TableStyleLight9',
              columns: [{ header: 'Item' }, { header: 'Value' }],
              rows: [
                ['a', 10 + version],
                ['b', 20 + version],
              ],
            },
          ],
        });
      return m;
    }

    it("keeps a user's formulas that point into Report YYYY-MM, Sales Plan and Risk Register (no #REF!), and the sheets' place", async () => {
      const { fake, port } = harness([...SEED, { name: 'Mine', values: [] }]);
      await port.applyReport(withPlanSheets(0));
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem('Mine').getRange('A1:C1').formulas = [
          ["='Report 2026-01'!B5", "='Sales Plan'!B2*2", "=SUM('Risk Register'!B2:B3)"],
        ];
        await context.sync();
      });
      const order = fake.snapshot().map((s) => s.name);
      const report = fake.state.find('Report 2026-01');
      await port.applyReport(withPlanSheets(1));
      const mine = fake.snapshot().find((s) => s.name === 'Mine')!;
      expect(['A1', 'B1', 'C1'].map((a) => mine.cells[a]!.formula)).toEqual(["'Report 2026-01'!B5", "'Sales Plan'!B2*2", "SUM('Risk Register'!B2:B3)"]);
      expect(fake.state.find('Report 2026-01')).toBe(report);
      expect(fake.snapshot().map((s) => s.name)).toEqual(order);
      // The contents are the new ones, as a fresh write gives them.
      const fresh = harness([...SEED, { name: 'Mine', values: [] }]);
      await fresh.port.applyReport(withPlanSheets(1));
      const pick = (d: WorkbookDump): WorkbookDump => d.filter((s) => s.name !== 'Mine');
      expect(pick(dumpOf(fake))).toEqual(pick(dumpOf(fresh.fake)));
    });
  });
});

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listSources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}
