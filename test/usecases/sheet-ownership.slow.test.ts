import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { serialFromYmd } from '../../src/core/util/dates';
import type { SheetValues } from '../../src/core/util/cell';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import { createOrUpdateSalesPlan } from '../../src/usecases/plan';
import { createOrUpdateRiskRegister } from '../../src/usecases/risks';
import { createOfficePort } from '../../src/workbook/office/office-port';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { createFakeExcel } from '../workbook/fake-excel';

// SPEC §6: the add-in owns only the sheets it created; a user's sheet with one of our names is never replaced.

const PIPELINE = samplePipeline({ deals: 300, seed: 4 });
const USER_SHEET: SheetValues = [['My own numbers'], [1, 2, 3]];

function workbook(...extra: { name: string; values: SheetValues }[]): XlsxPackage {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Pipeline', PIPELINE, { dateColumns: SAMPLE_DATE_COLUMNS });
  for (const s of extra) wb.addValuesSheet(s.name, s.values);
  return wb;
}

/** Everything a run could change, to compare before and after a refusal. */
async function snapshot(wb: XlsxPackage): Promise<unknown> {
  const sheets = await wb.listSheets();
  return { sheets, values: await Promise.all(sheets.map((s) => wb.readSheet(s.name))), settings: await wb.readSettings() };
}

describe('report runs and sheets named like ours', () => {
  it.each(['Report 2026-03', 'report 2026-03', 'Funnel Data', 'FUNNEL DATA', 'Reports', 'reports', 'Funnel Snapshots', 'Data Issues', 'tiers 2026-03'])(
    'refuses to replace the user sheet "%s", naming it, and changes nothing',
    async (name) => {
      const wb = workbook({ name, values: USER_SHEET });
      const before = await snapshot(wb);
      const result = await generateMonthlyReport(wb, { month: '2026-03' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('userSheet');
      expect(result.error.message).toContain(`"${name}"`);
      expect(await snapshot(wb)).toEqual(before);
    },
  );

  it('says so in Chinese too', async () => {
    // In zh-CN the index is 报告索引 (SPEC §7): a user's sheet of that name is refused the same way.
    const result = await generateMonthlyReport(workbook({ name: '报告索引', values: USER_SHEET }), { month: '2026-03', locale: 'zh-CN' });
    expect(!result.ok && result.error.message).toContain('不是由 Funnel Reporter 创建的工作表“报告索引”');
  });

  it('never replaces the pipeline itself: --sheet "Funnel Data" is refused', async () => {
    const wb = XlsxPackage.create();
    wb.addValuesSheet('Funnel Data', PIPELINE, { dateColumns: SAMPLE_DATE_COLUMNS });
    const before = await snapshot(wb);
    const result = await generateMonthlyReport(wb, { month: '2026-03', sheet: 'Funnel Data' });
    expect(!result.ok && result.error.message).toContain('Sheet "Funnel Data" is the pipeline sheet');
    expect(await snapshot(wb)).toEqual(before);
  });

  it('records the sheets it created and regenerates them freely', async () => {
    const wb = workbook();
    expect((await generateMonthlyReport(wb, { month: '2026-03' })).ok).toBe(true);
    expect((await wb.readSettings()).ownedSheets).toEqual(['Report 2026-03', 'Tiers 2026-03', 'Data Issues', 'Funnel Data', 'Funnel Snapshots', 'Reports']);
    expect((await generateMonthlyReport(wb, { month: '2026-03' })).ok).toBe(true);
    expect((await generateMonthlyReport(wb, { month: '2026-04' })).ok).toBe(true);
    expect((await wb.readSettings()).ownedSheets).toEqual([
      'Report 2026-03',
      'Tiers 2026-03',
      'Data Issues',
      'Funnel Data',
      'Funnel Snapshots',
      'Reports',
      'Report 2026-04',
      'Tiers 2026-04',
    ]);
  });

  it('recognises the sheets of a workbook the previous version wrote (no record) by their structure, and records them all', async () => {
    const wb = workbook();
    expect((await generateMonthlyReport(wb, { all: true, from: '2026-02', to: '2026-03' })).ok).toBe(true);
    const { ownedSheets: _, ...legacy } = await wb.readSettings();
    await wb.writeSettings(legacy);
    const result = await generateMonthlyReport(wb, { month: '2026-03' });
    expect(result.ok).toBe(true);
    expect((await wb.readSettings()).ownedSheets).toEqual([
      'Report 2026-02',
      'Tiers 2026-02',
      'Report 2026-03',
      'Tiers 2026-03',
      'Data Issues',
      'Funnel Data',
      'Funnel Snapshots',
      'Reports',
    ]);
  });

  it('still refuses a user sheet with our name in a workbook the previous version wrote', async () => {
    const wb = workbook();
    expect((await generateMonthlyReport(wb, { month: '2026-02' })).ok).toBe(true);
    await wb.writeSettings({ version: 1 });
    wb.addValuesSheet('Report 2026-03', USER_SHEET);
    const result = await generateMonthlyReport(wb, { month: '2026-03' });
    expect(!result.ok && result.error.message).toContain('"Report 2026-03"');
  });
});

describe('the task pane (Office.js adapter, fake Excel)', () => {
  it('gets the same refusal, and Excel is left as it was', async () => {
    const fake = createFakeExcel([
      { name: 'Pipeline', values: PIPELINE },
      { name: 'reports', values: USER_SHEET },
    ]);
    const port = createOfficePort(fake.run, { delay: async () => {} });
    const before = JSON.stringify(fake.snapshot());
    const result = await generateMonthlyReport(port, { month: '2026-03' });
    expect(!result.ok && result.error.message).toContain('"reports" that Funnel Reporter did not create');
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    const ours = createOfficePort(createFakeExcel([{ name: 'Pipeline', values: PIPELINE }]).run, { delay: async () => {} });
    expect((await generateMonthlyReport(ours, { month: '2026-03' })).ok).toBe(true);
    expect((await ours.readSettings()).ownedSheets).toEqual(['Report 2026-03', 'Tiers 2026-03', 'Data Issues', 'Funnel Data', 'Funnel Snapshots', 'Reports']);
    expect((await generateMonthlyReport(ours, { month: '2026-03' })).ok).toBe(true);
  });
});

describe('plan and risk register runs', () => {
  it('refuse a user\'s own "Sales Plan" or "Risk Register", and rewrite their own', async () => {
    const plan = workbook({ name: 'Sales Plan', values: USER_SHEET });
    const planBefore = await snapshot(plan);
    const planResult = await createOrUpdateSalesPlan(plan, { month: '2026-03' });
    expect(!planResult.ok && planResult.error.message).toContain('"Sales Plan"');
    expect(await snapshot(plan)).toEqual(planBefore);

    const risks = workbook({ name: 'risk register', values: USER_SHEET });
    const risksBefore = await snapshot(risks);
    const riskResult = await createOrUpdateRiskRegister(risks, { starterRisks: true });
    expect(!riskResult.ok && riskResult.error.message).toContain('"risk register"');
    expect(await snapshot(risks)).toEqual(risksBefore);

    const ours = workbook();
    expect((await createOrUpdateSalesPlan(ours, { month: '2026-03' })).ok).toBe(true);
    expect((await createOrUpdateRiskRegister(ours, { starterRisks: true })).ok).toBe(true);
    expect((await wb(ours)).ownedSheets).toEqual(['Sales Plan', 'Funnel Data', 'Risk Register']);
    expect((await createOrUpdateSalesPlan(ours, { month: '2026-03' })).ok).toBe(true);
    expect((await createOrUpdateRiskRegister(ours, { starterRisks: true })).ok).toBe(true);
  });

  it('recognise a plan and a register the previous version wrote (it kept no settings for them)', async () => {
    const ours = workbook();
    expect((await createOrUpdateSalesPlan(ours, { month: '2026-03' })).ok).toBe(true);
    expect((await createOrUpdateRiskRegister(ours, { starterRisks: true })).ok).toBe(true);
    await ours.writeSettings({ version: 1 });
    expect((await createOrUpdateRiskRegister(ours, {})).ok).toBe(true);
    expect((await createOrUpdateSalesPlan(ours, { month: '2026-03' })).ok).toBe(true);
  });
});

describe('default month', () => {
  it('is not moved by a 9999-12-31 or a far-future close date', async () => {
    const rows = PIPELINE.map((r) => [...r]);
    const header = rows[0]!;
    const closed = header.indexOf('Close Date');
    const status = header.indexOf('Status');
    expect(closed).toBeGreaterThan(0);
    // Two won deals with a placeholder and a typo'd close date.
    const won = rows.findIndex((r, i) => i > 0 && r[status] === 'Won');
    rows[won]![closed] = '9999-12-31';
    rows[won + 1]![closed] = serialFromYmd(2099, 5, 17);
    const plain = await generateMonthlyReport(workbook(), { today: serialFromYmd(2026, 7, 15) });
    const wb = XlsxPackage.create();
    wb.addValuesSheet('Pipeline', rows, { dateColumns: SAMPLE_DATE_COLUMNS });
    const result = await generateMonthlyReport(wb, { today: serialFromYmd(2026, 7, 15) });
    expect(plain.ok && result.ok).toBe(true);
    if (!plain.ok || !result.ok) return;
    expect(result.reports.map((r) => r.month)).toEqual(plain.reports.map((r) => r.month));
    expect(result.reports[0]!.report.issues.some((i) => i.value === '9999-12-31' && i.code === 'dateOutOfRange')).toBe(true);
  });
});

describe('--all', () => {
  it('stops a year after today: a close date typed decades ahead does not add a tab for every month up to it', async () => {
    const rows = PIPELINE.map((r) => [...r]);
    const closed = rows[0]!.indexOf('Close Date');
    rows[1]![closed] = serialFromYmd(2031, 5, 17);
    const wb = XlsxPackage.create();
    wb.addValuesSheet('Pipeline', rows, { dateColumns: SAMPLE_DATE_COLUMNS });
    const result = await generateMonthlyReport(wb, { all: true, from: '2026-05', today: serialFromYmd(2026, 7, 15) });
    expect(result.ok && result.reports.map((r) => r.month)).toEqual(['2026-05', '2026-06']);
  });
});

async function wb(port: XlsxPackage) {
  return port.readSettings();
}
