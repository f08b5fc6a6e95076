import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { ReportModel } from '../../../src/core/report/model';
import type { WorkbookSettings } from '../../../src/core/settings';
import { XlsxPackage } from '../../../src/workbook/xlsx-package/xlsx-package';

/*
 * The package writer's fixtures (as Script Lab's samples and rust_xlsxwriter's
 * comparison files): test/fixtures/package-writer/<case>/input.json says what
 * to write, <case>/expected/ holds every part of the package it gives, one XML
 * element per line. `npm run fixtures:writer` rewrites expected/ on purpose;
 * review the diff it makes like any other change.
 */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/package-writer');

export interface WriterInput {
  description: string;
  /** Plain sheets of the user's, written first (a pipeline, say). */
  valuesSheets?: { name: string; values: (string | number | null)[][]; dateColumns?: number[] }[];
  /** Report models applied in turn (a second one regenerates the first's tabs). */
  reports: ReportModel[];
  settings?: WorkbookSettings;
}

export function fixtureCases(): string[] {
  return readdirSync(FIXTURES)
    .filter((name) => statSync(path.join(FIXTURES, name)).isDirectory())
    .sort();
}

/** Each part's text as compared: one element per line, so a diff names the element (text, whitespace included, as written). */
export function normalisePart(xml: string): string {
  return `${xml.replace(/\r\n/g, '\n').replace(/></g, '>\n<').trim()}\n`;
}

/** Every part the writer gives for the case's input, by part name, normalised. */
export async function writtenParts(name: string): Promise<Map<string, string>> {
  const input = JSON.parse(readFileSync(path.join(FIXTURES, name, 'input.json'), 'utf8')) as WriterInput;
  const wb = XlsxPackage.create();
  for (const sheet of input.valuesSheets ?? []) wb.addValuesSheet(sheet.name, sheet.values, { dateColumns: sheet.dateColumns });
  for (const model of input.reports) await wb.applyReport(model);
  if (input.settings) await wb.writeSettings(input.settings);
  const entries = unzipSync(wb.toBytes());
  return new Map(
    Object.keys(entries)
      .sort()
      .map((part) => [part, normalisePart(strFromU8(entries[part]!))]),
  );
}

/** The parts the case expects, by part name. */
export function expectedParts(name: string): Map<string, string> {
  const root = path.join(FIXTURES, name, 'expected');
  const parts = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else parts.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8').replace(/\r\n/g, '\n'));
    }
  };
  walk(root);
  return new Map([...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Replaces the case's expected/ folder with what the writer gives now. */
export async function updateExpected(name: string): Promise<number> {
  const root = path.join(FIXTURES, name, 'expected');
  rmSync(root, { recursive: true, force: true });
  const parts = await writtenParts(name);
  for (const [part, text] of parts) {
    const file = path.join(root, ...part.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return parts.size;
}
