import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { SheetModel } from '../../../src/core/report/model';
import type { CellValue } from '../../../src/core/util/cell';
import { nodeZipCodec } from '../../../src/workbook/node-file/node-zip-codec';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';
import { concatChunks, deflatedEntry, ZipArchive, zipChunks, type ZipWriteEntry } from '../../../src/workbook/xlsx-package/zip-archive';
import type { ZipCodec } from '../../../src/workbook/xlsx-package/zip-codec';

/**
 * A sheet at Excel's row limit is read and written streaming: memory does
 * not grow with the rows beyond what the caller keeps (here: counts) and
 * the compressed part. Measured as live heap after a forced collection,
 * sampled while the rows go by, so a reader or writer that held the sheet
 * (as values, as XML text) would be caught; the controls show the probe
 * does see a sheet that is held. No timing is asserted.
 */
jest.setTimeout(120_000);

const EXCEL_ROWS = 1_048_576;
const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Live JavaScript heap (strings, arrays, objects) after a full collection: exact at any moment. */
function liveHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Array buffers (where encoded XML and compressed bytes live) once settled:
 * V8 frees their memory on a background thread after a collection, so they
 * are read after a turn of the event loop and a second collection.
 */
async function settledArrayBuffers(): Promise<number> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().arrayBuffers;
}

/** Peak live-heap growth seen by the samples taken while the rows go by, and array-buffer growth once done. */
class HeapProbe {
  private readonly baseline = liveHeap();
  private buffersBaseline = 0;
  peak = 0;

  static async start(): Promise<HeapProbe> {
    const buffers = await settledArrayBuffers();
    const probe = new HeapProbe();
    probe.buffersBaseline = buffers;
    return probe;
  }

  sample(): void {
    this.peak = Math.max(this.peak, liveHeap() - this.baseline);
  }

  /** Array-buffer memory still held after the operation, over the start. */
  async buffersHeld(): Promise<number> {
    return (await settledArrayBuffers()) - this.buffersBaseline;
  }
}

/** A sheet of `rows` rows (a header, then one per deal): id as inline text, account as a shared string, amount. */
function* sheetXml(rows: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  let text =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Deal ID</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row>';
  for (let r = 2; r <= rows; r++) {
    text +=
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>D${r}</t></is></c><c r="B${r}" t="s">` +
      `<v>${1 + (r % 3)}</v></c><c r="C${r}"><v>${r % 1000}.5</v></c></row>`;
    if (text.length > 1 << 20) {
      yield encoder.encode(text);
      text = '';
    }
  }
  yield encoder.encode(`${text}</sheetData></worksheet>`);
}

const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook whose `Pipeline` sheet is `rows` rows, compressed as it is generated: its XML is never whole. */
function millionRowPackage(rows: number): Uint8Array {
  const encoder = new TextEncoder();
  const small: Record<string, string> = {
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ` +
      `ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override ` +
      `PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ` +
      `ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
    '_rels/.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"` +
      `><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
      `xmlns:r="${REL}"><sheets><sheet name="Pipeline" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship ` +
      `Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/sharedStrings.xml':
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>' +
      '<t>Account</t></si><si><t>Acme</t></si><si><t>Globex</t></si><si><t>Initech</t></si></sst>',
  };
  const entries: ZipWriteEntry[] = Object.entries(small).map(([name, text]) => deflatedEntry(name, encoder.encode(text), nodeZipCodec));
  const deflater = nodeZipCodec.deflater(1);
  for (const chunk of sheetXml(rows)) deflater.push(chunk);
  const sheet = deflater.end();
  entries.push({ name: 'xl/worksheets/sheet1.xml', method: 8, crc: sheet.crc, size: sheet.size, compressedSize: sheet.compressedSize, data: sheet.chunks });
  return concatChunks([...zipChunks(entries)]);
}

describe('a sheet at Excel’s row limit (1,048,576 rows)', () => {
  let bytes: Uint8Array;
  beforeAll(() => {
    bytes = millionRowPackage(EXCEL_ROWS);
  });

  it('is read row by row: the reader keeps nothing, live heap stays flat while a million rows go by', async () => {
    const pkg = XlsxPackage.fromBytes(bytes, { codec: nodeZipCodec });
    const probe = await HeapProbe.start();
    let count = 0;
    let amountSum = 0;
    let first: CellValue[] = [];
    let last: CellValue[] = [];
    let lastIndex = -1;
    await pkg.readSheetRows('Pipeline', (row, index) => {
      count++;
      if (index === 0) first = row;
      if (index > 0) amountSum += row[2] as number;
      last = row;
      lastIndex = index;
      if (index % 262_144 === 0) probe.sample();
    });
    probe.sample();
    expect(count).toBe(EXCEL_ROWS);
    expect(first).toEqual(['Deal ID', 'Account', 'Amount']);
    expect(lastIndex).toBe(EXCEL_ROWS - 1);
    expect(last).toEqual([`D${EXCEL_ROWS}`, ['Acme', 'Globex', 'Initech'][EXCEL_ROWS % 3], (EXCEL_ROWS % 1000) + 0.5]);
    expect(amountSum).toBeGreaterThan(0);
    // One row and the strings of the chunk being scanned: well under 32 MB whatever the row count; no inflated XML kept.
    expect(probe.peak).toBeLessThan(32 * MB);
    expect(await probe.buffersHeld()).toBeLessThan(8 * MB);
  });

  it('control: the same probe sees a reader that holds the sheet (readSheet materialises a quarter of it)', async () => {
    const quarter = XlsxPackage.fromBytes(millionRowPackage(EXCEL_ROWS / 4), { codec: nodeZipCodec });
    const probe = await HeapProbe.start();
    const values = await quarter.readSheet('Pipeline');
    probe.sample();
    expect(values).toHaveLength(EXCEL_ROWS / 4);
    expect(probe.peak).toBeGreaterThan(32 * MB);
  });

  it('is written as it is generated: XML goes to the deflater in blocks of about 1 MB and only the compressed part stays', async () => {
    // The model itself (the caller's rows) is allocated before the probe starts.
    const rows: (string | number)[][] = Array.from({ length: EXCEL_ROWS - 1 }, (_, i) => [`D-${i + 2}`, i % 1000]);
    const model: SheetModel = {
      name: 'Funnel Data',
      role: 'data',
      blocks: [
        {
          kind: 'table',
          name: 'FunnelData',
          row: 0,
          col: 0,
          style: 'TableStyleLight9',
          columns: [{ header: 'Id' }, { header: 'Amount', format: 'integer' }],
          rows,
        },
      ],
    };
    let probe: HeapProbe | null = null;
    let pushes = 0;
    let biggest = 0;
    let inflated = 0;
    const watching: ZipCodec = {
      ...nodeZipCodec,
      deflater(level) {
        const inner = nodeZipCodec.deflater(level);
        return {
          push(chunk) {
            pushes++;
            biggest = Math.max(biggest, chunk.length);
            inflated += chunk.length;
            // A full collection walks the caller's million-row model: a few samples suffice.
            if (pushes % 32 === 0) probe?.sample();
            inner.push(chunk);
          },
          end: () => inner.end(),
        };
      },
    };
    const pkg = XlsxPackage.create({ codec: watching });
    probe = await HeapProbe.start();
    await pkg.applyReport({ sheets: [model] });
    probe.sample();
    // About 60 MB of XML went by in pieces no bigger than ~2 MB (a block plus one row); what is live is the compressed part.
    expect(inflated).toBeGreaterThan(40 * MB);
    expect(biggest).toBeLessThan(3 * MB);
    expect(pushes).toBeGreaterThan(20);
    expect(probe.peak).toBeLessThan(32 * MB);
    // The compressed part (about 16 MB here, a seventh of the XML) is what the package keeps.
    expect(await probe.buffersHeld()).toBeLessThan(32 * MB);

    // The part is whole and valid: inflated back, it holds every row, the last one last.
    const archive = new ZipArchive(pkg.toBytes(), nodeZipCodec);
    let rowTags = 0;
    let tail = '';
    let carry = Buffer.alloc(0);
    const marker = Buffer.from('<row ');
    await archive.streamAsync('xl/worksheets/sheet1.xml', (chunk) => {
      // The last bytes of the chunk before, so a tag split between two chunks is counted once.
      const b = Buffer.concat([carry, chunk]);
      for (let at = b.indexOf(marker); at >= 0; at = b.indexOf(marker, at + 1)) rowTags++;
      carry = b.subarray(b.length - (marker.length - 1));
      tail = (tail + b.subarray(b.length - 400).toString('latin1')).slice(-400);
    });
    expect(rowTags).toBe(EXCEL_ROWS);
    expect(tail).toContain(`<row r="${EXCEL_ROWS}"><c r="A${EXCEL_ROWS}" t="inlineStr"><is><t>D-${EXCEL_ROWS}</t></is></c>`);
    expect(tail).toMatch(/<\/sheetData>.*<\/worksheet>$/);
  });

  it('control: the same probe sees a part held whole (the XML of a quarter of the rows as one string)', async () => {
    const probe = await HeapProbe.start();
    let xml = '';
    for (const chunk of sheetXml(EXCEL_ROWS / 4)) xml += new TextDecoder().decode(chunk);
    probe.sample();
    expect(xml.length).toBeGreaterThan(16 * MB);
    expect(probe.peak).toBeGreaterThan(16 * MB);
  });
});
