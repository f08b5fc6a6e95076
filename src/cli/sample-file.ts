import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import { t } from '../core/i18n';
import { SAMPLE_DATE_COLUMNS } from '../core/sample/sample-pipeline';
import type { CellValue } from '../core/util/cell';
import { isoFromSerial } from '../core/util/dates';
import { lit } from '../engines/sql/dialect';
import { openDuckDb } from '../engines/duckdb/load-duckdb';
import { EXIT, type ExitCode, type Output } from './output';

/*
 * `sample --format csv|parquet`: the sample pipeline as a CRM export past
 * Excel's rows (SPEC §10), written as its rows are drawn, so memory stays
 * flat: dates as ISO text (what exports hold), numbers as digits, texts
 * quoted when they must be. Parquet is that CSV converted by DuckDB's
 * COPY (streamed too), every column as text, as the export had it.
 */

const DATE_COLUMNS = new Set(SAMPLE_DATE_COLUMNS);

/** One CSV line of a sample row. */
export function csvLine(row: readonly CellValue[], header: boolean): string {
  return row
    .map((v, c) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return !header && DATE_COLUMNS.has(c) ? isoFromSerial(v) : String(v);
      const s = String(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

async function writeCsv(file: string, rows: Iterable<CellValue[]>): Promise<number> {
  const stream = createWriteStream(file);
  let lines: string[] = [];
  let count = -1;
  const flush = async () => {
    if (!stream.write(`${lines.join('\n')}\n`)) await once(stream, 'drain');
    lines = [];
  };
  for (const row of rows) {
    lines.push(csvLine(row, count === -1));
    count++;
    if (lines.length >= 2000) await flush();
  }
  if (lines.length > 0) await flush();
  stream.end();
  await once(stream, 'finish');
  return count;
}

export async function writeSampleFile(file: string, format: 'csv' | 'parquet', rows: Iterable<CellValue[]>, out: Output): Promise<ExitCode> {
  if (format === 'csv') {
    const deals = await writeCsv(file, rows);
    out.info(`Sample pipeline of ${deals} deals written to ${file} (CSV, dates as YYYY-MM-DD).`);
    return EXIT.done;
  }
  const db = await openDuckDb({ threads: '2', memory_limit: '1GB' });
  if (db === null) {
    out.error(t('en-US', 'error.engineMissing'));
    return EXIT.unusable;
  }
  const csv = `${file}.${process.pid}.csv`;
  try {
    const deals = await writeCsv(csv, rows);
    await db.connection.run(`COPY (SELECT * FROM read_csv(${lit(csv)}, header = true, all_varchar = true)) TO ${lit(file)} (FORMAT parquet)`);
    out.info(`Sample pipeline of ${deals} deals written to ${file} (Parquet, every column as text).`);
    return EXIT.done;
  } finally {
    db.instance.closeSync?.();
    await fs.rm(csv, { force: true });
  }
}
