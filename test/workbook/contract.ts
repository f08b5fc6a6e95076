import type { Cell, ReportModel, SheetModel } from '../../src/core/report/model';
import { NUMBER_FORMAT_CODES } from '../../src/core/report/model';
import type { WorkbookSettings } from '../../src/core/settings';
import type { CellValue, SheetValues } from '../../src/core/util/cell';
import { SETTINGS_SHEET, WorkbookError, type WorkbookPort } from '../../src/workbook/port';

/**
 * The contract every WorkbookPort adapter passes (Office.js on a recording
 * fake, .xlsx in memory). Expectations are about what a user sees — cell
 * values, formula text, number format codes, tables, tab order, visibility —
 * never about how one adapter does it.
 */
export interface DumpSheet {
  name: string;
  visible: boolean;
  cells: Record<string /* A1 */, { value: CellValue; formula?: string /* without '=' */; numberFormat?: string }>;
  tables: { name: string; range: string /* A1:D9 */ }[];
}
export type WorkbookDump = DumpSheet[];
export interface PortHarness {
  port: WorkbookPort;
  dump(): Promise<WorkbookDump>;
}
export type MakeHarness = (seed: { name: string; values: CellValue[][] }[]) => Promise<PortHarness>;

/** OWASP CSV-injection payloads: each must come back as exactly this text. */
export const INJECTION_PAYLOADS: readonly string[] = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1'];

const PIPELINE = {
  name: 'Pipeline',
  values: [
    ['Deal ID', 'Amount', 'Created', 'Note'],
    ['D-1', 1200.5, 46023, null],
    ['D-2', null, 46054, 'follow up'],
  ] as CellValue[][],
};
const OTHER = { name: 'Other', values: [['keep me', 1]] as CellValue[][] };

/** A report sheet touching every kind of content the dump can show. */
export function sampleReport(name: string, bodyRows: number, notes: Cell[][] = [['my note']]): SheetModel {
  const rows: Cell[][] = Array.from({ length: bodyRows }, (_, i) => [`Stage ${i + 1}`, 10 * (i + 1), (i + 1) / 10, 1000 * (i + 1)]);
  return {
    name,
    role: 'report',
    columnWidths: { 0: 24, 1: 12 },
    freeze: { rows: 3, cols: 0 },
    blocks: [
      { kind: 'cells', row: 0, col: 0, cells: [['Funnel report']], style: 'title' },
      {
        kind: 'cells',
        row: 1,
        col: 0,
        cells: [['Deals', { formula: "COUNTA('Pipeline'!A:A)-1", value: 2 }, { link: { sheet: 'Other', cell: 'B1' }, text: 'Go' }]],
        formats: [undefined, 'integer'],
      },
      {
        kind: 'table',
        name: 'Funnel',
        row: 3,
        col: 0,
        style: 'TableStyleMedium2',
        columns: [
          { header: 'Stage' },
          { header: 'Reached', format: 'integer' },
          { header: 'Conversion', format: 'percent' },
          { header: 'Revenue', format: 'currency' },
        ],
        rows,
      },
      { kind: 'cells', row: 5 + bodyRows, col: 0, cells: [['Total', { formula: `SUM(B5:B${4 + bodyRows})`, value: null }]] },
      { kind: 'notes', row: 7 + bodyRows, col: 0, heading: 'Notes', lines: notes },
    ],
  };
}

function cellAt(values: SheetValues, r: number, c: number): CellValue {
  return values[r]?.[c] ?? null;
}

/** Every non-null cell of a read, as `r,c` → value. */
function nonNull(values: SheetValues): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && (out[`${r},${c}`] = v)));
  return out;
}

function sheetOf(dump: WorkbookDump, name: string): DumpSheet {
  const sheet = dump.find((s) => s.name === name);
  if (!sheet) throw new Error(`No sheet "${name}" in the dump: ${dump.map((s) => s.name).join(', ')}`);
  return sheet;
}

/** Sheet names a user sees, in tab order (the settings sheet is not one of them). */
function userSheets(dump: WorkbookDump): string[] {
  return dump.filter((s) => s.name !== SETTINGS_SHEET).map((s) => s.name);
}

const SETTINGS: WorkbookSettings = {
  version: 1,
  pipelineSheet: 'Pipeline',
  locale: 'zh-CN',
  targets: [{ month: '2026-01', target: 120000 }],
};

export function describePortContract(label: string, make: MakeHarness): void {
  describe(`WorkbookPort contract: ${label}`, () => {
    describe('reading', () => {
      it('lists the sheets in tab order, visible', async () => {
        const { port } = await make([PIPELINE, OTHER]);
        expect(await port.listSheets()).toEqual([
          { name: 'Pipeline', visible: true },
          { name: 'Other', visible: true },
        ]);
      });

      it('reads values from A1: text, numbers, date serials, blanks as null', async () => {
        const { port } = await make([PIPELINE]);
        const values = await port.readSheet('Pipeline');
        expect(nonNull(values)).toEqual(nonNull(PIPELINE.values));
        expect(cellAt(values, 1, 2)).toBe(46023);
        expect(cellAt(values, 1, 3)).toBeNull();
        expect(cellAt(values, 2, 1)).toBeNull();
        expect(values.length).toBe(3);
      });

      it('reads a sheet whose used range starts away from A1 with its offset kept', async () => {
        const { port } = await make([
          {
            name: 'Offset',
            values: [
              [null, null, null],
              [null, null, 'x', 5],
            ],
          },
        ]);
        const values = await port.readSheet('Offset');
        expect(nonNull(values)).toEqual({ '1,2': 'x', '1,3': 5 });
      });

      it('reads an empty sheet as no rows', async () => {
        const { port } = await make([PIPELINE, { name: 'Empty', values: [] }]);
        expect(nonNull(await port.readSheet('Empty'))).toEqual({});
      });

      it("refuses an unknown sheet with WorkbookError 'sheetNotFound'", async () => {
        const { port } = await make([PIPELINE]);
        const error = await port.readSheet('Nope').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WorkbookError);
        expect((error as WorkbookError).code).toBe('sheetNotFound');
      });
    });

    describe('applyReport', () => {
      it('creates a new sheet with its table, formulas, number formats, link and notes', async () => {
        const { port, dump } = await make([PIPELINE, OTHER]);
        await port.applyReport({ sheets: [sampleReport('Report 2026-01', 3)] });
        const after = await dump();
        expect(userSheets(after)).toEqual(['Pipeline', 'Other', 'Report 2026-01']);
        const sheet = sheetOf(after, 'Report 2026-01');
        expect(sheet.visible).toBe(true);
        expect(sheet.tables).toEqual([{ name: 'Funnel', range: 'A4:D7' }]);
        expect(sheet.cells.A1?.value).toBe('Funnel report');
        expect(sheet.cells.B2?.formula).toBe("COUNTA('Pipeline'!A:A)-1");
        expect(sheet.cells.B9?.formula).toBe('SUM(B5:B7)');
        expect(sheet.cells.C2?.formula).toBe(`HYPERLINK("#'Other'!B1","Go")`);
        expect(sheet.cells.A4?.value).toBe('Stage');
        expect(sheet.cells.A5?.value).toBe('Stage 1');
        expect(sheet.cells.B6?.value).toBe(20);
        expect(sheet.cells.B6?.numberFormat).toBe(NUMBER_FORMAT_CODES.integer);
        expect(sheet.cells.C7?.value).toBeCloseTo(0.3);
        expect(sheet.cells.C7?.numberFormat).toBe(NUMBER_FORMAT_CODES.percent);
        expect(sheet.cells.D5?.numberFormat).toBe(NUMBER_FORMAT_CODES.currency);
        expect(sheet.cells.A11?.value).toBe('Notes');
        expect(sheet.cells.A12?.value).toBe('my note');
        expect(sheet.cells.A12?.formula).toBeUndefined();
      });

      it('replaces a sheet whole: nothing left of a bigger previous version, other sheets untouched and in order', async () => {
        const { port, dump } = await make([PIPELINE, OTHER]);
        await port.applyReport({ sheets: [sampleReport('Report 2026-01', 10, [['old note'], ['second']])] });
        const before = await dump();
        await port.applyReport({ sheets: [sampleReport('Report 2026-01', 2, [])] });
        const after = await dump();
        expect(userSheets(after)).toEqual(['Pipeline', 'Other', 'Report 2026-01']);
        expect(sheetOf(after, 'Pipeline')).toEqual(sheetOf(before, 'Pipeline'));
        expect(sheetOf(after, 'Other')).toEqual(sheetOf(before, 'Other'));
        const sheet = sheetOf(after, 'Report 2026-01');
        expect(sheet.tables).toEqual([{ name: 'Funnel', range: 'A4:D6' }]);
        const rowsUsed = Object.keys(sheet.cells).map((address) => Number(/\d+$/.exec(address)![0]));
        expect(Math.max(...rowsUsed)).toBe(10);
        expect(Object.values(sheet.cells).map((c) => c.value)).not.toContain('old note');
      });

      it('keeps a replaced sheet at its place among the tabs', async () => {
        const { port, dump } = await make([PIPELINE, { name: 'Report 2026-01', values: [['stale']] }, OTHER]);
        await port.applyReport({ sheets: [sampleReport('Report 2026-01', 2)] });
        const after = await dump();
        expect(userSheets(after)).toEqual(['Pipeline', 'Report 2026-01', 'Other']);
        expect(sheetOf(after, 'Report 2026-01').cells.A1?.value).toBe('Funnel report');
      });

      it('writes several sheets in one model, each in place', async () => {
        const { port, dump } = await make([PIPELINE, OTHER]);
        const model: ReportModel = {
          sheets: [
            sampleReport('Report 2026-01', 2),
            {
              ...sampleReport('Report 2026-02', 2),
              blocks: sampleReport('Report 2026-02', 2).blocks.map((b) => (b.kind === 'table' ? { ...b, name: 'Funnel2' } : b)),
            },
          ],
        };
        await port.applyReport(model);
        await port.applyReport(model);
        const after = await dump();
        expect(userSheets(after)).toEqual(['Pipeline', 'Other', 'Report 2026-01', 'Report 2026-02']);
        expect(sheetOf(after, 'Report 2026-02').tables).toEqual([{ name: 'Funnel2', range: 'A4:D6' }]);
      });

      it('is idempotent: the same model twice gives identical workbooks', async () => {
        const { port, dump } = await make([PIPELINE, OTHER]);
        const model: ReportModel = { sheets: [sampleReport('Report 2026-01', 4)], activate: 'Report 2026-01' };
        await port.applyReport(model);
        const once = await dump();
        await port.applyReport(model);
        expect(await dump()).toEqual(once);
      });
    });

    describe('text is text', () => {
      it('writes formula-injection payloads as the exact strings, never as formulas', async () => {
        const { port, dump } = await make([PIPELINE]);
        const payloads = [...INJECTION_PAYLOADS, "'quoted", '00012', 'TRUE', '1/2'];
        const sheet: SheetModel = {
          name: 'Injected',
          role: 'report',
          blocks: [
            { kind: 'cells', row: 0, col: 0, cells: [payloads] },
            {
              kind: 'table',
              name: 'Injected',
              row: 2,
              col: 0,
              style: 'TableStyleLight9',
              columns: [{ header: 'Account' }, { header: 'Owner' }],
              rows: payloads.map((p) => [p, p]),
            },
            { kind: 'notes', row: 4 + payloads.length, col: 0, heading: 'Notes', lines: payloads.map((p) => [p]) },
          ],
        };
        await port.applyReport({ sheets: [sheet] });
        const values = await port.readSheet('Injected');
        payloads.forEach((p, i) => {
          expect(cellAt(values, 0, i)).toBe(p);
          expect(cellAt(values, 3 + i, 0)).toBe(p);
          expect(cellAt(values, 3 + i, 1)).toBe(p);
          expect(cellAt(values, 5 + payloads.length + i, 0)).toBe(p);
        });
        const cells = sheetOf(await dump(), 'Injected').cells;
        expect(Object.entries(cells).filter(([, c]) => c.formula !== undefined)).toEqual([]);
      });
    });

    describe('settings', () => {
      it('gives the defaults when none were saved', async () => {
        const { port } = await make([PIPELINE]);
        expect(await port.readSettings()).toEqual({ version: 1 });
      });

      it('round-trips, survives applyReport, and the settings sheet is not visible', async () => {
        const { port, dump } = await make([PIPELINE, OTHER]);
        await port.writeSettings(SETTINGS);
        expect(await port.readSettings()).toEqual(SETTINGS);
        await port.applyReport({ sheets: [sampleReport('Report 2026-01', 2)] });
        expect(await port.readSettings()).toEqual(SETTINGS);
        expect((await port.listSheets()).filter((s) => s.name === SETTINGS_SHEET && s.visible)).toEqual([]);
        expect((await dump()).filter((s) => s.name === SETTINGS_SHEET && s.visible)).toEqual([]);
        expect(userSheets(await dump())).toEqual(['Pipeline', 'Other', 'Report 2026-01']);
      });

      it('round-trips settings longer than one cell holds, and a shorter version after them', async () => {
        const { port } = await make([PIPELINE]);
        const long: WorkbookSettings = {
          version: 1,
          targets: Array.from({ length: 3000 }, (_, i) => ({
            month: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
            target: 1000 + i,
          })),
        };
        expect(JSON.stringify(long).length).toBeGreaterThan(60_000);
        await port.writeSettings(long);
        expect(await port.readSettings()).toEqual(long);
        await port.writeSettings(SETTINGS);
        expect(await port.readSettings()).toEqual(SETTINGS);
      });
    });

    it('selects a cell on a known sheet', async () => {
      const { port } = await make([PIPELINE, OTHER]);
      await expect(port.selectCell('Other', 'B1')).resolves.toBeUndefined();
    });
  });
}
