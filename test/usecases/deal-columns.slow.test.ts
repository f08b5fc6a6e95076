import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { DATA_SHEET } from '../../src/core/report/data-sheet';
import { translator } from '../../src/core/i18n';
import { DEAL_COLUMNS, dealColumnHeader } from '../../src/core/report/deal-columns';
import type { CellValue, SheetValues } from '../../src/core/util/cell';
import { generateMonthlyReport, type GenerateReportOptions } from '../../src/usecases/generate-report';
import { createOfficePort } from '../../src/workbook/office/office-port';
import type { WorkbookPort } from '../../src/workbook/port';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { createFakeExcel, type FakeExcel } from '../workbook/fake-excel';
import { cellFor } from '../workbook/fake-excel/state';

// Issue #17 item 9: the per-deal forecast columns beside the user's pipeline sheet, the only cells of it the add-in writes (SPEC §1).

// Each test runs the report two or three times on 300 deals: room for a busy machine.
jest.setTimeout(60_000);

const SAMPLE = samplePipeline({ deals: 300, seed: 5 });
/** Two title rows above the header, as exports often have, and a column of the user's own past the sample's. */
const TITLE_ROWS = 2;
const WIDTH = SAMPLE[0]!.length;
const USER: SheetValues = [['Pipeline export'], [], ...SAMPLE.map((row, r) => [...row, r === 0 ? 'My notes' : r % 7 === 0 ? `note ${r}` : null])];
const BLOCK_COL = WIDTH + 2; // the user's last column is WIDTH (My notes), then one empty column
const HEADER_ROW = TITLE_ROWS;
const MONTH = { month: '2026-04' } satisfies GenerateReportOptions;

function packagePort(values: SheetValues = USER): XlsxPackage {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Pipeline', values, { dateColumns: SAMPLE_DATE_COLUMNS });
  return wb;
}

function officeFake(): FakeExcel {
  return createFakeExcel([{ name: 'Pipeline', values: USER }]);
}

const officePort = (fake: FakeExcel): WorkbookPort => createOfficePort(fake.run, { delay: async () => {}, inPlaceData: false });

async function run(port: WorkbookPort, options: GenerateReportOptions) {
  const result = await generateMonthlyReport(port, options);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

/** The sheet's raw `<c>` elements by reference, from the package bytes. */
function rawCells(bytes: Uint8Array, part = 'xl/worksheets/sheet1.xml'): Map<string, string> {
  const xml = new TextDecoder().decode(unzipSync(bytes)[part]);
  return new Map([...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>.*?<\/c>)/g)].map((m) => [m[1]!, m[0]]));
}

const columnOf = (ref: string) => [...ref.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Funnel Data's per-deal columns by deal ID. */
async function dataColumnsById(port: WorkbookPort): Promise<Map<string, CellValue[]>> {
  const data = await port.readSheet(DATA_SHEET);
  const head = data[0]!.map(String);
  const tr = translator('en-US');
  const idCol = head.indexOf(tr('data.id'));
  const cols = DEAL_COLUMNS.map((c) => head.indexOf(tr(c.header)));
  return new Map(data.slice(1).map((row) => [String(row[idCol]), cols.map((c) => row[c] ?? null)]));
}

function blockOf(values: SheetValues, col = BLOCK_COL): SheetValues {
  return values.map((row) => DEAL_COLUMNS.map((_, k) => row[col + k] ?? null));
}

async function expectBlockMatchesDataSheet(port: WorkbookPort) {
  const values = await port.readSheet('Pipeline');
  const block = blockOf(values);
  const tr = translator('en-US');
  expect(block[HEADER_ROW]).toEqual(DEAL_COLUMNS.map((c) => dealColumnHeader(c, tr)));
  // Nothing above the header row; the empty column between stays empty.
  expect(
    block
      .slice(0, HEADER_ROW)
      .flat()
      .every((v) => v === null),
  ).toBe(true);
  expect(values.every((row) => (row[BLOCK_COL - 1] ?? null) === null)).toBe(true);
  const byId = await dataColumnsById(port);
  const idCol = SAMPLE[0]!.indexOf('Deal ID');
  let open = 0;
  for (let r = HEADER_ROW + 1; r < values.length; r++) {
    const expected = byId.get(String(values[r]![idCol]))!;
    expect(block[r]).toEqual(expected);
    if (expected[0] !== null) open++;
  }
  expect(open).toBeGreaterThan(20);
}

describe('deal forecast columns beside the pipeline: package adapter', () => {
  it('writes the block right of the last used column, row-aligned under the header row, leaving every user cell byte for byte', async () => {
    const wb = packagePort();
    const before = rawCells(wb.toBytes());
    await run(wb, { ...MONTH, dealColumns: true });
    await expectBlockMatchesDataSheet(wb);
    const after = rawCells(wb.toBytes());
    for (const [ref, xml] of before) expect(after.get(ref)).toBe(xml);
    for (const ref of after.keys()) if (!before.has(ref)) expect(columnOf(ref)).toBeGreaterThanOrEqual(BLOCK_COL);
    // Another reader opens the spliced sheet: the header cell, and a percent-formatted probability.
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(Buffer.from(wb.toBytes()) as unknown as ArrayBuffer);
    const sheet = other.getWorksheet('Pipeline')!;
    expect(sheet.getCell(HEADER_ROW + 1, BLOCK_COL + 1).value).toBe('Forecast: Probability used');
    const probabilities = Array.from({ length: SAMPLE.length - 1 }, (_, r) => sheet.getCell(HEADER_ROW + 2 + r, BLOCK_COL + 1)).filter(
      (c) => typeof c.value === 'number',
    );
    expect(probabilities.length).toBeGreaterThan(20);
    expect(probabilities.every((c) => c.numFmt === '0.0%')).toBe(true);
    expect((await wb.readSettings()).dealColumnsBlock).toEqual({ sheet: 'Pipeline', col: BLOCK_COL, width: DEAL_COLUMNS.length });
    // The next run reads the user's columns only: the block is not taken for a Probability column of theirs.
    const again = await run(wb, MONTH);
    expect(again.reports[0]!.report.forecast.stageProbabilities).toEqual((await run(packagePort(), MONTH)).reports[0]!.report.forecast.stageProbabilities);
  });

  it('rewrites exactly the recorded block on the next run (the option is remembered), and a rerun of the month is byte-identical', async () => {
    const wb = packagePort();
    await run(wb, { ...MONTH, dealColumns: true });
    await run(wb, { month: '2026-05' });
    await expectBlockMatchesDataSheet(wb);
    const first = rawCells(wb.toBytes());
    await run(wb, { month: '2026-05' });
    expect(rawCells(wb.toBytes())).toEqual(first);
  });

  it('refuses, naming the cell and its value, when the user wrote into the block; changes nothing', async () => {
    const wb = packagePort();
    await run(wb, { ...MONTH, dealColumns: true });
    // The user types a note into the block (a deal row's Probability from cell) and saves.
    const values = await wb.readSheet('Pipeline');
    values[HEADER_ROW + 3]![BLOCK_COL + 1] = 'call Tuesday';
    const edited = packagePort(values);
    await edited.writeSettings(await wb.readSettings());
    const bytes = edited.toBytes();
    const result = await generateMonthlyReport(edited, MONTH);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`${String.fromCharCode(65 + BLOCK_COL + 1)}${HEADER_ROW + 4}`);
    expect(result.error.message).toContain('call Tuesday');
    expect(result.error.message).toContain('"Pipeline"');
    expect(edited.toBytes()).toEqual(bytes);
  });

  it('finds the block by its header when the user inserted a column left of it, and rewrites it there', async () => {
    const wb = packagePort();
    await run(wb, { ...MONTH, dealColumns: true });
    // The user inserts a column at B (Excel moves every cell right of it, the block too) and types into it.
    const values = (await wb.readSheet('Pipeline')).map((row, r) => [row[0] ?? null, r === HEADER_ROW ? 'Region code' : null, ...row.slice(1)]);
    const moved = packagePort(values);
    await moved.writeSettings(await wb.readSettings());
    const before = rawCells(moved.toBytes());
    await run(moved, MONTH);
    expect((await moved.readSettings()).dealColumnsBlock).toEqual({ sheet: 'Pipeline', col: BLOCK_COL + 1, width: DEAL_COLUMNS.length });
    const after = await moved.readSheet('Pipeline');
    expect(after.map((row) => row.slice(BLOCK_COL + 1, BLOCK_COL + 1 + DEAL_COLUMNS.length))).toEqual(
      values.map((row) => DEAL_COLUMNS.map((_, k) => row[BLOCK_COL + 1 + k] ?? null)),
    );
    const cells = rawCells(moved.toBytes());
    for (const [ref, xml] of before) if (columnOf(ref) < BLOCK_COL + 1) expect(cells.get(ref)).toBe(xml);
  });

  it('turning the option off removes the block and the record, and the sheet reads as it did', async () => {
    const wb = packagePort();
    const original = await wb.readSheet('Pipeline');
    await run(wb, { ...MONTH, dealColumns: true });
    await run(wb, { ...MONTH, dealColumns: false });
    expect(await wb.readSheet('Pipeline')).toEqual(original);
    const settings = await wb.readSettings();
    expect(settings.dealColumnsBlock).toBeUndefined();
    expect(settings.dealColumns).toBe(false);
  });
});

describe('deal forecast columns beside the pipeline: Office adapter on the fake', () => {
  it('writes, rewrites and removes the block, never touching a user cell, and refuses when a user value sits in it', async () => {
    const fake = officeFake();
    const port = officePort(fake);
    // Every cell of the user's columns as the fake holds it: value, formula, number format, look.
    const userCells = () =>
      fake.state
        .get('Pipeline')
        .cells.map((row) => [...(row ?? new Map()).entries()].filter(([c]) => c < BLOCK_COL).map(([c, cell]) => [c, JSON.stringify(cell)]));
    const before = userCells();
    await run(port, { ...MONTH, dealColumns: true });
    await expectBlockMatchesDataSheet(port);
    expect(userCells()).toEqual(before);
    await run(port, { month: '2026-05' });
    await expectBlockMatchesDataSheet(port);
    expect(userCells()).toEqual(before);

    // The user types a note into the Stuck column of a deal row: refused, nothing written.
    cellFor(fake.state.get('Pipeline'), HEADER_ROW + 5, BLOCK_COL + 5).value = 'ask Li';
    const snapshot = JSON.stringify(fake.snapshot());
    const stopped = await generateMonthlyReport(port, { month: '2026-05' });
    expect(stopped.ok).toBe(false);
    if (!stopped.ok) expect(stopped.error.message).toContain('ask Li');
    expect(JSON.stringify(fake.snapshot())).toBe(snapshot);
    // What tells a cell of ours from one of the user's is its kind (deal-columns.ts): a number typed over a weighted amount passes for ours and is rewritten.
    cellFor(fake.state.get('Pipeline'), HEADER_ROW + 5, BLOCK_COL + 5).value = '';
    cellFor(fake.state.get('Pipeline'), HEADER_ROW + 5, BLOCK_COL + 2).value = 12345;
    await run(port, { month: '2026-05' });
    await expectBlockMatchesDataSheet(port);

    // A protected pipeline sheet: the report is written, the columns are not, and the message says both (nothing of the sheet changes).
    fake.protectSheet('Pipeline');
    const pipelineCells = JSON.stringify(fake.snapshot().find((sheet) => sheet.name === 'Pipeline'));
    const locked = await generateMonthlyReport(port, { month: '2026-05' });
    expect(locked.ok).toBe(false);
    if (!locked.ok)
      expect(locked.error.message).toMatch(
        /report was written, but the deal forecast columns could not be written into sheet "Pipeline": the sheet is protected/,
      );
    expect(JSON.stringify(fake.snapshot().find((sheet) => sheet.name === 'Pipeline'))).toBe(pipelineCells);
    fake.state.get('Pipeline').protected = false;

    await run(port, { month: '2026-05', dealColumns: false });
    expect(userCells()).toEqual(before);
    const after = await port.readSheet('Pipeline');
    expect(after.every((row) => row.slice(BLOCK_COL).every((v) => v === null || v === ''))).toBe(true);
  });
});
