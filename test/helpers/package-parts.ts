import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/** A written .xlsx read at the part level: workbook.xml and each sheet's XML by sheet name, parsed by a general XML parser. */
export interface PackageParts {
  text(part: string): string;
  workbook: Record<string, unknown>;
  sheetXml(name: string): string;
  sheetNames(): string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => ['sheet', 'definedName', 'Relationship', 'brk', 'row', 'c'].includes(name),
});

export function parseXml(xml: string): Record<string, unknown> {
  return parser.parse(xml) as Record<string, unknown>;
}

export function readPackage(file: string): PackageParts {
  const entries = unzipSync(new Uint8Array(readFileSync(file)));
  const text = (part: string) => {
    const bytes = entries[part];
    if (!bytes) throw new Error(`no part ${part}`);
    return strFromU8(bytes);
  };
  const workbook = parseXml(text('xl/workbook.xml'));
  const sheets = ((workbook.workbook as Record<string, Record<string, unknown>>).sheets!.sheet as Record<string, string>[]) ?? [];
  const rels = (parseXml(text('xl/_rels/workbook.xml.rels')).Relationships as Record<string, Record<string, string>[]>).Relationship!;
  return {
    text,
    workbook,
    sheetNames: () => sheets.map((s) => s['@name']!),
    sheetXml: (name) => {
      const sheet = sheets.find((s) => s['@name'] === name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rel = rels.find((r) => r['@Id'] === sheet['@id']);
      return text(`xl/${rel!['@Target']!.replace(/^\/?xl\//, '')}`);
    },
  };
}
