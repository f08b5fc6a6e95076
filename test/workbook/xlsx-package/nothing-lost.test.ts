import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReportModel } from '../../../src/core/report/model';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';
import { fullReportModel } from './report-model';

/**
 * Made with LibreOffice by scripts/make-user-parts-fixture.py: a chart, a pivot table, an image, a comment, a defined name, validation and conditional
 * formats.
 */
const FIXTURE = readFileSync(path.join(__dirname, '../../fixtures/user-parts.xlsx'));

/** The workbook-level parts a report run may change; everything else must come out byte-identical. */
const MAY_CHANGE = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml', 'docProps/app.xml', 'xl/calcChain.xml']);

async function report(bytes: Uint8Array, model: ReportModel): Promise<Uint8Array> {
  const pkg = XlsxPackage.fromBytes(bytes);
  await pkg.applyReport(model);
  await pkg.writeSettings({ version: 1, pipelineSheet: 'Data' });
  return pkg.toBytes();
}

describe('nothing lost: the user parts fixture', () => {
  it('carries what the test needs (a check on the fixture itself)', () => {
    const parts = Object.keys(unzipSync(FIXTURE));
    for (const p of [
      'xl/charts/chart1.xml',
      'xl/pivotTables/pivotTable1.xml',
      'xl/pivotCache/pivotCacheDefinition1.xml',
      'xl/media/image1.png',
      'xl/comments1.xml',
      'xl/drawings/vmlDrawing1.vml',
    ])
      expect(parts).toContain(p);
    const sheet = strFromU8(unzipSync(FIXTURE)['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<dataValidation');
    expect(sheet).toContain('<conditionalFormatting');
  });

  it('keeps every part of the user sheets byte-identical after two runs, and the second run changes nothing', async () => {
    const once = await report(FIXTURE, fullReportModel(5));
    const twice = await report(once, fullReportModel(5));
    expect(Buffer.compare(Buffer.from(once), Buffer.from(twice))).toBe(0);

    const before = unzipSync(FIXTURE);
    const after = unzipSync(twice);
    for (const [name, bytes] of Object.entries(before)) {
      if (MAY_CHANGE.has(name)) continue;
      expect({ name, same: after[name] !== undefined && Buffer.compare(Buffer.from(after[name]), Buffer.from(bytes)) === 0 }).toEqual({ name, same: true });
    }
    expect(after['xl/worksheets/_rels/sheet1.xml.rels']).toBeDefined();
    expect(after['xl/worksheets/_rels/sheet2.xml.rels']).toBeDefined();
    const workbook = strFromU8(after['xl/workbook.xml']!);
    expect(workbook).toMatch(/<definedName[^>]*name="SalesRange"[^>]*>Data!\$A\$1:\$C\$7<\/definedName>/);
    expect(workbook).toContain('<pivotCache cacheId="1"');
    // The user's sheets stay first and in their order; ours follow.
    expect([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'Data',
      'Summary',
      'Report 2024-01',
      'Index',
      '_FunnelReporterSettings',
    ]);
    // The user's sheet is the selected tab: activating the report would open both grouped, so the active tab stays.
    expect(workbook).toContain('activeTab="0"');
  });

  it('reads the LibreOffice-written sheets: shared strings, numbers, formula results', async () => {
    const pkg = XlsxPackage.fromBytes(FIXTURE);
    expect(await pkg.listSheets()).toEqual([
      { name: 'Data', visible: true },
      { name: 'Summary', visible: true },
    ]);
    expect(await pkg.activeSheet()).toBe('Data');
    const data = await pkg.readSheet('Data');
    expect(data.slice(0, 3)).toEqual([
      ['Region', 'Product', 'Amount', null, 'Total'],
      ['North', 'Starter', 250, null, 3500],
      ['South', 'Pro', 900, null, null],
    ]);
    expect(data).toHaveLength(7);
  });

  it('opens in ExcelJS with the user values and the report', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await report(FIXTURE, fullReportModel())) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Data')!.getCell('C3').value).toBe(900);
    expect(wb.getWorksheet('Report 2024-01')!.getCell('A5').value).toBe('Stage 1');
  });

  it('replacing a sheet drops its old tables, drawing and charts and leaves no orphans', async () => {
    const big = await report(FIXTURE, fullReportModel(5));
    // The same tab regenerated without its charts and with one table less.
    const smaller = fullReportModel(5);
    smaller.sheets[0]!.blocks = smaller.sheets[0]!.blocks.filter((b) => b.kind !== 'chart' && b.kind !== 'table');
    const out = unzipSync(await report(big, smaller));
    const names = Object.keys(out);
    expect(names.filter((n) => n.startsWith('xl/charts/'))).toEqual(['xl/charts/chart1.xml']);
    expect(names.filter((n) => n.startsWith('xl/drawings/drawing'))).toEqual(['xl/drawings/drawing1.xml']);
    expect(names.filter((n) => n.startsWith('xl/tables/'))).toEqual(['xl/tables/table1.xml']);
    const types = strFromU8(out['[Content_Types].xml']!);
    expect(types).not.toContain('/xl/charts/chart2.xml');
    expect(types).not.toContain('/xl/tables/table2.xml');
    // Every internal relationship still points at a part that exists.
    for (const [name, bytes] of Object.entries(out)) {
      if (!name.endsWith('.rels')) continue;
      const base = name.replace(/_rels\/([^/]*)\.rels$/, '$1');
      for (const m of strFromU8(bytes).matchAll(/<Relationship [^>]*Target="([^"]+)"(?![^>]*External)/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(base), m[1]!)).replace(/^\//, '');
        expect({ name, target, exists: target in out || m[1]!.startsWith('/') }).toEqual({ name, target, exists: true });
      }
    }
  });

  it('removes calcChain with its relationship and content type', async () => {
    const parts = unzipSync(FIXTURE);
    parts['xl/calcChain.xml'] = strToU8(
      '<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="E2" i="1"/></calcChain>',
    );
    parts['xl/_rels/workbook.xml.rels'] = strToU8(
      strFromU8(parts['xl/_rels/workbook.xml.rels']!).replace(
        '</Relationships>',
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"' +
          ' Target="calcChain.xml"/></Relationships>',
      ),
    );
    parts['[Content_Types].xml'] = strToU8(
      strFromU8(parts['[Content_Types].xml']!).replace(
        '</Types>',
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    );
    const out = unzipSync(await report(zipSync(parts), fullReportModel()));
    expect(out['xl/calcChain.xml']).toBeUndefined();
    expect(strFromU8(out['xl/_rels/workbook.xml.rels']!)).not.toContain('calcChain');
    expect(strFromU8(out['[Content_Types].xml']!)).not.toContain('calcChain');
  });

  it('appends styles without moving the ones the user cells use', async () => {
    const before = strFromU8(unzipSync(FIXTURE)['xl/styles.xml']!);
    const after = strFromU8(unzipSync(await report(FIXTURE, fullReportModel()))['xl/styles.xml']!);
    const list = (xml: string, container: string, item: string) =>
      [
        ...(new RegExp(`<${container}\\b[^>]*>([\\s\\S]*?)</${container}>`).exec(xml)?.[1] ?? '').matchAll(
          new RegExp(`<${item}(?=[\\s/>])(?:[^>]*/>|[\\s\\S]*?</${item}>)`, 'g'),
        ),
      ].map((m) => m[0]);
    for (const [container, item] of [
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['cellXfs', 'xf'],
      ['numFmts', 'numFmt'],
    ] as const) {
      const old = list(before, container, item);
      const now = list(after, container, item);
      expect(now.slice(0, old.length)).toEqual(old);
    }
    expect(list(after, 'cellXfs', 'xf').length).toBeGreaterThan(list(before, 'cellXfs', 'xf').length);
  });
});
