import { execFileSync } from 'node:child_process';
import { csvFailureMessage, csvToValues, readCsv } from '../../src/workbook/csv';

// SPEC §6 CSV: the bytes are produced by encoders we did not write (Node's Buffer, glibc iconv).

const TEXT = '商机编号,客户,阶段,创建日期,金额\nD1,"上海 Acme, Inc",成交,2026-01-05,"1,200"\nD2,北京,方案,2026-01-09,300\n';
const EXPECTED = [
  ['商机编号', '客户', '阶段', '创建日期', '金额'],
  ['D1', '上海 Acme, Inc', '成交', '2026-01-05', '1,200'],
  ['D2', '北京', '方案', '2026-01-09', 300],
];

function iconv(text: string, to: string): Uint8Array {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: text });
}

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

const BOM = { utf8: [0xef, 0xbb, 0xbf], le: [0xff, 0xfe], be: [0xfe, 0xff] };
const withBom = (bom: number[], bytes: Uint8Array) => new Uint8Array([...bom, ...bytes]);

describe('readCsv: encodings', () => {
  it.each([
    ['UTF-8', () => Buffer.from(TEXT, 'utf8'), 'UTF-8'],
    ['UTF-8 with BOM', () => withBom(BOM.utf8, Buffer.from(TEXT, 'utf8')), 'UTF-8'],
    ['UTF-16 LE with BOM', () => withBom(BOM.le, Buffer.from(TEXT, 'utf16le')), 'UTF-16LE'],
    ['UTF-16 BE with BOM', () => withBom(BOM.be, utf16be(TEXT)), 'UTF-16BE'],
    ['UTF-16 LE without BOM', () => Buffer.from(TEXT, 'utf16le'), 'UTF-16LE'],
    ['GB18030 (iconv)', () => iconv(TEXT, 'GB18030'), 'GB18030'],
    ['GBK (iconv)', () => iconv(TEXT, 'GBK'), 'GB18030'],
    ['GB2312 (iconv)', () => iconv(TEXT, 'GB2312'), 'GB18030'],
  ])('reads %s', (_name, bytes, encoding) => {
    const read = readCsv(bytes());
    expect(read).toEqual({ ok: true, values: EXPECTED, encoding, delimiter: ',' });
  });
});

describe('readCsv: delimiters', () => {
  it('detects ";" (European exports with decimal commas), quotes respected', () => {
    const read = readCsv(Buffer.from('Deal ID;Account;Amount\nD1;"Acme; Inc";1.234,50\nD2;Beta,GmbH;12,5\n'));
    expect(read).toMatchObject({
      ok: true,
      delimiter: ';',
      values: [
        ['Deal ID', 'Account', 'Amount'],
        ['D1', 'Acme; Inc', '1.234,50'],
        ['D2', 'Beta,GmbH', '12,5'],
      ],
    });
  });

  it('detects tab, with commas and semicolons inside the fields', () => {
    const read = readCsv(Buffer.from('Deal ID\tAccount\tNote\nD1\tAcme, Inc\ta;b\nD2\tBeta\t"x\ty"\n'));
    expect(read).toMatchObject({
      ok: true,
      delimiter: '\t',
      values: [
        ['Deal ID', 'Account', 'Note'],
        ['D1', 'Acme, Inc', 'a;b'],
        ['D2', 'Beta', 'x\ty'],
      ],
    });
  });

  it('detects a semicolon file in GB18030 (WPS on Chinese Windows)', () => {
    const read = readCsv(iconv('编号;客户;金额\nD1;上海;100\n', 'GB18030'));
    expect(read).toMatchObject({
      ok: true,
      encoding: 'GB18030',
      delimiter: ';',
      values: [
        ['编号', '客户', '金额'],
        ['D1', '上海', 100],
      ],
    });
  });

  it('chooses the delimiter from the first records even in a long file', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `D${i};Acme ${i};${i},5`);
    const read = readCsv(Buffer.from(`Deal ID;Account;Amount\n${rows.join('\n')}\n`));
    expect(read.ok && read.delimiter).toBe(';');
    expect(read.ok && read.values.length).toBe(20_001);
  });
});

describe('readCsv: nothing fits', () => {
  it('names the encoding found and the delimiters tried when no delimiter gives columns', () => {
    const read = readCsv(Buffer.from('just one column\nof text\n'));
    expect(read).toEqual({ ok: false, reason: 'noDelimiter', encoding: 'UTF-8' });
    if (read.ok) return;
    const message = csvFailureMessage('p.csv', read, 'en-US');
    for (const part of ['p.csv', 'UTF-8', 'UTF-16LE', 'UTF-16BE', 'GB18030', '","', '";"', 'tab']) expect(message).toContain(part);
    expect(csvFailureMessage('p.csv', read, 'zh-CN')).toContain('分隔符');
  });

  it('names the encodings tried when no encoding decodes the bytes (a binary file)', () => {
    const read = readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x81, 0x20, 0x00, 0x00, 0x01]));
    expect(read).toEqual({ ok: false, reason: 'notText', encoding: null });
    if (read.ok) return;
    expect(csvFailureMessage('x.csv', read, 'en-US')).toMatch(/x\.csv is not a text file.*UTF-8, UTF-16LE, UTF-16BE, GB18030/);
  });
});

describe('csvToValues (text already decoded)', () => {
  it('keeps numbers as numbers, identifiers with leading zeros as text, blanks as null, and detects the delimiter', () => {
    expect(csvToValues('\uFEFFid;n;blank\n00012;3.5;\n')).toEqual([
      ['id', 'n', 'blank'],
      ['00012', 3.5, null],
    ]);
    expect(csvToValues('month,target\n2026-01,"120,000"\n')).toEqual([
      ['month', 'target'],
      ['2026-01', '120,000'],
    ]);
  });
});
