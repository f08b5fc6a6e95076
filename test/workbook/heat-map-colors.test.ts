import { strFromU8, unzipSync } from 'fflate';
import type { ReportModel } from '../../src/core/report/model';
import { createOrUpdateRiskRegister } from '../../src/usecases/risks';
import { createOfficePort } from '../../src/workbook/office/office-port';
import type { WorkbookPort } from '../../src/workbook/port';
import { COLOR_SCALE } from '../../src/workbook/text-styles';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { createFakeExcel } from './fake-excel';

// The risk heat map colours each probability × impact cell by the level of P × I (SPEC §7), with the count as its
// value: one rule per level band, no colour scale. Colour scales (cohort retention) run red for low, green for high.
const RED = COLOR_SCALE.low;
const YELLOW = COLOR_SCALE.mid;
const GREEN = COLOR_SCALE.high;
expect([RED, YELLOW, GREEN]).toEqual(['F8696B', 'FFEB84', '63BE7B']);

/** A sheet with a scale where high is good next to the register's, to see both orders in one file. */
const RETENTION: ReportModel = {
  sheets: [
    {
      name: 'Cohorts',
      role: 'report',
      blocks: [{ kind: 'cells', row: 0, col: 0, cells: [[1], [0.5], [0.2]] }],
      conditionalFormats: [{ range: 'A1:A3', type: 'colorScale' }],
    },
  ],
};

async function withRegister(port: WorkbookPort): Promise<void> {
  expect(await createOrUpdateRiskRegister(port, { starterRisks: true })).toMatchObject({ ok: true });
  await port.applyReport(RETENTION);
}

/** Each colour-scale rule of the written file's worksheets: its range and its colours from the lowest value up. */
function colorScales(bytes: Uint8Array): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    for (const m of strFromU8(data).matchAll(/<conditionalFormatting sqref="([^"]+)">([\s\S]*?)<\/conditionalFormatting>/g)) {
      const scale = /<colorScale>([\s\S]*?)<\/colorScale>/.exec(m[2]!);
      if (scale) out[m[1]!] = [...scale[1]!.matchAll(/<color rgb="FF([0-9A-F]{6})"\/>/gi)].map((c) => c[1]!.toUpperCase());
    }
  }
  return out;
}

describe('colour scales run the way their rule says, in the written .xlsx', () => {
  it.each([
    [
      'package adapter',
      async () => {
        const wb = XlsxPackage.create();
        await withRegister(wb);
        return wb.toBytes();
      },
    ],
  ])('%s: the heat map by level (one rule a band), retention red → green', async (_name, write) => {
    const bytes = await write();
    const scales = colorScales(bytes);
    expect(scales['S13:W17']).toBeUndefined();
    expect(scales['A1:A3']).toEqual([RED, YELLOW, GREEN]);
    const sheets = Object.entries(unzipSync(bytes))
      .filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map(([, d]) => strFromU8(d));
    const rules = sheets.flatMap((x) => [...x.matchAll(/<conditionalFormatting sqref="S13:W17"><cfRule type="expression" dxfId="\d+"/g)]);
    expect(rules).toHaveLength(4);
  });

  it('Office.js adapter: the heat map by level, the retention scale red → green', async () => {
    // A workbook always has a sheet.
    const fake = createFakeExcel([{ name: 'Sheet1', values: [['x']] }]);
    await withRegister(createOfficePort(fake.run, { delay: async () => {} }));
    const criteria = (sheet: string) => {
      const cf = fake
        .snapshot()
        .find((s) => s.name === sheet)!
        .conditionalFormats.find((c) => c.type === 'ColorScale')!;
      const c = cf.settings['colorScale.criteria'] as Record<'minimum' | 'midpoint' | 'maximum', { color: string }>;
      return [cf.range, c.minimum.color, c.midpoint.color, c.maximum.color];
    };
    const register = fake.snapshot().find((s) => s.name === 'Risk Register')!.conditionalFormats;
    expect(register.some((c) => c.type === 'ColorScale')).toBe(false);
    expect(register.filter((c) => c.type === 'Custom' && c.range === 'S13:W17')).toHaveLength(4);
    expect(criteria('Cohorts')).toEqual(['A1:A3', `#${RED}`, `#${YELLOW}`, `#${GREEN}`]);
  });
});
