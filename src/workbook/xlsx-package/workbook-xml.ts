import { attributesOf, escapeAttr, tagsNamed, withAttribute } from './xml-text';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** One `<sheet>` of workbook.xml (ECMA-376 Part 1 §18.2.19). */
export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: SheetState;
  /** The start tag as written, for edits. */
  tag: string;
}

export function sheetEntries(xml: string): SheetEntry[] {
  return tagsNamed(xml, 'sheet').map(({ tag }) => {
    const a = attributesOf(tag);
    const state = a.get('state');
    return {
      name: a.get('name') ?? '',
      sheetId: Number(a.get('sheetId') ?? 0),
      relId: a.get('r:id') ?? a.get('id') ?? '',
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      tag,
    };
  });
}

/** `activeTab` of the first workbook view (§18.2.30); 0 when absent. */
export function activeTab(xml: string): number {
  const view = tagsNamed(xml, 'workbookView')[0];
  return view ? Number(attributesOf(view.tag).get('activeTab') ?? 0) || 0 : 0;
}

export function withActiveTab(xml: string, index: number): string {
  const view = tagsNamed(xml, 'workbookView')[0];
  if (view) return replaceAt(xml, view.index, view.tag, withAttribute(view.tag, 'activeTab', index === 0 ? null : String(index)));
  const sheets = /<(?:[\w.-]+:)?sheets\b/.exec(xml);
  if (!sheets) return xml;
  const prefix = prefixOf(sheets[0]);
  return `${xml.slice(0, sheets.index)}<${prefix}bookViews><${prefix}workbookView activeTab="${index}"/></${prefix}bookViews>${xml.slice(sheets.index)}`;
}

/** Appends a `<sheet>` after the last one, with the prefixes the part already uses. */
export function withSheetAppended(xml: string, sheet: { name: string; sheetId: number; relId: string; state: SheetState }): string {
  const sheets = /<((?:[\w.-]+:)?)sheets\b[^>]*?(\/?)>/.exec(xml);
  if (!sheets) throw new Error('workbook.xml has no <sheets>');
  const prefix = sheets[1]!;
  const relPrefix = /xmlns:([\w.-]+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(xml)?.[1] ?? 'r';
  const state = sheet.state === 'visible' ? '' : ` state="${sheet.state}"`;
  const element = `<${prefix}sheet name="${escapeAttr(sheet.name)}" sheetId="${sheet.sheetId}"${state} ${relPrefix}:id="${escapeAttr(sheet.relId)}"/>`;
  if (sheets[2] === '/') return replaceAt(xml, sheets.index, sheets[0], `${sheets[0].slice(0, -2)}>${element}</${prefix}sheets>`);
  const close = xml.indexOf(`</${prefix}sheets>`, sheets.index);
  const withNs = relPrefix === 'r' && !/xmlns:r=/.test(xml) ? addRelationshipNamespace(xml) : xml;
  const offset = withNs.length - xml.length;
  return `${withNs.slice(0, close + offset)}${element}${withNs.slice(close + offset)}`;
}

export function withSheetState(xml: string, entry: SheetEntry, state: SheetState): string {
  if (entry.state === state) return xml;
  const index = xml.indexOf(entry.tag);
  return replaceAt(xml, index, entry.tag, withAttribute(entry.tag, 'state', state === 'visible' ? null : state));
}

function addRelationshipNamespace(xml: string): string {
  return xml.replace(/<((?:[\w.-]+:)?)workbook\b/, (m) => `${m} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`);
}

function prefixOf(tag: string): string {
  const m = /^<([\w.-]+:)/.exec(tag);
  return m ? m[1]! : '';
}

function replaceAt(xml: string, index: number, old: string, replacement: string): string {
  return `${xml.slice(0, index)}${replacement}${xml.slice(index + old.length)}`;
}

/** A workbook part for a new package (no sheets yet). */
export const EMPTY_WORKBOOK_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<bookViews><workbookView/></bookViews><sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>';
