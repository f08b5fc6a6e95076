import { NS } from './opc';
import { escapeAttr, escapeText } from './xml-text';
import {
  appendChildSplices,
  applySplices,
  attributeSplice,
  attributeValue,
  childrenNamed,
  firstChild,
  parseXmlTree,
  prefixFor,
  qualify,
  sequenceInsertionPoint,
  type XmlElement,
} from './xml-tree';

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** One `<sheet>` of workbook.xml (ECMA-376 Part 1 §18.2.19). */
export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  state: SheetState;
  /** Position among the workbook's sheets, for edits. */
  index: number;
}

/** CT_Workbook's child sequence (§18.2.27), for placing a missing `bookViews` or `sheets`. */
const WORKBOOK_SEQUENCE = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

function workbookRoot(xml: string): XmlElement {
  const root = parseXmlTree(xml);
  if (root.local !== 'workbook' || !(NS.main as readonly string[]).includes(root.ns))
    throw new Error(`the workbook part's root is <${root.local}> in ${root.ns || 'no namespace'}`);
  return root;
}

function sheetElements(root: XmlElement): XmlElement[] {
  const sheets = firstChild(root, NS.main, 'sheets');
  return sheets ? childrenNamed(sheets, NS.main, 'sheet') : [];
}

/** True when the part is SpreadsheetML with a `<sheets>` list. */
export function hasSheetList(xml: string): boolean {
  return firstChild(workbookRoot(xml), NS.main, 'sheets') !== undefined;
}

/** The namespace of the workbook part's root: Transitional or Strict SpreadsheetML. */
export function workbookNamespace(xml: string): string {
  return workbookRoot(xml).ns;
}

export function sheetEntries(xml: string): SheetEntry[] {
  return sheetElements(workbookRoot(xml)).map((e, index) => {
    const state = attributeValue(e, '', 'state');
    return {
      name: attributeValue(e, '', 'name') ?? '',
      sheetId: Number(attributeValue(e, '', 'sheetId') ?? 0),
      relId: attributeValue(e, NS.relationships, 'id') ?? '',
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      index,
    };
  });
}

/** `workbookPr date1904` (§18.2.28): serial dates count from 1904-01-01. */
export function usesDate1904(xml: string): boolean {
  const pr = firstChild(workbookRoot(xml), NS.main, 'workbookPr');
  const value = pr ? attributeValue(pr, '', 'date1904') : undefined;
  return value === '1' || value === 'true';
}

function firstWorkbookView(root: XmlElement): XmlElement | undefined {
  const views = firstChild(root, NS.main, 'bookViews');
  return views ? firstChild(views, NS.main, 'workbookView') : undefined;
}

/** `activeTab` of the first workbook view (§18.2.30); 0 when absent. */
export function activeTab(xml: string): number {
  const view = firstWorkbookView(workbookRoot(xml));
  return view ? Number(attributeValue(view, '', 'activeTab') ?? 0) || 0 : 0;
}

export function withActiveTab(xml: string, index: number): string {
  const root = workbookRoot(xml);
  const view = firstWorkbookView(root);
  if (view) return applySplices(xml, [attributeSplice(xml, view, 'activeTab', index === 0 ? null : String(index), escapeAttr)]);
  const views = firstChild(root, NS.main, 'bookViews');
  const { prefix, declare } = elementPrefix(root);
  const viewXml = `<${qualify(prefix, 'workbookView')} activeTab="${index}"${declare}/>`;
  if (views) return applySplices(xml, appendChildSplices(xml, views, viewXml));
  const at = sequenceInsertionPoint(root, NS.main, WORKBOOK_SEQUENCE, 'bookViews');
  if (at < 0) return xml;
  return applySplices(xml, [
    {
      start: at,
      end: at,
      text: `<${qualify(prefix, 'bookViews')}${declare}><${qualify(prefix, 'workbookView')} activeTab="${index}"/></${qualify(prefix, 'bookViews')}>`,
    },
  ]);
}

/** The prefix for a new SpreadsheetML element under `root` (the root's own namespace), and a declaration when none is in scope. */
function elementPrefix(at: XmlElement): { prefix: string; declare: string } {
  const ns = at.ns;
  const prefix = prefixFor(at, ns);
  return prefix === null ? { prefix: '', declare: ` xmlns="${ns}"` } : { prefix, declare: '' };
}

/**
 * Appends a `<sheet>` after the last one, in the part's own prefix; `r:id`
 * uses the relationships prefix in scope at `<sheets>`, declared on the new
 * element when there is none (openpyxl declares it on each `<sheet>`).
 */
export function withSheetAppended(xml: string, sheet: { name: string; sheetId: number; relId: string; state: SheetState }): string {
  const root = workbookRoot(xml);
  const sheets = firstChild(root, NS.main, 'sheets');
  if (!sheets) throw new Error('workbook.xml has no <sheets>');
  const { prefix, declare } = elementPrefix(sheets);
  const relNs = root.ns === NS.main[1] ? NS.relationships[1] : NS.relationships[0];
  const relPrefix = prefixFor(sheets, relNs, true);
  const relName = relPrefix ?? 'r';
  const relDeclare = relPrefix === null ? ` xmlns:r="${relNs}"` : '';
  const state = sheet.state === 'visible' ? '' : ` state="${sheet.state}"`;
  const element =
    `<${qualify(prefix, 'sheet')} name="${escapeAttr(sheet.name)}" ` +
    `sheetId="${sheet.sheetId}"${state} ${relName}:id="${escapeAttr(sheet.relId)}"${declare}` +
    `${relDeclare}/>`;
  return applySplices(xml, appendChildSplices(xml, sheets, element));
}

export function withSheetState(xml: string, entry: SheetEntry, state: SheetState): string {
  if (entry.state === state) return xml;
  const element = sheetElements(workbookRoot(xml))[entry.index];
  if (!element) return xml;
  return applySplices(xml, [attributeSplice(xml, element, 'state', state === 'visible' ? null : state, escapeAttr)]);
}

/** A workbook part for a new package (no sheets yet). */
export const EMPTY_WORKBOOK_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<bookViews><workbookView/></bookViews><sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>';

const PRINT_TITLES = '_xlnm.Print_Titles';

/**
 * Sets (or, with null, removes) the print titles of the sheet at `index`:
 * the built-in defined name `_xlnm.Print_Titles` with `localSheetId`
 * (§18.2.5, §18.17.2.4), whose value repeats rows at the top of every
 * page. The sheet's previous print titles are replaced; every other
 * defined name stays as it was.
 */
export function withPrintTitles(xml: string, index: number, sheetName: string, rows: { first: number; last: number } | null): string {
  const root = workbookRoot(xml);
  const names = firstChild(root, NS.main, 'definedNames');
  const splices = (names ? childrenNamed(names, NS.main, 'definedName') : [])
    .filter((e) => attributeValue(e, '', 'name') === PRINT_TITLES && attributeValue(e, '', 'localSheetId') === String(index))
    .map((e) => ({ start: e.start, end: e.end, text: '' }));
  if (rows === null) return splices.length > 0 ? applySplices(xml, splices) : xml;
  const { prefix, declare } = elementPrefix(names ?? root);
  const ref = `'${sheetName.replace(/'/g, "''")}'!$${rows.first + 1}:$${rows.last + 1}`;
  const element =
    `<${qualify(prefix, 'definedName')} name="${PRINT_TITLES}" ` +
    `localSheetId="${index}"${names ? declare : ''}>${escapeText(ref)}</` +
    `${qualify(prefix, 'definedName')}>`;
  if (names) return applySplices(xml, [...splices, ...appendChildSplices(xml, names, element)]);
  const at = sequenceInsertionPoint(root, NS.main, WORKBOOK_SEQUENCE, 'definedNames');
  if (at < 0) return xml;
  return applySplices(xml, [{ start: at, end: at, text: `<${qualify(prefix, 'definedNames')}${declare}>${element}</${qualify(prefix, 'definedNames')}>` }]);
}
