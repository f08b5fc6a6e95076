import fc from 'fast-check';
import { cellBytes, MAX_REQUEST_BYTES, readBlockRows, rowBytes, splitRowBlocks, utf8Bytes } from '../../../src/workbook/office/blocks';
import { topLeftOf } from '../../../src/workbook/office/read-sheet';
import { settingsChunks, SETTINGS_CHUNK } from '../../../src/workbook/office/settings-sheet';
import { textInput, valueInput } from '../../../src/workbook/office/text-input';

const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));

describe('request size estimates', () => {
  it('never underestimate the JSON bytes of a row', () => {
    fc.assert(fc.property(fc.array(cell), (row) => rowBytes(row) >= Buffer.byteLength(JSON.stringify(row))));
  });

  it('count UTF-8 bytes, not UTF-16 units', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('客户')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
    expect(cellBytes('客户')).toBe(9);
  });
});

describe('splitRowBlocks', () => {
  const budget = 1000;
  const sizes = fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 300 });

  it('covers every row once, in order, each block within the budget', () => {
    fc.assert(
      fc.property(sizes, (s) => {
        const blocks = splitRowBlocks(s, budget);
        expect(blocks.map((b) => [b.start, b.end]).flat()).toEqual(blocks.flatMap((b, i) => [i === 0 ? 0 : blocks[i - 1]!.end, b.end]));
        expect(blocks[blocks.length - 1]?.end ?? 0).toBe(s.length);
        for (const b of blocks) expect(b.bytes).toBe(s.slice(b.start, b.end).reduce((x, y) => x + y, 0));
        for (const b of blocks) expect(b.bytes).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it('packs greedily: no block could have taken the next row, so B ≤ 2⌈total / budget⌉', () => {
    fc.assert(
      fc.property(sizes, (s) => {
        const blocks = splitRowBlocks(s, budget);
        blocks.slice(1).forEach((b, i) => expect(blocks[i]!.bytes + s[b.start]!).toBeGreaterThan(budget));
        const total = s.reduce((x, y) => x + y, 0);
        expect(blocks.length).toBeLessThanOrEqual(Math.max(1, 2 * Math.ceil(total / budget)));
      }),
    );
  });

  it('gives an oversized row a block of its own', () => {
    expect(splitRowBlocks([10, 5000, 10], budget).map((b) => [b.start, b.end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });

  it('sizes read blocks with a margin, at least one row', () => {
    expect(readBlockRows(1000) * 1000 * 1.5).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(readBlockRows(10 * MAX_REQUEST_BYTES)).toBe(1);
  });
});

describe('text input', () => {
  it('prefixes every non-empty string with an apostrophe and leaves other values alone', () => {
    expect(textInput('=1')).toBe("'=1");
    expect(textInput("'x")).toBe("''x");
    expect(textInput('')).toBe('');
    expect(valueInput(3)).toBe(3);
    expect(valueInput(Number.NaN)).toBeNull();
    expect(valueInput(true)).toBe(true);
  });
});

describe('addresses and settings chunks', () => {
  it('finds the top-left of an address Excel returns', () => {
    expect(topLeftOf('Sheet1!C3:F10')).toEqual({ row: 2, col: 2 });
    expect(topLeftOf("'My sheet!'!AA10")).toEqual({ row: 9, col: 26 });
    expect(topLeftOf('Data!$B$2:$D$5')).toEqual({ row: 1, col: 1 });
  });

  it('splits settings JSON into cells Excel can hold, joining back to the JSON', () => {
    const settings = { version: 1 as const, pipelineSheet: 'x'.repeat(2 * SETTINGS_CHUNK + 5) };
    const chunks = settingsChunks(settings);
    expect(chunks).toHaveLength(3);
    expect(chunks.every((c) => c.length <= SETTINGS_CHUNK)).toBe(true);
    expect(chunks.join('')).toBe(JSON.stringify(settings));
  });
});
