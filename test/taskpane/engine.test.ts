import { SAMPLE_DATE_COLUMNS, samplePipeline } from '../../src/core/sample/sample-pipeline';
import { localEngine as startEngine } from '../../src/taskpane/engine/local-engine';
import type { Opened } from '../../src/taskpane/engine/pane-engine';
import type { GenerateReportResult, ProgressCounts, ProgressStep } from '../../src/usecases/generate-report';
import { XlsxPackage } from '../../src/workbook/xlsx-package/xlsx-package';

// The engine the pane runs in a worker, here over a MessageChannel: the same messages, in Node.
function sampleBytes(deals = 400): Uint8Array {
  const book = XlsxPackage.create();
  book.addValuesSheet('Pipeline', samplePipeline({ deals, seed: 7 }), { dateColumns: SAMPLE_DATE_COLUMNS });
  return book.toBytes();
}

async function sheetsOf(engine: ReturnType<typeof localEngine>): Promise<string[]> {
  const file = await engine.call<{ bytes: Uint8Array; name: string }>('download', []);
  return (await XlsxPackage.fromBytes(file.bytes).listSheets()).map((s) => s.name);
}

const open: { close(): void }[] = [];
afterEach(() => open.splice(0).forEach((e) => e.close()));
function localEngine(...args: Parameters<typeof startEngine>) {
  const engine = startEngine(...args);
  open.push(engine);
  return engine;
}

describe('pane engine (worker protocol)', () => {
  it('opens a workbook, reports progress with counts, and writes the report', async () => {
    const engine = localEngine();
    expect(await engine.call<Opened>('open', [sampleBytes(), 'deals.xlsx', 'en-US'])).toEqual({ ok: true, name: 'deals.xlsx' });
    const progress: [ProgressStep, ProgressCounts | undefined][] = [];
    const result = await engine.call<GenerateReportResult>('generate', [{ month: '2026-03', locale: 'en-US' }, false], {
      onProgress: (step, counts) => progress.push([step, counts]),
    });
    expect(result.ok).toBe(true);
    expect(progress).toContainEqual(['reading', { rows: 401 }]);
    expect(progress).toContainEqual(['computing', { months: 1, of: 1 }]);
    expect(progress[progress.length - 1]![0]).toBe('writing');
    expect(await sheetsOf(engine)).toEqual(expect.arrayContaining(['Pipeline', 'Report 2026-03']));
  });

  it('stops a cancelled run before anything is written: the workbook is as it was', async () => {
    const engine = localEngine();
    await engine.call<Opened>('open', [sampleBytes(), 'deals.xlsx', 'en-US']);
    const controller = new AbortController();
    const run = engine.call<GenerateReportResult>('generate', [{ all: true, locale: 'zh-CN' }, false], {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const result = await run;
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: '已取消：未写入任何内容，工作簿保持原样。' } });
    expect(await sheetsOf(engine)).toEqual(['Pipeline']);
  });

  it('closes the open workbook when another file fails to open, naming the file', async () => {
    const engine = localEngine();
    await engine.call<Opened>('open', [sampleBytes(), 'good.xlsx', 'en-US']);
    expect(await engine.call('inspect', [])).toMatchObject({ ok: true, inspection: { sheet: 'Pipeline' } });
    expect(await engine.call<Opened>('open', [new TextEncoder().encode('not a workbook'), 'broken.xlsx', 'en-US'])).toEqual({
      ok: false,
      message: 'broken.xlsx: The file is not an .xlsx workbook.',
    });
    expect(await engine.call('inspect', [])).toEqual({ ok: true, inspection: null });
  });

  it('opens a CSV export as a one-sheet workbook, downloaded as .xlsx', async () => {
    const engine = localEngine();
    const csv = 'Deal ID,Account,Stage,Created,Close Date,Amount\nD1,Acme,Won,2026-01-05,2026-01-20,1200\nD2,Beta,Proposal,2026-01-06,,300\n';
    expect(await engine.call<Opened>('open', [new TextEncoder().encode(csv), 'export.csv', 'en-US'])).toEqual({ ok: true, name: 'export.csv' });
    const result = await engine.call<GenerateReportResult>('generate', [{ month: '2026-01', locale: 'en-US' }, false]);
    expect(result.ok && result.reports[0]!.report.revenue).toBe(1200);
    expect((await engine.call<{ name: string }>('download', [])).name).toBe('export.xlsx');
  });

  it('runs on the host’s workbook through the page when the workbook lives there (Excel)', async () => {
    const host = XlsxPackage.fromBytes(sampleBytes());
    const engine = localEngine(host);
    const result = await engine.call<GenerateReportResult>('generate', [{ month: '2026-03', locale: 'en-US' }, true]);
    expect(result.ok).toBe(true);
    expect((await host.listSheets()).map((s) => s.name)).toContain('Report 2026-03');
  });
});
