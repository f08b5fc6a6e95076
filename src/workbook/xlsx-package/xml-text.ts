/**
 * Small XML text helpers for the parts this adapter reads or writes with
 * string edits. The parts are machine-written OOXML, so a full parser buys
 * little over these, and string edits leave every byte we do not mean to
 * change exactly as it was.
 */

/** Characters XML 1.0 forbids (§2.2 Char): C0 controls other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything escapeText would change; most text has none, and one test is cheaper than four replaces. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text content: escapes `&`, `<`, `>` and drops characters XML 1.0 cannot carry. */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ILLEGAL_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Attribute values (double-quoted): also `"`, and tab/LF/CR as character
 * references, which attribute-value normalisation would otherwise turn into
 * spaces (XML 1.0 §3.3.3).
 */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * OOXML string escapes (ECMA-376 Part 1, §22.9.2.19 ST_Xstring): Excel
 * writes characters XML cannot carry, and a CR, as `_xHHHH_`, and a literal
 * `_xHHHH_` in the text as `_x005F_xHHHH_`. Readers of cell text decode
 * them; writers escape a literal one so Excel shows it as typed.
 */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x') ? text.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

export function escapeOoxmlLiterals(text: string): string {
  return text.includes('_x') ? text.replace(OOXML_ESCAPE, '_x005F_x$1_') : text;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Resolves the five predefined entities and numeric character references. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/**
 * The attributes of one start tag (`<x:sheet name="A" r:id="rId1"/>`),
 * keyed by full name and also by local name (first one wins), values decoded.
 */
export function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const pattern = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Skip the element name itself.
  const start = tag.search(/[\s/>]/);
  pattern.lastIndex = start < 0 ? tag.length : start;
  for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) {
    const name = m[1]!;
    const local = name.slice(name.indexOf(':') + 1);
    const value = decodeEntities(m[2] ?? m[3] ?? '');
    out.set(name, value);
    if (!out.has(local)) out.set(local, value);
  }
  return out;
}

/** Every start or empty tag of an element with this local name, any namespace prefix. */
export function tagsNamed(xml: string, localName: string): { tag: string; index: number }[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])[^>]*>`, 'g');
  const out: { tag: string; index: number }[] = [];
  for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) out.push({ tag: m[0], index: m.index });
  return out;
}

/** Sets (or, with null, removes) one attribute of a start tag, leaving the rest of the tag as it was. */
export function withAttribute(tag: string, name: string, value: string | null): string {
  const pattern = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  if (pattern.test(tag)) return tag.replace(pattern, value === null ? '' : ` ${name}="${escapeAttr(value)}"`);
  if (value === null) return tag;
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, '')} ${name}="${escapeAttr(value)}"${tag.slice(end)}`;
}
