import { unzipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PartCheck } from '../../../src/workbook/xlsx-package/package-guards';
import { zipChunks, concatChunks, type ZipWriteEntry } from '../../../src/workbook/xlsx-package/zip-archive';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';
import { nodeZipCodec } from '../../../src/workbook/node-file/node-zip-codec';
import { cli, tempDir } from '../../helpers/workbook-files';

// SPEC §6: corrupt input is refused with exit 2 and a message; the input is untouched.
jest.setTimeout(60_000);

/** One entry as the test wants it in the archive: its content, and what the directory should (mis)state. */
interface RawEntry {
  name: string;
  data: Uint8Array;
  store?: boolean;
  crc?: number;
  size?: number;
}

/** A zip written entry by entry, with CRCs and sizes as given (so they can lie), duplicates allowed. */
function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const written: ZipWriteEntry[] = entries.map((e) => {
    const body = e.store ? e.data : new Uint8Array(zlib.deflateRawSync(e.data, { level: 9 }));
    return {
      name: e.name,
      method: e.store ? 0 : 8,
      crc: e.crc ?? zlib.crc32(e.data),
      size: e.size ?? e.data.length,
      compressedSize: body.length,
      data: [body],
    };
  });
  return concatChunks([...zipChunks(written)]);
}

let dir: string;
let sampleParts: Record<string, Uint8Array>;

beforeAll(async () => {
  dir = await tempDir('funnel-corrupt-');
  const sample = path.join(dir, 'sample.xlsx');
  expect((await cli('sample', sample, '--deals', '120', '--seed', '3')).code).toBe(0);
  sampleParts = unzipSync(await fs.readFile(sample));
});

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** The sample's parts with `change` applied, as a file. */
async function workbookWith(name: string, change: (entries: RawEntry[]) => RawEntry[]): Promise<string> {
  const entries = Object.entries(sampleParts).map(([n, data]) => ({ name: n, data }));
  const file = path.join(dir, `${name}.xlsx`);
  await fs.writeFile(file, rawZip(change(entries)));
  return file;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Runs `report` on the file and checks it was refused with exit 2, the file unchanged; returns what the CLI said. */
async function refused(file: string, ...extra: string[]): Promise<string> {
  const before = await fs.readFile(file);
  const stat = await fs.stat(file);
  const result = await cli('report', file, ...extra);
  expect(result.code).toBe(2);
  expect(Buffer.compare(await fs.readFile(file), before)).toBe(0);
  expect((await fs.stat(file)).mtimeMs).toBe(stat.mtimeMs);
  expect(await fs.readdir(dir).then((names) => names.filter((n) => n.endsWith('.tmp')))).toEqual([]);
  return result.stderr;
}

describe('corrupt input is refused, never propagated', () => {
  it('accepts the untouched sample (the builder itself makes sound archives)', async () => {
    const file = await workbookWith('sound', (e) => [...e, { name: 'xl/media/image1.png', data: new Uint8Array([1, 2, 3]), store: true }]);
    expect((await cli('report', file)).code).toBeLessThan(2);
  });

  it('refuses a stored entry whose bytes do not match their CRC, although it is only copied', async () => {
    const file = await workbookWith('bad-crc-stored', (e) => [
      ...e,
      { name: 'xl/media/image1.png', data: new Uint8Array([1, 2, 3]), store: true, crc: zlib.crc32(new Uint8Array([1, 2, 4])) },
    ]);
    const said = await refused(file);
    expect(said).toContain('xl/media/image1.png');
    expect(said).toContain('CRC');
  });

  it('refuses a deflated entry with a wrong CRC, copied still compressed', async () => {
    const app = utf8(
      '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        '<Application>Microsoft Excel</Application></Properties>',
    );
    const file = await workbookWith('bad-crc-deflated', (e) => [...e, { name: 'docProps/app.xml', data: app, crc: (zlib.crc32(app) ^ 1) >>> 0 }]);
    expect(await refused(file)).toContain('docProps/app.xml');
  });

  it('refuses a wrong CRC on a part it reads (the pipeline sheet), in Chinese with --locale zh-CN', async () => {
    const file = await workbookWith('bad-crc-sheet', (e) =>
      e.map((x) => (x.name === 'xl/worksheets/sheet1.xml' ? { ...x, crc: (zlib.crc32(x.data) ^ 1) >>> 0 } : x)),
    );
    const said = await refused(file, '--locale', 'zh-CN');
    expect(said).toContain('校验和');
    expect(said).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses duplicate entries, also when the names differ only in case', async () => {
    const same = await workbookWith('duplicate', (e) => [...e, { name: 'xl/styles.xml', data: sampleParts['xl/styles.xml']! }]);
    expect(await refused(same)).toContain('twice');
    const cased = await workbookWith('duplicate-case', (e) => [...e, { name: 'XL/Worksheets/Sheet1.xml', data: sampleParts['xl/worksheets/sheet1.xml']! }]);
    expect(await refused(cased)).toContain('XL/Worksheets/Sheet1.xml');
  });

  it('refuses a DOCTYPE in [Content_Types].xml (read) and in a part it only copies', async () => {
    const doctype = '<?xml version="1.0"?>\n<!-- x --><!DOCTYPE Types [<!ENTITY a "aaaa">]>';
    const types = await workbookWith('doctype-types', (e) =>
      e.map((x) => (x.name === '[Content_Types].xml' ? { ...x, data: utf8(doctype + new TextDecoder().decode(x.data).replace(/^<\?xml[^>]*\?>\s*/, '')) } : x)),
    );
    expect(await refused(types)).toContain('DOCTYPE');
    const custom = await workbookWith('doctype-custom', (e) => [...e, { name: 'customXml/item1.xml', data: utf8(`${doctype}<a>&a;</a>`) }]);
    expect(await refused(custom)).toContain('customXml/item1.xml');
  });

  it('refuses absurd sizes and ratios before inflating: a lying directory, a bomb, an oversized structural part', async () => {
    const lie = await workbookWith('size-lie', (e) => e.map((x) => (x.name === 'xl/styles.xml' ? { ...x, size: 3 * 1024 ** 3 } : x)));
    expect(await refused(lie)).toContain('zip bomb');
    // 80 MB of white space inside styles.xml: 1000:1, a bomb (V8 once crashed on 2 GiB of it).
    const bomb = await workbookWith('bomb', (e) =>
      e.map((x) =>
        x.name === 'xl/styles.xml'
          ? {
              ...x,
              data: Buffer.concat([
                Buffer.from(x.data.subarray(0, x.data.length - 13)),
                Buffer.alloc(80 * 1024 * 1024, 0x20),
                Buffer.from(x.data.subarray(x.data.length - 13)),
              ]),
            }
          : x,
      ),
    );
    expect(await refused(bomb)).toContain('xl/styles.xml');
    // 70 MB of random text in a workbook.xml comment: it compresses 1.3:1, no bomb, yet no workbook.xml is that big.
    const big = await workbookWith('too-large', (e) =>
      e.map((x) =>
        x.name === 'xl/workbook.xml'
          ? { ...x, data: Buffer.concat([Buffer.from(x.data), Buffer.from(`<!--${randomBytes(52 * 1024 * 1024).toString('base64')}-->`)]) }
          : x,
      ),
    );
    expect(await refused(big)).toContain('64 MB');
  });

  it('refuses a part that inflates to more than the directory declares', async () => {
    const file = await workbookWith('short-size', (e) => e.map((x) => (x.name === 'xl/styles.xml' ? { ...x, size: 100 } : x)));
    expect(await refused(file)).toContain('xl/styles.xml');
  });

  it('refuses in the browser codec too (fflate): a bad CRC on a copied entry fails the save', async () => {
    const bytes = rawZip([
      ...Object.entries(sampleParts).map(([name, data]) => ({ name, data })),
      { name: 'xl/media/image1.png', data: new Uint8Array([9, 9]), store: true, crc: 1 },
    ]);
    const pkg = XlsxPackage.fromBytes(bytes);
    expect(() => pkg.toBytes()).toThrow(/CRC/);
    expect(() => XlsxPackage.fromBytes(bytes, { codec: nodeZipCodec }).toBytes()).toThrow(/image1\.png/);
  });
});

describe('PartCheck', () => {
  const check = (name: string, text: string, split = 1) => {
    const data = utf8(text);
    const part = new PartCheck({ name, method: 8, crc: zlib.crc32(data), size: data.length, compressedSize: 1 }, zlib.crc32);
    for (let i = 0; i < data.length; i += split) part.push(data.subarray(i, i + split));
    part.end();
  };

  it('finds a DOCTYPE after a BOM, comments and processing instructions, fed a byte at a time', () => {
    expect(() => check('a.xml', '\ufeff<?xml version="1.0"?><!-- <!DOCTYPE in a comment --><?pi x?>\n<!DOCTYPE a><a/>')).toThrow(/DOCTYPE/);
    expect(() => check('a.xml', '<!doctype a><a/>', 3)).toThrow(/DOCTYPE/);
  });

  it('passes XML without a DTD, and a DOCTYPE-like text after the root or in a part that is not XML', () => {
    expect(() => check('a.xml', '<?xml version="1.0"?><!-- <!DOCTYPE x> --><a><!DOCTYPE/></a>')).not.toThrow();
    expect(() => check('a.bin', '<!DOCTYPE a>')).not.toThrow();
  });
});
