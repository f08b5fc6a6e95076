import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import type { ReportJson } from '../../src/usecases/report-json';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

// SPEC §8 track record: a month's forecast is the first month of the forecast the report of the month before gives,
// whether that report is another run or a month of the same run.

const PIPELINE = samplePipeline({ deals: 600, seed: 11 });

function port(): XlsxPackage {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Pipeline', PIPELINE, { dateColumns: SAMPLE_DATE_COLUMNS });
  return wb;
}

async function reports(options: Parameters<typeof generateMonthlyReport>[1]): Promise<ReportJson[]> {
  const result = await generateMonthlyReport(port(), options);
  if (!result.ok) throw new Error(result.error.message);
  return result.reports.map((r) => r.report);
}

const firstForecast = (r: ReportJson) => r.forecast.points[0]!;

describe('forecast track record in the report JSON', () => {
  it('is, for each month, what the report of the month before forecast as its first month', async () => {
    const [may] = await reports({ month: '2026-05' });
    for (const [month, monthBefore] of [
      ['2026-04', '2026-03'],
      ['2026-02', '2026-01'],
    ] as const) {
      const [before] = await reports({ month: monthBefore });
      expect(firstForecast(before!).month).toBe(month);
      expect(may!.trackRecord.months.find((m) => m.month === month)!.forecast).toBe(firstForecast(before!).forecast);
    }
  });

  it('gives the same figures when the months before are reported in the same run', async () => {
    const run = await reports({ from: '2026-03', to: '2026-05' });
    const [alone] = await reports({ month: '2026-05' });
    expect(run.map((r) => r.month)).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(run[2]!.trackRecord.months.map((m) => m.forecast)).toEqual(alone!.trackRecord.months.map((m) => m.forecast));
    expect(run[2]!.trackRecord.months.find((m) => m.month === '2026-05')!.forecast).toBe(firstForecast(run[1]!).forecast);
  });
});
