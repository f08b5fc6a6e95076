import { decodeEntities } from './xml-text';

/**
 * A namespace-aware element tree of a small XML part (workbook, rels,
 * content types, styles), with the text offsets of every element, so an
 * edit splices new markup at a place the parser found and leaves every
 * other character as it was. Names are resolved as the part declares them
 * (Namespaces in XML 1.0): `<x:sheet>` under `xmlns:x="…main"` and
 * `<sheet>` under a default namespace are the same element, and an
 * `xmlns:r` declared on the element itself (openpyxl) counts.
 *
 * Comments, processing instructions and CDATA are stepped over; a DOCTYPE
 * is refused (OOXML parts have none, and entity declarations are how
 * billion-laughs input works). Not well-formed input throws.
 */

export interface XmlAttribute {
  /** The name as written (`r:id`). */
  name: string;
  /** Namespace URI ('' for an unprefixed attribute, which is in no namespace). */
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  prefix: string;
  local: string;
  ns: string;
  attributes: XmlAttribute[];
  /** In-scope prefix → namespace URI ('' is the default namespace). */
  scope: ReadonlyMap<string, string>;
  parent: XmlElement | null;
  children: XmlElement[];
  /** Index of the start tag's `<`. */
  start: number;
  /** Index just past the start tag's `>`. */
  startTagEnd: number;
  /** Index of the end tag's `<` (equals `startTagEnd` for an empty-element tag). */
  contentEnd: number;
  /** Index just past the element. */
  end: number;
  selfClosing: boolean;
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export class XmlSyntaxError extends Error {}

/** Parses `xml` into its root element; throws `XmlSyntaxError` on anything not namespace-well-formed. */
export function parseXmlTree(xml: string): XmlElement {
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  const rootScope = new Map<string, string>([['xml', XML_NS]]);
  let i = 0;
  const fail = (why: string): never => {
    throw new XmlSyntaxError(`${why} at character ${i}`);
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (stack.length > 0) fail('unclosed element');
      break;
    }
    if (stack.length === 0 && /\S/.test(xml.slice(i, lt).replace(/^\uFEFF/, ''))) fail('text outside the root element');
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close < 0) fail('unclosed comment');
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const close = xml.indexOf('?>', i + 2);
      if (close < 0) fail('unclosed processing instruction');
      i = close + 2;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      if (stack.length === 0) fail('CDATA outside the root element');
      const close = xml.indexOf(']]>', i + 9);
      if (close < 0) fail('unclosed CDATA section');
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<!', i)) fail('a DOCTYPE or declaration, which OOXML parts never have');
    if (xml[i + 1] === '/') {
      const gt = xml.indexOf('>', i);
      if (gt < 0) fail('unclosed end tag');
      const name = xml.slice(i + 2, gt).trim();
      const open = stack.pop();
      if (!open || qualifiedName(open) !== name) fail(`end tag </${name}> does not match`);
      open!.contentEnd = i;
      open!.end = gt + 1;
      i = gt + 1;
      continue;
    }
    const tag = readStartTag(xml, i, fail);
    if (stack.length === 0 && root) fail('a second root element');
    const parent = stack[stack.length - 1] ?? null;
    const scope = new Map(parent ? parent.scope : rootScope);
    for (const [name, value] of tag.raw) {
      if (name === 'xmlns') scope.set('', value);
      else if (name.startsWith('xmlns:')) {
        if (value === '') fail(`prefix ${name.slice(6)} undeclared with an empty URI`);
        scope.set(name.slice(6), value);
      }
    }
    const [prefix, local] = splitName(tag.name);
    const ns = scope.get(prefix);
    if (ns === undefined && prefix !== '') fail(`unbound prefix "${prefix}" on <${tag.name}>`);
    const attributes: XmlAttribute[] = [];
    const seen = new Set<string>();
    for (const [name, value] of tag.raw) {
      const [p, l] = splitName(name);
      const attrNs = name === 'xmlns' ? XMLNS_NS : p === 'xmlns' ? XMLNS_NS : p === '' ? '' : scope.get(p);
      if (attrNs === undefined) fail(`unbound prefix "${p}" on attribute ${name}`);
      const key = `${attrNs}|${name === 'xmlns' ? 'xmlns' : l}`;
      if (seen.has(key)) fail(`attribute ${name} given twice`);
      seen.add(key);
      attributes.push({ name, ns: attrNs!, local: name === 'xmlns' ? 'xmlns' : l, value });
    }
    const element: XmlElement = {
      prefix,
      local,
      ns: ns ?? '',
      attributes,
      scope,
      parent,
      children: [],
      start: i,
      startTagEnd: tag.end,
      contentEnd: tag.end,
      end: tag.end,
      selfClosing: tag.selfClosing,
    };
    if (parent) parent.children.push(element);
    else root = element;
    if (!tag.selfClosing) stack.push(element);
    i = tag.end;
  }
  if (!root) throw new XmlSyntaxError('no root element');
  if (stack.length > 0) throw new XmlSyntaxError(`<${qualifiedName(stack[stack.length - 1]!)}> is not closed`);
  return root;
}

function qualifiedName(e: XmlElement): string {
  return e.prefix ? `${e.prefix}:${e.local}` : e.local;
}

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

const NAME = /[^\s/>="'<]+/y;

function readStartTag(xml: string, at: number, fail: (why: string) => never): { name: string; raw: [string, string][]; end: number; selfClosing: boolean } {
  NAME.lastIndex = at + 1;
  const name = NAME.exec(xml)?.[0];
  if (!name) fail('an element without a name');
  let i = at + 1 + name.length;
  const raw: [string, string][] = [];
  for (;;) {
    const wsStart = i;
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
    const c = xml[i];
    if (c === undefined) fail(`unclosed start tag <${name}`);
    if (c === '>') return { name: name, raw, end: i + 1, selfClosing: false };
    if (c === '/') {
      if (xml[i + 1] !== '>') fail(`stray "/" in <${name}>`);
      return { name: name, raw, end: i + 2, selfClosing: true };
    }
    if (i === wsStart) fail(`attributes of <${name}> not separated by white space`);
    NAME.lastIndex = i;
    const attr = NAME.exec(xml)?.[0];
    if (!attr) fail(`a malformed attribute in <${name}>`);
    i += attr.length;
    while (/\s/.test(xml[i] ?? '')) i++;
    if (xml[i] !== '=') fail(`attribute ${attr} of <${name}> has no value`);
    i++;
    while (/\s/.test(xml[i] ?? '')) i++;
    const quote = xml[i];
    if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${name}> is not quoted`);
    const close = xml.indexOf(quote, i + 1);
    if (close < 0) fail(`attribute ${attr} of <${name}> is not closed`);
    const value = xml.slice(i + 1, close);
    if (value.includes('<')) fail(`"<" in attribute ${attr} of <${name}>`);
    raw.push([attr, decodeEntities(value.replace(/[\t\n\r]/g, ' '))]);
    i = close + 1;
  }
}

/** The element's children with this namespace and local name (`ns` may list several: Transitional and Strict). */
export function childrenNamed(e: XmlElement, ns: string | readonly string[], local: string): XmlElement[] {
  const uris = typeof ns === 'string' ? [ns] : ns;
  return e.children.filter((c) => c.local === local && uris.includes(c.ns));
}

export function firstChild(e: XmlElement, ns: string | readonly string[], local: string): XmlElement | undefined {
  return childrenNamed(e, ns, local)[0];
}

/** Every descendant (depth first) with this namespace and local name. */
export function descendantsNamed(e: XmlElement, ns: string | readonly string[], local: string): XmlElement[] {
  const uris = typeof ns === 'string' ? [ns] : ns;
  const out: XmlElement[] = [];
  const walk = (x: XmlElement) => {
    for (const c of x.children) {
      if (c.local === local && uris.includes(c.ns)) out.push(c);
      walk(c);
    }
  };
  walk(e);
  return out;
}

/** An attribute's value by namespace ('' for plain attributes) and local name. */
export function attributeValue(e: XmlElement, ns: string | readonly string[], local: string): string | undefined {
  const uris = typeof ns === 'string' ? [ns] : ns;
  return e.attributes.find((a) => a.local === local && uris.includes(a.ns))?.value;
}

/**
 * A prefix bound to `ns` where `e` is (`''` when it is the default
 * namespace, for elements), or null when none is in scope. For attributes
 * the default namespace does not apply, so pass `forAttribute`.
 */
export function prefixFor(e: XmlElement, ns: string, forAttribute = false): string | null {
  if (!forAttribute && e.scope.get('') === ns) return '';
  for (const [prefix, uri] of e.scope) {
    // A prefix counts only if no nearer declaration rebinds it (the scope map already holds the nearest).
    if (prefix !== '' && uri === ns) return prefix;
  }
  return null;
}

/** `prefix:name` or `name` for the empty prefix. */
export function qualify(prefix: string, local: string): string {
  return prefix ? `${prefix}:${local}` : local;
}

/** A text edit: replace [start, end) by `text`. */
export interface XmlSplice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices (any order), leaving every other character as it was. */
export function applySplices(xml: string, splices: readonly XmlSplice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) throw new Error('overlapping XML edits');
    out += xml.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + xml.slice(at);
}

/**
 * The splices that make `child` the last child of `parent`: before its end
 * tag, or, for `<x/>`, by opening it into `<x>…</x>`.
 */
export function appendChildSplices(xml: string, parent: XmlElement, child: string): XmlSplice[] {
  if (!parent.selfClosing) return [{ start: parent.contentEnd, end: parent.contentEnd, text: child }];
  const tag = xml.slice(parent.start, parent.startTagEnd);
  const open = tag.replace(/\s*\/>$/, '>');
  return [{ start: parent.start, end: parent.startTagEnd, text: `${open}${child}</${qualifiedName(parent)}>` }];
}

/**
 * Where a new child of `parent` goes when the schema orders children as
 * `sequence` (local names): before the first existing child that the
 * sequence puts after it, else after the last child the sequence puts
 * before it (so never inside or between an `mc:AlternateContent` or
 * `extLst` and what follows it), else at the end.
 */
export function sequenceInsertionPoint(parent: XmlElement, ns: string | readonly string[], sequence: readonly string[], local: string): number {
  const rank = sequence.indexOf(local);
  const uris = typeof ns === 'string' ? [ns] : ns;
  for (const c of parent.children) {
    const r = uris.includes(c.ns) ? sequence.indexOf(c.local) : -1;
    if (r > rank) return c.start;
  }
  let last = -1;
  for (const c of parent.children) {
    const r = uris.includes(c.ns) ? sequence.indexOf(c.local) : -1;
    if (r >= 0 && r < rank) last = c.end;
  }
  if (last >= 0) return last;
  // Nothing ordered around it: first in the element (extLst and unknown content come after).
  return parent.selfClosing ? -1 : parent.startTagEnd;
}

/** Replaces, adds or (with null) removes one attribute in `e`'s start tag, as a splice of the tag alone. */
export function attributeSplice(xml: string, e: XmlElement, name: string, value: string | null, escape: (v: string) => string): XmlSplice {
  const tag = xml.slice(e.start, e.startTagEnd);
  const pattern = new RegExp(`(\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  let next: string;
  if (pattern.test(tag)) next = tag.replace(pattern, value === null ? '' : `$1${name}="${escape(value)}"`);
  else if (value === null) next = tag;
  else {
    const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
    next = `${tag.slice(0, end).replace(/\s+$/, '')} ${name}="${escape(value)}"${tag.slice(end)}`;
  }
  return { start: e.start, end: e.startTagEnd, text: next };
}
