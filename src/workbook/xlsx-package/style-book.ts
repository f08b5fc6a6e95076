import { NUMBER_FORMAT_CODES, type NumberFormat, type TextStyle } from '../../core/report/model';
import { TEXT_LOOKS, type TextLook } from '../text-styles';
import { attributesOf, escapeAttr } from './xml-text';

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
  private changed = false;
  private readonly cellStyles = new Map<string, number>();

  constructor(xml: string) {
    this.xml = xml;
  }

  /** The styles part as it now is, and whether anything was appended. */
  result(): { xml: string; changed: boolean } {
    return { xml: this.xml, changed: this.changed };
  }

  /** The cellXfs index (`s`) for a number format and a text look; 0 when both are the defaults. */
  cellStyle(format: NumberFormat | undefined, look: TextStyle | undefined): number {
    const key = `${format ?? ''}|${look ?? ''}`;
    const cached = this.cellStyles.get(key);
    if (cached !== undefined) return cached;
    const numFmtId = format ? this.numFmtId(NUMBER_FORMAT_CODES[format]) : 0;
    const textLook = look ? TEXT_LOOKS[look] : undefined;
    const fontId = textLook && (textLook.bold || textLook.italic || textLook.size || textLook.color) ? this.fontId(textLook) : 0;
    const fillId = textLook?.fill ? this.fillId(textLook.fill) : 0;
    let s = 0;
    if (numFmtId !== 0 || fontId !== 0 || fillId !== 0) {
      const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}`;
      s = this.findOrAppend('cellXfs', 'xf', `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}/>`);
    }
    this.cellStyles.set(key, s);
    return s;
  }

  /** A differential format (conditional formats) showing a text look. */
  dxf(look: TextStyle): number {
    const l = TEXT_LOOKS[look];
    const font = l.bold || l.italic || l.color ? `<font>${l.bold ? '<b/>' : ''}${l.italic ? '<i/>' : ''}${l.color ? `<color rgb="FF${l.color}"/>` : ''}</font>` : '';
    const fill = l.fill ? `<fill><patternFill patternType="solid"><bgColor rgb="FF${l.fill}"/></patternFill></fill>` : '';
    return this.findOrAppend('dxfs', 'dxf', `<dxf>${font}${fill}</dxf>`);
  }

  /** Built-in format ids (§18.8.30) are used as they are; others are custom formats from 164 up. */
  private numFmtId(code: string): number {
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let max = 163;
    for (const m of this.xml.matchAll(/<numFmt\b[^>]*>/g)) {
      const a = attributesOf(m[0]);
      const id = Number(a.get('numFmtId'));
      if (a.get('formatCode') === code) return id;
      if (id > max) max = id;
    }
    const id = max + 1;
    this.appendChild('numFmts', `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** A font like the workbook's default font (name, family, scheme) with the look's weight, slant, size and colour. */
  private fontId(look: TextLook): number {
    const base = this.children('fonts', 'font')[0] ?? '<font><sz val="11"/><name val="Calibri"/></font>';
    const keep = (name: string) => base.match(new RegExp(`<${name}\\b[^>]*/>`))?.[0] ?? '';
    const size = look.size ? `<sz val="${look.size}"/>` : keep('sz');
    const color = look.color ? `<color rgb="FF${look.color}"/>` : keep('color');
    const font = `<font>${look.bold ? '<b/>' : ''}${look.italic ? '<i/>' : ''}${size}${color}${keep('name')}${keep('family')}${keep('charset')}${keep('scheme')}</font>`;
    return this.findOrAppend('fonts', 'font', font);
  }

  private fillId(rgb: string): number {
    return this.findOrAppend('fills', 'fill', `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`);
  }

  /** Index of `child` among the container's entries, appending it when no equal entry exists. */
  private findOrAppend(container: string, name: string, child: string): number {
    const existing = this.children(container, name);
    const found = existing.indexOf(child);
    if (found >= 0) return found;
    this.appendChild(container, child);
    return existing.length;
  }

  /** The container's direct entries as written (entries of these lists never nest one in another). */
  private children(container: string, name: string): string[] {
    const range = this.containerRange(container);
    if (!range) return [];
    const body = this.xml.slice(range.bodyStart, range.bodyEnd);
    return [...body.matchAll(new RegExp(`<${name}(?=[\\s/>])(?:[^>]*/>|[\\s\\S]*?</${name}>)`, 'g'))].map((m) => m[0]);
  }

  private containerRange(container: string): { start: number; bodyStart: number; bodyEnd: number; selfClosing: boolean } | null {
    const open = new RegExp(`<${container}\\b[^>]*?(/?)>`).exec(this.xml);
    if (!open) return null;
    const bodyStart = open.index + open[0].length;
    if (open[1] === '/') return { start: open.index, bodyStart, bodyEnd: bodyStart, selfClosing: true };
    const bodyEnd = this.xml.indexOf(`</${container}>`, bodyStart);
    return { start: open.index, bodyStart, bodyEnd, selfClosing: false };
  }

  private appendChild(container: string, child: string): void {
    this.changed = true;
    let range = this.containerRange(container);
    if (!range) {
      this.insertContainer(container);
      range = this.containerRange(container)!;
    }
    if (range.selfClosing) {
      // `<dxfs count="0"/>` → `<dxfs count="0"></dxfs>`
      const tagEnd = range.bodyStart;
      this.xml = `${this.xml.slice(0, tagEnd - 2)}></${container}>${this.xml.slice(tagEnd)}`;
      range = this.containerRange(container)!;
    }
    this.xml = `${this.xml.slice(0, range.bodyEnd)}${child}${this.xml.slice(range.bodyEnd)}`;
    const count = this.children(container, child.match(/^<(\w+)/)![1]!).length;
    const tag = /^<\w+\b[^>]*>/.exec(this.xml.slice(range.start))![0];
    const newTag = /\scount="\d*"/.test(tag) ? tag.replace(/\scount="\d*"/, ` count="${count}"`) : tag.replace(new RegExp(`^<${container}`), `<${container} count="${count}"`);
    this.xml = `${this.xml.slice(0, range.start)}${newTag}${this.xml.slice(range.start + tag.length)}`;
  }

  /** Adds a missing list where the schema's sequence (§18.8.39 CT_Stylesheet) wants it. */
  private insertContainer(container: string): void {
    const after = SEQUENCE.slice(SEQUENCE.indexOf(container) + 1);
    let at = this.xml.lastIndexOf('</styleSheet>');
    for (const next of after) {
      const m = new RegExp(`<${next}\\b`).exec(this.xml);
      if (m) {
        at = m.index;
        break;
      }
    }
    this.xml = `${this.xml.slice(0, at)}<${container} count="0"></${container}>${this.xml.slice(at)}`;
  }
}

const SEQUENCE = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** The built-in number formats the report uses (§18.8.30). */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

/** A styles part for a new workbook (which has no theme part, so nothing refers to theme colours or fonts): one font, the two fills Excel requires, one border, the default formats. */
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
