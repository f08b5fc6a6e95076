import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import { ZipArchive, writeZip } from '../../../src/workbook/xlsx-package/zip-archive';

describe('ZipArchive and writeZip', () => {
  it('reads every entry, whole or streamed, as fflate wrote it (stored and deflated)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?\.xml$/), fc.string({ maxLength: 3000 }), { minKeys: 1, maxKeys: 6 }),
        fc.boolean(),
        (files, store) => {
          const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [strToU8(v), { level: store ? 0 : 6 }]])));
          const archive = new ZipArchive(zip);
          expect(archive.names().sort()).toEqual(Object.keys(files).sort());
          for (const [name, text] of Object.entries(files)) {
            expect(Buffer.from(archive.read(name)).toString()).toBe(text);
            const chunks: Uint8Array[] = [];
            archive.stream(name, (c) => void chunks.push(c.slice()));
            expect(Buffer.concat(chunks).toString()).toBe(text);
          }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('copies entries still compressed and adds new ones, in a deterministic archive fflate can read', () => {
    const big = 'row '.repeat(200_000);
    const source = new ZipArchive(zipSync({ 'a.xml': strToU8('<a/>'), 'big.xml': strToU8(big) }));
    const write = () =>
      writeZip([
        { name: 'a.xml', copyFrom: source },
        { name: 'new.xml', data: strToU8('<new/>') },
        { name: 'big.xml', copyFrom: source },
      ]);
    const out = write();
    expect(Buffer.compare(Buffer.from(out), Buffer.from(write()))).toBe(0);
    const back = unzipSync(out);
    expect(Object.keys(back)).toEqual(['a.xml', 'new.xml', 'big.xml']);
    expect(Buffer.from(back['big.xml']!).toString()).toBe(big);
    expect(Buffer.from(back['new.xml']!).toString()).toBe('<new/>');
  });

  it('stops inflating when the reader has what it needs', () => {
    // Random base64 text: about 6 MB compressed, so several 1 MB slices to inflate.
    const archive = new ZipArchive(zipSync({ 'big.xml': strToU8(randomBytes(6_000_000).toString('base64')) }));
    let seen = 0;
    archive.stream('big.xml', (c) => {
      seen += c.length;
      return false;
    });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(4_000_000);
  });
});
