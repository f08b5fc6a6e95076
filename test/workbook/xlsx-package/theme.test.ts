import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';
import { fullReportModel } from './report-model';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['Relationship', 'Override'].includes(name),
});

async function created(): Promise<Record<string, Uint8Array>> {
  const pkg = XlsxPackage.create();
  await pkg.applyReport(fullReportModel(3));
  return unzipSync(pkg.toBytes());
}

describe('the theme part (SPEC §7: charts render in hosts that resolve colours through the theme)', () => {
  it('is in every workbook the tool creates: typed, related from the workbook, and a complete theme', async () => {
    const parts = await created();
    const xml = strFromU8(parts['xl/theme/theme1.xml']!);
    expect(XMLValidator.validate(xml)).toBe(true);
    const types = parser.parse(strFromU8(parts['[Content_Types].xml']!)).Types.Override as Node[];
    expect(types).toContainEqual({ '@PartName': '/xl/theme/theme1.xml', '@ContentType': 'application/vnd.openxmlformats-officedocument.theme+xml' });
    const rels = parser.parse(strFromU8(parts['xl/_rels/workbook.xml.rels']!)).Relationships.Relationship as Node[];
    const theme = rels.filter((r) => r['@Type'] === 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme');
    expect(theme.map((r) => r['@Target'])).toEqual(['theme/theme1.xml']);
    // Relationship ids stay unique with the sheets added after it.
    expect(new Set(rels.map((r) => r['@Id'])).size).toBe(rels.length);

    const elements = (parser.parse(xml) as Node & { theme: { themeElements: Node } }).theme.themeElements;
    // The twelve scheme colours in the schema's order (CT_ColorScheme), then fonts and the format scheme with three of each list.
    expect(Object.keys(elements.clrScheme as Node).filter((k) => !k.startsWith('@'))).toEqual([
      'dk1',
      'lt1',
      'dk2',
      'lt2',
      'accent1',
      'accent2',
      'accent3',
      'accent4',
      'accent5',
      'accent6',
      'hlink',
      'folHlink',
    ]);
    expect(elements.fontScheme).toHaveProperty(['minorFont', 'latin', '@typeface'], 'Calibri');
    const fmt = elements.fmtScheme as Record<string, Record<string, unknown[]>>;
    expect(fmt.fillStyleLst!.solidFill).toHaveLength(3);
    expect(fmt.lnStyleLst!.ln).toHaveLength(3);
    expect(fmt.effectStyleLst!.effectStyle).toHaveLength(3);
    expect(fmt.bgFillStyleLst!.solidFill).toHaveLength(3);
  });

  it('is never added to a workbook the tool did not create', async () => {
    // A created workbook with its theme taken out stands for a user's file without one.
    const parts = await created();
    delete parts['xl/theme/theme1.xml'];
    parts['[Content_Types].xml'] = strToU8(strFromU8(parts['[Content_Types].xml']!).replace(/<Override PartName="\/xl\/theme\/theme1\.xml"[^>]*\/>/, ''));
    parts['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(parts['xl/_rels/workbook.xml.rels']!).replace(/<Relationship [^>]*theme1\.xml"\/>/, ''));
    expect(strFromU8(parts['xl/_rels/workbook.xml.rels'])).not.toContain('theme');
    const pkg = XlsxPackage.fromBytes(zipSync(parts));
    await pkg.applyReport(fullReportModel(4));
    const after = unzipSync(pkg.toBytes());
    expect(Object.keys(after).filter((p) => p.includes('theme'))).toEqual([]);
    expect(strFromU8(after['[Content_Types].xml']!)).not.toContain('theme');
  });
});
