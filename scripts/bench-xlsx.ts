/**
 * The .xlsx adapters side by side: the surgical package adapter
 * (src/workbook/xlsx-package) against the ExcelJS adapter, each case in its
 * own Node process so peak RSS belongs to that case alone.
 *
 *   npx tsx scripts/bench-xlsx.ts [--rows 100000] [--million]
 *
 * Cases: read a pipeline sheet of N rows × 14 columns (written by ExcelJS,
 * shared strings, dates), and write a report model with an N-row, 16-column
 * data table into that workbook (apply + save). `--million` also reads a
 * 1,048,576-row sheet with the package adapter (the ExcelJS adapter is not
 * run there: it needs several GB). Timings are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { unzipSync } from 'fflate';
import type { Cell, ReportModel } from '../src/core/report/model';
import { SAMPLE_DATE_COLUMNS, samplePipeline } from '../src/core/sample/sample-pipeline';
import { XlsxPackage } from '../src/workbook/xlsx-package/xlsx-package';
import { SheetScanner } from '../src/workbook/xlsx-package/sheet-scanner';
import { XlsxWorkbook } from '../src/workbook/xlsx/xlsx-workbook';

interface Measure {
  seconds: number;
  peakRssMb: number;
  rows: number;
}

const SHEET = 'Pipeline';

/** A report model holding one data table of `rows` rows × 16 columns, as the monthly report's data sheet does. */
function dataTableModel(rows: number): ReportModel {
  const values = samplePipeline({ deals: rows, seed: 3 }).slice(1);
  const body: Cell[][] = values.map((r, i) => [i + 2, ...r.slice(0, 14), { formula: `I${i + 2}/H${i + 2}`, value: typeof r[7] === 'number' && typeof r[6] === 'number' && r[6] !== 0 ? r[7] / r[6] : null }]);
  const headers = ['Row', 'Id', 'Account', 'Stage', 'Status', 'Created', 'Closed', 'Amount', 'Cost', 'Owner', 'Channel', 'Product', 'Region', 'Lost at', 'Contract end', 'Cost rate'];
  const formats = [undefined, undefined, undefined, undefined, undefined, 'date', 'date', 'currency', 'currency', undefined, undefined, undefined, undefined, undefined, 'date', 'percent'] as const;
  return {
    sheets: [
      {
        name: 'Funnel Data',
        role: 'data',
        freeze: { rows: 1, cols: 0 },
        blocks: [{ kind: 'table', name: 'FunnelData', row: 0, col: 0, style: 'TableStyleLight9', columns: headers.map((header, c) => ({ header, format: formats[c] })), rows: body }],
      },
    ],
  };
}

async function child(kind: string, file: string, rows: number): Promise<void> {
  const bytes = readFileSync(file);
  const start = performance.now();
  let count = 0;
  switch (kind) {
    case 'read-package':
      count = (await XlsxPackage.fromBytes(bytes).readSheet(SHEET)).length;
      break;
    case 'read-exceljs':
      count = (await (await XlsxWorkbook.fromBytes(bytes)).readSheet(SHEET)).length;
      break;
    case 'write-package': {
      const model = dataTableModel(rows);
      const t0 = performance.now();
      const pkg = XlsxPackage.fromBytes(bytes);
      await pkg.applyReport(model);
      count = pkg.toBytes().length;
      report(t0, count);
      return;
    }
    case 'write-exceljs': {
      const model = dataTableModel(rows);
      const t0 = performance.now();
      const wb = await XlsxWorkbook.fromBytes(bytes);
      await wb.applyReport(model);
      count = (await wb.toBytes()).length;
      report(t0, count);
      return;
    }
    case 'scan-saxes':
    case 'scan-scanner': {
      const xml = unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml']!;
      const t0 = performance.now();
      count = kind === 'scan-saxes' ? saxesCellCount(xml) : scannerRowCount(xml);
      report(t0, count);
      return;
    }
  }
  report(start, count);
}

function report(start: number, rows: number): void {
  const m: Measure = { seconds: (performance.now() - start) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, rows };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

/** The saxes alternative the scanner was measured against: decode in 1 MB chunks, count `<v>`/`<t>` texts as values. */
function saxesCellCount(xml: Uint8Array): number {
  const parser = new SaxesParser();
  const decoder = new TextDecoder();
  let values = 0;
  let inValue = false;
  parser.on('opentag', (t) => (inValue = t.name === 'v' || t.name === 't'));
  parser.on('text', () => {
    if (inValue) values++;
  });
  parser.on('closetag', () => (inValue = false));
  for (let i = 0; i < xml.length; i += 1 << 20) parser.write(decoder.decode(xml.subarray(i, i + (1 << 20)), { stream: true }));
  parser.close();
  return values;
}

function scannerRowCount(xml: Uint8Array): number {
  const scanner = new SheetScanner([]);
  for (let i = 0; i < xml.length; i += 1 << 20) scanner.push(xml.subarray(i, i + (1 << 20)));
  return scanner.end().length;
}

function run(kind: string, file: string, rows: number): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, 'child', kind, file, String(rows)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === 'child') return child(args[1]!, args[2]!, Number(args[3]));
  const rows = Number(args[args.indexOf('--rows') + 1]) || 100_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
  try {
    const file = path.join(dir, 'pipeline.xlsx');
    const wb = XlsxWorkbook.create();
    wb.addValuesSheet(SHEET, samplePipeline({ deals: rows, seed: 1 }), { dateColumns: SAMPLE_DATE_COLUMNS });
    writeFileSync(file, await wb.toBytes());
    const lines = ['| case | package: s | package: peak RSS MB | ExcelJS: s | ExcelJS: peak RSS MB | speed-up |', '| --- | --- | --- | --- | --- | --- |'];
    const pair = (label: string, ours: Measure, peer: Measure | null) =>
      lines.push(`| ${label} | ${ours.seconds.toFixed(2)} | ${ours.peakRssMb.toFixed(0)} | ${peer ? peer.seconds.toFixed(2) : '—'} | ${peer ? peer.peakRssMb.toFixed(0) : '—'} | ${peer ? (peer.seconds / ours.seconds).toFixed(1) + '×' : '—'} |`);
    pair(`read ${rows} × 14`, run('read-package', file, rows), run('read-exceljs', file, rows));
    pair(`write a ${rows}-row data table (apply + save)`, run('write-package', file, rows), run('write-exceljs', file, rows));
    const saxes = run('scan-saxes', file, rows);
    const scanner = run('scan-scanner', file, rows);
    lines.push(`| sheet XML scan only: hand scanner ${scanner.seconds.toFixed(2)} s vs saxes ${saxes.seconds.toFixed(2)} s | | | | | ${(saxes.seconds / scanner.seconds).toFixed(1)}× |`);
    if (args.includes('--million')) {
      const big = path.join(dir, 'million.xlsx');
      const pkg = XlsxPackage.create();
      pkg.addValuesSheet(SHEET, samplePipeline({ deals: 1_048_575, seed: 1 }), { dateColumns: SAMPLE_DATE_COLUMNS });
      writeFileSync(big, pkg.toBytes());
      pair('read 1,048,576 × 14 (package only)', run('read-package', big, 1_048_576), null);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
