import fc from 'fast-check';
import { readSharedStrings, SheetScanner } from '../../../src/workbook/xlsx-package/sheet-scanner';

const utf8 = (s: string) => new TextEncoder().encode(s);

function scan(xml: string, shared: string[] = [], chunkSizes: number[] = []): unknown[][] {
  const scanner = new SheetScanner(shared);
  const bytes = utf8(xml);
  let at = 0;
  for (const size of chunkSizes) {
    if (at >= bytes.length) break;
    scanner.push(bytes.subarray(at, at + size));
    at += size;
  }
  if (at < bytes.length) scanner.push(bytes.subarray(at));
  return scanner.end();
}

const sheet = (data: string, prefix = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${prefix}worksheet ` +
  `xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}` +
  `="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<${prefix}sheetViews><${prefix}sheetView workbookViewId="0"/></${prefix}sheetViews>` +
  `<${prefix}cols><${prefix}col min="1" max="1" width="9"/></${prefix}cols>` +
  `<${prefix}sheetData>${data}</${prefix}sheetData><${prefix}conditionalFormatting sqref="A1"><${prefix}cfRule type="expression" ` +
  `priority="1"><${prefix}formula>1</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting></${prefix}worksheet>`;

/** Every cell type Excel, LibreOffice and ExcelJS write (ECMA-376 §18.18.11). */
const ALL_TYPES = sheet(
  '<row r="1" spans="1:8"><c r="A1" t="s"><v>1</v></c><c r="B1" t="str"><f>A1&amp;"!"</f><v>b &amp; c</v>' +
    '</c><c r="C1" t="inlineStr"><is><t xml:space="preserve"> inline </t></is></c>' +
    '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1" t="n"><v>1.5E3</v>' +
    '</c><c r="G1" s="3"><v>45292</v></c><c r="H1"><f>G1+1</f><v>45293</v></c></row>' +
    '<row r="3"><c r="B3" t="inlineStr"><is><r><rPr><b/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r><rPh ' +
    'sb="0" eb="1"><t>ignored</t></rPh></is></c><c r="C3" s="2"/><c r="D3" t="d"><v>2024-01-01</v></c></row>',
);

describe('SheetScanner', () => {
  it('reads every cell type: shared, formula string, inline, boolean, error → null, numbers, cached formula values, rich text, ISO dates', () => {
    expect(scan(ALL_TYPES, ['zero', 'one'])).toEqual([
      ['one', 'b & c', ' inline ', true, null, 1500, 45292, 45293],
      [null, null, null, null, null, null, null, null],
      [null, 'rich text', null, 45292, null, null, null, null],
    ]);
  });

  it('places cells and rows without r after the previous ones', () => {
    const xml = sheet(
      '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c ' +
        't="inlineStr"><is><t>x</t></is></c></row><row r="5"><c><v>9</v></c></row>',
    );
    expect(scan(xml)).toEqual([
      [1, 2, null, null, 5, 6],
      ['x', null, null, null, null, null],
      [null, null, null, null, null, null],
      [null, null, null, null, null, null],
      [9, null, null, null, null, null],
    ]);
  });

  it('reads elements with a namespace prefix (some .NET writers use x:)', () => {
    expect(scan(sheet('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row>', 'x:'))).toEqual([
      ['p', 2],
    ]);
  });

  it('reads the plain forms `<v>…</v></c>` and `<is><t>…</t></is></c>` as the general reader does, whatever the text', () => {
    // Each cell once in its plain form, once with white space between the tags (the general path).
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Won', 'Lost', 'a&amp;b', 'x\r\ny', '_x0041_', 'A1', ''));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.integer({ min: -5, max: 99999 })), { minLength: 1, maxLength: 30 }), (cells) => {
        const escape = (t: string) =>
          t
            .replace(/&(?!amp;)/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;');
        const row = (spaced: boolean) =>
          cells
            .map(([t, n], i) =>
              spaced
                ? `<c r="A${i + 1}" t="inlineStr"><is> <t>${escape(t)}</t> </is> </c><c r="B${i + 1}"><v>${n}</v> </c>`
                : `<c r="A${i + 1}" t="inlineStr"><is><t>${escape(t)}</t></is></c><c r="B${i + 1}"><v>${n}</v></c>`,
            )
            .map((c, i) => `<row r="${i + 1}">${c}</row>`)
            .join('');
        expect(scan(sheet(row(false)))).toEqual(scan(sheet(row(true))));
      }),
      { numRuns: 200 },
    );
    // Texts that share a hash slot or a length are never confused.
    const many = Array.from({ length: 20_000 }, (_, i) => `t${i.toString(36)}`);
    const xml = sheet(
      many.map((t, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${t}</t></is></c><c r="B${i + 1}" t="str"><v>${t}</v></c></row>`).join(''),
    );
    expect(scan(xml)).toEqual(many.map((t) => [t, t]));
  });

  it('resolves entities and non-ASCII text', () => {
    expect(scan(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>销售阶段 &lt;&#x41;&#66;&gt; &quot;q&quot;</t></is></c></row>'))).toEqual([
      ['销售阶段 <AB> "q"'],
    ]);
  });

  it('gives an empty sheet for no rows, and ignores styled blanks when sizing the range', () => {
    expect(scan(sheet(''))).toEqual([]);
    expect(scan(sheet('<row r="1"><c r="A1"><v>1</v></c><c r="Z9" s="4"/></row><row r="40"><c r="C40" s="1"/></row>'))).toEqual([[1]]);
  });

  it('gives the same values however the bytes are split into chunks', () => {
    const expected = scan(ALL_TYPES, ['zero', 'one']);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 200 }), (sizes) => {
        expect(scan(ALL_TYPES, ['zero', 'one'], sizes)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readSharedStrings', () => {
  it('joins rich-text runs, leaves out phonetic runs, keeps empty items in place', () => {
    const sst =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>a</t></si><si><r><t>b</t></r><r><rPr>' +
      '<i/></rPr><t xml:space="preserve"> c</t></r></si><si/><si><t>東京</t><rPh sb="0" ' +
      'eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si></sst>';
    expect(readSharedStrings(utf8(sst))).toEqual(['a', 'b c', '', '東京']);
  });
});
