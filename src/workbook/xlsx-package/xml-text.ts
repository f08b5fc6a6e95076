/**
 * Escaping and unescaping of XML text and attribute values, and of OOXML's
 * `_xHHHH_` string escapes. Finding elements is not done here, by pattern:
 * `xml-tree` parses the small parts with their namespaces, and
 * `xml-bytes` scans the big ones.
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
