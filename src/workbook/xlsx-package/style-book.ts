import { type NumberFormat, numberFormatCode, type TextStyle } from '../../core/report/model';
import { TEXT_LOOKS, type TextLook } from '../text-styles';
import { NS } from './opc';
import { escapeAttr } from './xml-text';
import {
  appendChildSplices,
  applySplices,
  attributeValue,
  childrenNamed,
  firstChild,
  parseXmlTree,
  qualify,
  sequenceInsertionPoint,
  type XmlElement,
  type XmlSplice,
} from './xml-tree';

/**
 * The styles part (ECMA-376 Part 1 §18.8), edited by appending only: the
 * number formats, fonts, fills, cell formats (cellXfs) and differential
 * formats (dxfs) the report needs go at the end of their lists, so every
 * index the user's cells already use keeps its meaning. An entry equal, as
 * written, to one already there is reused, so a second run appends nothing
 * and the part comes out byte-identical.
 */
export class StyleBook {
  private xml: string;
  private tree: XmlElement | null = null;
  private changed = false;
  private readonly cellStyles = new Map<string, number>();
  /** The format code of `currency` cells on the sheet being laid out (SheetModel.currencyFormat). */
  currencyFormat: string | undefined;

  constructor(xml: string) {
    this.xml = xml;
    const root = this.root();
    if (root.local !== 'styleSheet' || !(NS.main as readonly string[]).includes(root.ns)) throw new Error(`the styles part's root is <${root.local}>`);
  }

  /** The styles part as it now is, and whether anything was appended. */
  result(): { xml: string; changed: boolean } {
    return { xml: this.xml, changed: this.changed };
  }

  /** The cellXfs index (`s`) for a number format and a text look; 0 when both are the defaults. */
  cellStyle(format: NumberFormat | undefined, look: TextStyle | undefined): number {
    const key = `${format ?? ''}|${look ?? ''}|${format === 'currency' ? (this.currencyFormat ?? '') : ''}`;
    const cached = this.cellStyles.get(key);
    if (cached !== undefined) return cached;
    const numFmtId = format ? this.numFmtId(numberFormatCode(format, this)) : 0;
    const textLook = look ? TEXT_LOOKS[look] : undefined;
    const fontId = textLook && (textLook.bold || textLook.italic || textLook.size || textLook.color) ? this.fontId(textLook) : 0;
    const fillId = textLook?.fill ? this.fillId(textLook.fill) : 0;
    let s = 0;
    if (numFmtId !== 0 || fontId !== 0 || fillId !== 0) {
      const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}`;
      s = this.findOrAppend('cellXfs', 'xf', `<${this.q('xf')} numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}/>`);
    }
    this.cellStyles.set(key, s);
    return s;
  }

  /** A differential format (conditional formats) showing a text look. */
  dxf(look: TextStyle): number {
    const l = TEXT_LOOKS[look];
    const q = (name: string) => this.q(name);
    const font =
      l.bold || l.italic || l.color
        ? `<${q('font')}>${l.bold ? `<${q('b')}/>` : ''}${l.italic ? `<${q('i')}/>` : ''}${l.color ? `<${q('color')} rgb="FF${l.color}"/>` : ''}</${q('font')}>`
        : '';
    const fill = l.fill
      ? `<${q('fill')}><${q('patternFill')} patternType="solid"><${q('bgColor')} rgb="FF${l.fill}"/></${q('patternFill')}></${q('fill')}>`
      : '';
    return this.findOrAppend('dxfs', 'dxf', `<${q('dxf')}>${font}${fill}</${q('dxf')}>`);
  }

  /** Built-in format ids (§18.8.30) are used as they are; others are custom formats from 164 up. */
  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let max = 163;
    for (const e of this.entries('numFmts', 'numFmt')) {
      const id = Number(attributeValue(e, '', 'numFmtId'));
      if (attributeValue(e, '', 'formatCode') === code) return id;
      if (id > max) max = id;
    }
    const id = max + 1;
    this.appendChild('numFmts', `<${this.q('numFmt')} numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** A font like the workbook's default font (name, family, scheme) with the look's weight, slant, size and colour. */
  private fontId(look: TextLook): number {
    const base = this.entries('fonts', 'font')[0];
    const keep = (name: string) => {
      if (!base) return name === 'sz' ? `<${this.q('sz')} val="11"/>` : name === 'name' ? `<${this.q('name')} val="Calibri"/>` : '';
      const child = firstChild(base, this.root().ns, name);
      return child ? this.xml.slice(child.start, child.end) : '';
    };
    const size = look.size ? `<${this.q('sz')} val="${look.size}"/>` : keep('sz');
    const color = look.color ? `<${this.q('color')} rgb="FF${look.color}"/>` : keep('color');
    const bold = look.bold ? `<${this.q('b')}/>` : '';
    const italic = look.italic ? `<${this.q('i')}/>` : '';
    const font = `<${this.q('font')}>${bold}${italic}${size}${color}${keep('name')}${keep('family')}${keep('charset')}${keep('scheme')}</${this.q('font')}>`;
    return this.findOrAppend('fonts', 'font', font);
  }

  private fillId(rgb: string): number {
    const q = (name: string) => this.q(name);
    return this.findOrAppend(
      'fills',
      'fill',
      `<${q('fill')}><${q('patternFill')} patternType="solid"><${q('fgColor')} rgb="FF${rgb}"/>` +
        `<${q('bgColor')} indexed="64"/></${q('patternFill')}></${q('fill')}>`,
    );
  }

  /** Index of `child` among the container's entries, appending it when no equal entry exists. */
  private findOrAppend(container: string, name: string, child: string): number {
    const existing = this.entries(container, name).map((e) => this.xml.slice(e.start, e.end));
    const found = existing.indexOf(child);
    if (found >= 0) return found;
    this.appendChild(container, child);
    return existing.length;
  }

  private root(): XmlElement {
    this.tree ??= parseXmlTree(this.xml);
    return this.tree;
  }

  /** A SpreadsheetML name in the part's own prefix (`x:xf` in an Open XML SDK part). */
  private q(local: string): string {
    return qualify(this.root().prefix, local);
  }

  private container(name: string): XmlElement | undefined {
    return firstChild(this.root(), this.root().ns, name);
  }

  /** The container's direct entries (never those inside an `mc:AlternateContent` or `extLst`). */
  private entries(container: string, name: string): XmlElement[] {
    const c = this.container(container);
    return c ? childrenNamed(c, this.root().ns, name) : [];
  }

  private edit(splices: XmlSplice[]): void {
    this.xml = applySplices(this.xml, splices);
    this.tree = null;
    this.changed = true;
  }

  private appendChild(container: string, child: string): void {
    if (!this.container(container)) this.insertContainer(container);
    const c = this.container(container)!;
    const name = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(child)![1]!;
    const count = childrenNamed(c, this.root().ns, name).length + 1;
    // The count goes in the start tag, the child before the end tag: two splices that do not overlap unless the container is empty (`<dxfs count="0"/>`).
    if (c.selfClosing) {
      const tag = applySplices(this.xml.slice(c.start, c.startTagEnd), [countSplice(this.xml.slice(c.start, c.startTagEnd), count)]);
      this.edit([{ start: c.start, end: c.startTagEnd, text: `${tag.replace(/\s*\/>$/, '>')}${child}</${qualify(c.prefix, c.local)}>` }]);
    } else {
      const tag = this.xml.slice(c.start, c.startTagEnd);
      const s = countSplice(tag, count);
      this.edit([{ start: c.start + s.start, end: c.start + s.end, text: s.text }, ...appendChildSplices(this.xml, c, child)]);
    }
  }

  /** Adds a missing list where the schema's sequence (§18.8.39 CT_Stylesheet) wants it. */
  private insertContainer(container: string): void {
    const root = this.root();
    let at = sequenceInsertionPoint(root, root.ns, SEQUENCE, container);
    const element = `<${this.q(container)} count="0"></${this.q(container)}>`;
    if (at < 0) {
      // `<styleSheet/>`: open it.
      this.edit(appendChildSplices(this.xml, root, element));
      return;
    }
    if (at === root.startTagEnd && root.children.length === 0) at = root.contentEnd;
    this.edit([{ start: at, end: at, text: element }]);
  }
}

/** The splice (relative to the tag) that sets `count` in a container's start tag. */
function countSplice(tag: string, count: number): XmlSplice {
  const m = /\scount\s*=\s*(?:"[^"]*"|'[^']*')/.exec(tag);
  if (m) return { start: m.index, end: m.index + m[0].length, text: ` count="${count}"` };
  const at = /^<[^\s/>]+/.exec(tag)![0].length;
  return { start: at, end: at, text: ` count="${count}"` };
}

const SEQUENCE = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** The built-in number formats the report uses (§18.8.30). */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

/**
 * A styles part for a new workbook (which has no theme part, so nothing refers to theme colours or fonts): one font, the two fills Excel requires, one
 * border, the default formats.
 */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '</styleSheet>';

/** Built-in number formats that show dates or times (§18.8.30, with the East Asian ids 27–36 and 50–58). */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a format code shows a date or time: a d, m, y, h or s outside quotes, escapes and `[colour]` sections. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/_.|\*./g, '');
  // Only the first section (positive numbers) matters for a serial date.
  return /[dmyhs]/i.test(bare.split(';')[0] ?? '') && !/^general$/i.test(bare.trim());
}

/** For each cell format (cellXfs index), whether it shows a date: the cells whose serials the 1904 system shifts. */
export function dateStyles(stylesXml: string): boolean[] {
  const root = parseXmlTree(stylesXml);
  const ns = root.ns;
  const custom = new Map<number, boolean>();
  const numFmts = firstChild(root, ns, 'numFmts');
  for (const f of numFmts ? childrenNamed(numFmts, ns, 'numFmt') : [])
    custom.set(Number(attributeValue(f, '', 'numFmtId')), isDateFormatCode(attributeValue(f, '', 'formatCode') ?? ''));
  const cellXfs = firstChild(root, ns, 'cellXfs');
  return (cellXfs ? childrenNamed(cellXfs, ns, 'xf') : []).map((xf) => {
    const id = Number(attributeValue(xf, '', 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILT_IN_DATE_IDS.has(id);
  });
}
