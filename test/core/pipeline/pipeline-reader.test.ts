import fc from 'fast-check';
import { PipelineReader, readPipeline } from '../../../src/core/pipeline/read-pipeline';
import { DEFAULT_STAGES } from '../../../src/core/pipeline/stages';
import { samplePipeline } from '../../../src/core/sample/sample-pipeline';
import type { SheetValues } from '../../../src/core/util/cell';

/** The rows a streaming sheet reader hands over: blank rows left out, each row as long as its last value. */
function streamed(values: SheetValues): PipelineReader {
  const reader = new PipelineReader({ stages: DEFAULT_STAGES });
  values.forEach((row, r) => {
    if (row.every((v) => v === null)) return;
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    reader.push(row.slice(0, end), r);
  });
  return reader;
}

/** A sample pipeline moved down by `offset` title/blank rows, with blank rows scattered and junk in some cells. */
function messy(offset: number, blanksEvery: number, deals: number, seed: number): SheetValues {
  const width = 14;
  const sample = samplePipeline({ deals, seed, months: 4 });
  const rows: SheetValues = Array.from({ length: offset }, (_, i) =>
    i === 0 ? ['Pipeline export', ...Array<null>(width - 1).fill(null)] : Array<null>(width).fill(null),
  );
  sample.forEach((row, i) => {
    rows.push(row.map((v, c) => (i > 0 && (i * 7 + c) % 53 === 0 ? 'n/a' : v)));
    if (blanksEvery > 0 && i % blanksEvery === 0) rows.push(Array<null>(width).fill(null));
  });
  return rows;
}

describe('PipelineReader (rows pushed one by one, as a sheet is streamed)', () => {
  it('gives exactly what readPipeline gives on the whole grid: header found below title rows, blank rows skipped, issues with their sheet rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 1000 }),
        (offset, blanksEvery, deals, seed) => {
          const values = messy(offset, blanksEvery, deals, seed);
          const whole = readPipeline(values, { stages: DEFAULT_STAGES });
          const rowByRow = streamed(values).result(values.length);
          // Header cells past the last value differ only in padding ('' vs absent).
          const trim = (r: typeof whole) =>
            r.ok ? { ...r, pipeline: { ...r.pipeline, header: { ...r.pipeline.header, headers: r.pipeline.header.headers.filter((h) => h !== '') } } } : r;
          expect(trim(rowByRow)).toEqual(trim(whole));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reports an empty sheet, a sheet with no header in its first 20 rows, and missing fields as readPipeline does', () => {
    const cases: SheetValues[] = [
      [],
      [[null, '  ']],
      [...Array.from({ length: 25 }, () => [null]), ['Deal ID', 'Account', 'Stage', 'Created', 'Amount']],
      [
        ['Deal ID', 'Account', 'Stage'],
        ['1', 'A', 'Lead'],
      ],
    ];
    for (const values of cases) {
      const reader = new PipelineReader({ stages: DEFAULT_STAGES });
      values.forEach((row, r) => {
        if (!row.every((v) => v === null)) reader.push(row, r);
      });
      expect(reader.result(values.length)).toEqual(readPipeline(values, { stages: DEFAULT_STAGES }));
    }
  });
});
