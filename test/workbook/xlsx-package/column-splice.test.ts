import { spliceColumns } from '../../../src/workbook/xlsx-package/column-splice';
import { parseXmlTree } from '../../../src/workbook/xlsx-package/xml-tree';

// The per-deal forecast columns go into the user's sheet part by a splice: every other byte stays (issue #17 item 9).

const spliced = (xml: string, splice: Parameters<typeof spliceColumns>[1]) => {
  const pieces = spliceColumns(new TextEncoder().encode(xml), splice);
  return pieces.map((p) => new TextDecoder().decode(p)).join('');
};

describe('spliceColumns', () => {
  it('inserts cells in column order, new rows between existing ones, keeps the user cells as they were, widens the dimension', () => {
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B4"/><sheetData>' +
      '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>' +
      '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c></row>' +
      '<row r="4" spans="1:2" ht="20" customHeight="1"/>' +
      '</sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells></worksheet>';
    const out = spliced(xml, {
      dropFrom: 0,
      dropTo: 0,
      col: 3,
      width: 1,
      rows: new Map([
        [0, '<c r="D1"><v>9</v></c>'],
        [1, '<c r="D2"><v>8</v></c>'],
        [3, '<c r="D4"><v>7</v></c>'],
        [5, '<c r="D6"><v>6</v></c>'],
      ]),
    });
    expect(out).toBe(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D6"/><sheetData>' +
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c><c r="D1"><v>9</v></c></row>' +
        '<row r="2"><c r="D2"><v>8</v></c></row>' +
        '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c></row>' +
        '<row r="4" ht="20" customHeight="1"><c r="D4"><v>7</v></c></row>' +
        '<row r="6"><c r="D6"><v>6</v></c></row>' +
        '</sheetData><mergeCells count="1"><mergeCell ref="A3:B3"/></mergeCells></worksheet>',
    );
  });

  it('drops the old block (value-less cells too) and keeps cells right of it, in a prefixed part, giving r to cells without one', () => {
    const xml =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="C1" s="3"><x:v>0.5</x:v></x:c><x:c r="D1" s="4"/><x:c><x:v>5</x:v></x:c></x:row>' +
      '<x:row r="2"><x:c r="C2"><x:is><x:t>old</x:t></x:is></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const out = spliced(xml, { dropFrom: 2, dropTo: 4, col: 2, width: 2, rows: new Map([[0, '<c r="C1" t="inlineStr"><is><t>P</t></is></c>']]) });
    expect(out).toBe(
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>P</x:t></x:is></x:c><x:c r="E1"><x:v>5</x:v></x:c></x:row>' +
        '<x:row r="2"></x:row>' +
        '</x:sheetData></x:worksheet>',
    );
    expect(() => parseXmlTree(out)).not.toThrow();
  });

  it('fills an empty sheetData and leaves a part it has nothing to do in byte for byte', () => {
    const empty = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
    expect(spliced(empty, { dropFrom: 0, dropTo: 0, col: 0, width: 1, rows: new Map([[2, '<c r="A3"><v>1</v></c>']]) })).toBe(
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="A3"><v>1</v></c></row></sheetData></worksheet>',
    );
    const xml = '<worksheet><sheetData><row r="1" spans="1:1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>';
    expect(spliced(xml, { dropFrom: 5, dropTo: 6, col: 5, width: 1, rows: new Map() })).toBe(xml);
  });
});
