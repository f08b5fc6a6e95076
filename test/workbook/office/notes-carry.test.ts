import { t } from '../../../src/core/i18n';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';
import { generateMonthlyReport } from '../../../src/usecases/generate-report';
import { createOfficePort } from '../../../src/workbook/office/office-port';
import { createFakeExcel, type FakeExcel, type SheetSnapshot } from '../fake-excel';

// SPEC §6 "Notes are kept cell for cell", through the Office adapter: the fake models Range.copyFrom "All"
// as documented (values, formulas, number formats, fonts, fills); merges and hyperlinks it does not model.
const NOTES = t('en-US', 'report.notes');
const TAB = 'Report 2026-01';

function setup(inPlaceData = true): { fake: FakeExcel; port: ReturnType<typeof createOfficePort> } {
  const fake = createFakeExcel([{ name: 'Pipeline', values: samplePipeline({ deals: 300, seed: 4 }) }]);
  return { fake, port: createOfficePort(fake.run, { delay: () => Promise.resolve(), funnelCharts: true, inPlaceData }) };
}

function tab(fake: FakeExcel): SheetSnapshot {
  return fake.snapshot().find((s) => s.name === TAB)!;
}

/** 1-based row of the Notes heading. */
function headingRow(sheet: SheetSnapshot): number {
  const address = Object.entries(sheet.cells).find(([a, c]) => /^A\d+$/.test(a) && c.value === NOTES)![0];
  return Number(address.slice(1));
}

/** The user types below the heading: a bold red line, a number with a format and a fill, a formula. */
async function typeNotes(fake: FakeExcel, h: number): Promise<void> {
  await fake.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(TAB);
    const title = sheet.getRange(`A${h + 1}`);
    title.values = [['Pipeline review']];
    title.format.font.bold = true;
    title.format.font.color = '#C00000';
    const amount = sheet.getRange(`A${h + 2}`);
    amount.values = [[1234.5]];
    amount.numberFormat = [['#,##0.00 "EUR"']];
    amount.format.fill.color = '#FFFF00';
    sheet.getRange(`B${h + 2}`).formulas = [[`=A${h + 2}*2`]];
    await context.sync();
  });
}

function notesOf(sheet: SheetSnapshot, h: number) {
  return { title: sheet.cells[`A${h + 1}`], amount: sheet.cells[`A${h + 2}`], formula: sheet.cells[`B${h + 2}`]?.formula };
}

describe('Notes kept cell for cell by the Office adapter', () => {
  it('copies the previous tab’s Notes region whole (formulas, number formats, fonts, fills), twice', async () => {
    const { fake, port } = setup();
    expect((await generateMonthlyReport(port, { month: '2026-01' })).ok).toBe(true);
    const h = headingRow(tab(fake));
    await typeNotes(fake, h);
    const expected = {
      title: { value: 'Pipeline review', look: { bold: true, color: '#C00000' } },
      amount: { value: 1234.5, numberFormat: '#,##0.00 "EUR"', look: { fill: '#FFFF00' } },
      formula: `A${h + 2}*2`,
    };
    for (let run = 0; run < 2; run++) {
      expect((await generateMonthlyReport(port, { month: '2026-01' })).ok).toBe(true);
      const sheet = tab(fake);
      expect(headingRow(sheet)).toBe(h);
      expect(notesOf(sheet, h)).toEqual(expected);
    }
    // Nothing of the run is left behind: no parked tab, no temporary one.
    expect(
      fake
        .snapshot()
        .map((s) => s.name)
        .filter((n) => n.startsWith('~')),
    ).toEqual([]);
  });

  it('writes the Notes’ values on a host without Range.copyFrom', async () => {
    const { fake, port } = setup(false);
    expect((await generateMonthlyReport(port, { month: '2026-01' })).ok).toBe(true);
    const h = headingRow(tab(fake));
    await typeNotes(fake, h);
    expect((await generateMonthlyReport(port, { month: '2026-01' })).ok).toBe(true);
    expect(tab(fake).cells[`A${h + 1}`]?.value).toBe('Pipeline review');
    expect(tab(fake).cells[`A${h + 2}`]?.value).toBe(1234.5);
  });
});
