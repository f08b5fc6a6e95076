import fc from 'fast-check';
import type { Cell, SheetModel } from '../../../src/core/report/model';
import { a1 } from '../../../src/core/util/cell';
import { layoutSheet } from '../../../src/workbook/xlsx-package/sheet-grid';
import { MINIMAL_STYLES, StyleBook } from '../../../src/workbook/xlsx-package/style-book';
import { cellXml, needsPreserve, worksheetXml } from '../../../src/workbook/xlsx-package/worksheet-xml';
import { XmlWriter } from '../../../src/workbook/xlsx-package/xml-writer';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** Text of every kind: ASCII, markup characters, CJK, emoji (surrogate pairs), lone surrogates, controls, line ends. */
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' lead', 'trail ', 'a\r\nb', '=1+1', '<&>"\'', '销售阶段', '\uD83D\uDE00', '\uD800x', 'x\uDC00', '\u0000\u0007\uFFFE\uFFFF'),
);

const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  anyText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.record({
    formula: fc.constantFrom('SUM(A1:A2)', 'A1&"<x>"', 'IFS(A1>0,1,TRUE,0)'),
    value: fc.oneof(fc.double({ noNaN: true }), fc.string({ maxLength: 5 }), fc.constant(null)),
  }),
);

describe('XmlWriter', () => {
  it('writes the same bytes as the string path (cellXml) for any cell', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { maxLength: 6 }), { maxLength: 8 }), fc.constantFrom(undefined, 'currency' as const), (rows, format) => {
        const model: SheetModel = { name: 'S', role: 'report', blocks: [{ kind: 'cells', row: 0, col: 0, cells: rows, formats: [format, undefined, format] }] };
        const styles = new StyleBook(MINIMAL_STYLES);
        const xml = decode(worksheetXml(model, layoutSheet(model, styles), styles, { tableRelIds: [], tabSelected: false }));
        const data = /<sheetData>(.*)<\/sheetData>/s.exec(xml)![1];
        const expected = rows
          .map((row, r) => {
            const cells = row
              .map((v, c) => ({ v, s: styles.cellStyle(c === 0 || c === 2 ? format : undefined, undefined) }))
              .map(({ v, s }, c) => (v === null && s === 0 ? '' : cellXml(a1(r, c), v, s)));
            return cells.join('') === '' ? '' : `<row r="${r + 1}">${cells.join('')}</row>`;
          })
          .join('');
        expect(data).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a text a column repeats as the same bytes each time (the remembered cell), past 256 distinct texts too', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 600 }), (pool, distinct) => {
        // Column A repeats a few texts (remembered); column B has `distinct` different ones (the column stops remembering past 256).
        const rows: Cell[][] = Array.from({ length: 700 }, (_, r) => [pool[r % pool.length]!, `id ${r % distinct}`, pool[(r * 7) % pool.length]!]);
        const model: SheetModel = { name: 'S', role: 'data', blocks: [{ kind: 'cells', row: 0, col: 0, cells: rows }] };
        const styles = new StyleBook(MINIMAL_STYLES);
        const xml = decode(worksheetXml(model, layoutSheet(model, styles), styles, { tableRelIds: [], tabSelected: false }));
        const expected = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(a1(r, c), v, 0)).join('')}</row>`).join('');
        expect(/<sheetData>(.*)<\/sheetData>/s.exec(xml)![1]).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('copies what was written since a mark, or nothing when a block went to the sink in between', () => {
    const blocks: Uint8Array[] = [];
    const w = new XmlWriter((b) => blocks.push(b), 16);
    w.raw('<a>');
    const mark = w.mark();
    w.text('x&y');
    expect(decode(w.copySince(mark)!)).toBe('x&amp;y');
    const before = w.mark();
    w.raw('0123456789abcdef');
    expect(w.copySince(before)).toBeNull();
    w.flush();
    expect(decode(Uint8Array.from(blocks.flatMap((b) => [...b])))).toBe('<a>x&amp;y0123456789abcdef');
  });

  it('marks xml:space="preserve" exactly where the text starts or ends with white space or holds a line break', () => {
    const rule = /^\s|\s$|[\t\n\r]/;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}`, `${ch}a`, `a${ch}a`])
        if (needsPreserve(text) !== rule.test(text)) throw new Error(`U+${c.toString(16)} in ${JSON.stringify(text)}`);
    }
    fc.assert(
      fc.property(anyText, (text) => expect(needsPreserve(text)).toBe(rule.test(text))),
      { numRuns: 1000 },
    );
  });

  it('hands the bytes over in blocks of about the block size, a long text in one piece of its own', () => {
    const blocks: Uint8Array[] = [];
    const w = new XmlWriter((b) => blocks.push(b), 1024);
    for (let i = 0; i < 500; i++) w.raw('<row r="1"></row>');
    w.text('x'.repeat(200_000));
    w.raw('<end/>');
    w.flush();
    // Full blocks, the part cut short by the long text, the long text alone, the rest.
    expect(blocks.slice(0, -3).every((b) => b.length >= 1024 && b.length < 1024 + 32)).toBe(true);
    expect(blocks.slice(-3).map((b) => b.length)).toEqual([(500 * 17) % blocks[0]!.length, 200_000, 6]);
    expect(decode(Uint8Array.from(blocks.flatMap((b) => [...b])))).toBe(`${'<row r="1"></row>'.repeat(500)}${'x'.repeat(200_000)}<end/>`);
  });
});
