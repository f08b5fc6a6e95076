import { samplePipeline, SAMPLE_DATE_COLUMNS } from '../../src/core/sample/sample-pipeline';
import { SNAPSHOT_HEADERS, SNAPSHOT_SHEET } from '../../src/core/dynamics/snapshot';
import { TRACK_FORECAST_HEADERS } from '../../src/core/dynamics/stored-forecasts';
import { generateMonthlyReport } from '../../src/usecases/generate-report';
import { createOfficePort } from '../../src/workbook/office/office-port';
import type { WorkbookPort } from '../../src/workbook/port';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';
import { createFakeExcel } from '../workbook/fake-excel';

// SPEC §8: every run stores the month's open deals in the hidden sheet `Funnel Snapshots`; later runs read them back.

const PIPELINE = samplePipeline({ deals: 400, seed: 9 });

function packagePort(): XlsxPackage {
  const wb = XlsxPackage.create();
  wb.addValuesSheet('Pipeline', PIPELINE, { dateColumns: SAMPLE_DATE_COLUMNS });
  return wb;
}

function officePort(): WorkbookPort {
  return createOfficePort(createFakeExcel([{ name: 'Pipeline', values: PIPELINE }]).run, { delay: async () => {} });
}

async function runTwoMonths(port: WorkbookPort) {
  const first = await generateMonthlyReport(port, { month: '2026-04' });
  const second = await generateMonthlyReport(port, { month: '2026-05' });
  const again = await generateMonthlyReport(port, { month: '2026-05' });
  if (!first.ok || !second.ok || !again.ok) throw new Error('run failed');
  return {
    first: first.reports[0]!.report,
    second: second.reports[0]!.report,
    again: again.reports[0]!.report,
    rows: await port.readSheet(SNAPSHOT_SHEET),
    sheets: await port.listSheets(),
  };
}

describe('Funnel Snapshots', () => {
  it(
    'is written hidden on every run, replaces the month rerun, and gives the next ' + 'month a snapshot basis; the CLI and the pane write the same rows',
    async () => {
      const pkg = await runTwoMonths(packagePort());
      const pane = await runTwoMonths(officePort());
      expect(pkg.first.movement.basis).toBe('dates');
      expect(pkg.second.movement.basis).toBe('snapshot');
      expect(pkg.again.movement).toEqual(pkg.second.movement);
      expect(pkg.sheets.find((s) => s.name === SNAPSHOT_SHEET)?.visible).toBe(false);
      // The snapshot rows, a gap column, then the track record's forecasts the next run reads (issue #17's speed line).
      expect(pkg.rows[0]).toEqual([...SNAPSHOT_HEADERS, null, ...TRACK_FORECAST_HEADERS]);
      const months = pkg.rows.slice(1).map((r) => r[0]);
      expect(new Set(months)).toEqual(new Set(['2026-04', '2026-05']));
      // Rerunning May replaced its rows: as many as the deals open at May's end.
      expect(months.filter((m) => m === '2026-05').length).toBe(months.length - months.filter((m) => m === '2026-04').length);
      expect(pane.rows).toEqual(pkg.rows);
      expect(pane.second.movement).toEqual(pkg.second.movement);
      // May's run read April's stored forecasts: the same forecasts as a run of May on a workbook with none.
      const alone = await generateMonthlyReport(packagePort(), { month: '2026-05' });
      if (!alone.ok) throw new Error('run failed');
      const forecasts = (r: typeof pkg.second) => r.trackRecord.months.map((m) => m.forecast);
      expect(forecasts(pkg.second)).toEqual(forecasts(alone.reports[0]!.report));
      expect(forecasts(pane.second)).toEqual(forecasts(alone.reports[0]!.report));
      const m = pkg.second.movement;
      expect(m.start + m.new + m.increased! - m.decreased! - m.won - m.lost - m.removed!).toBeCloseTo(m.end, 6);
    },
  );
});
