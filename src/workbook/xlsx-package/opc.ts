import { escapeAttr } from './xml-text';
import { appendChildSplices, applySplices, attributeValue, childrenNamed, parseXmlTree, prefixFor, qualify, type XmlElement } from './xml-tree';

/**
 * Open Packaging Conventions (ECMA-376 Part 2): part names, relationship
 * parts and the content-type table.
 */

export interface Relationship {
  id: string;
  type: string;
  /** For internal targets, the resolved part name (no leading slash); for external ones, the target as written. */
  target: string;
  external: boolean;
}

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; the package itself ('') → `_rels/.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The part a relationship target points at, resolved against its source part (Part 2 §9.3). */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `${sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1)}${target}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.map(safeDecode).join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The target to write in `fromPart`'s rels for `toPart` (relative, as Excel writes it). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** Namespaces of the parts this adapter edits, Transitional first, then Strict (ISO/IEC 29500 Strict). */
export const NS = {
  packageRelationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
  main: ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'],
  relationships: ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'],
} as const;

export const STRICT_MAIN_NS = NS.main[1];

const STRICT_REL_TYPE = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';
const TRANSITIONAL_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** A Strict relationship type read as its Transitional twin, so one set of constants serves both. */
function normalisedType(type: string): string {
  return type.startsWith(STRICT_REL_TYPE) ? TRANSITIONAL_REL_TYPE + type.slice(STRICT_REL_TYPE.length) : type;
}

function relationshipElements(root: XmlElement): XmlElement[] {
  return childrenNamed(root, NS.packageRelationships, 'Relationship');
}

export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  if (xml === '') return [];
  return relationshipElements(parseXmlTree(xml)).map((e) => {
    const external = attributeValue(e, '', 'TargetMode') === 'External';
    const target = attributeValue(e, '', 'Target') ?? '';
    return {
      id: attributeValue(e, '', 'Id') ?? '',
      type: normalisedType(attributeValue(e, '', 'Type') ?? ''),
      target: external ? target : resolveTarget(sourcePart, target),
      external,
    };
  });
}

/** A relationship part we generate (for our own sheets and drawings). */
export function relationshipsXml(sourcePart: string, rels: readonly Omit<Relationship, 'external'>[]): string {
  const items = rels.map((r) => relationshipElement('', sourcePart, r));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.packageRelationships}">${items.join('')}</Relationships>`;
}

function relationshipElement(prefix: string, sourcePart: string, r: Omit<Relationship, 'external'>): string {
  return (
    `<${qualify(prefix, 'Relationship')} Id="${escapeAttr(r.id)}" ` +
    `Type="${escapeAttr(r.type)}" Target="${escapeAttr(relativeTarget(sourcePart, r.target))}` +
    `"/>`
  );
}

/** Appends one relationship to an existing rels part, in the part's own prefix, leaving the others as written. */
export function withRelationship(xml: string, sourcePart: string, rel: Omit<Relationship, 'external'>): string {
  const root = parseXmlTree(xml);
  const prefix = prefixFor(root, NS.packageRelationships);
  const declare = prefix === null ? ` xmlns="${NS.packageRelationships}"` : '';
  const item = relationshipElement(prefix ?? '', sourcePart, rel).replace(/\/>$/, `${declare}/>`);
  return applySplices(xml, appendChildSplices(xml, root, item));
}

/** Removes the relationships with these ids. */
export function withoutRelationships(xml: string, ids: ReadonlySet<string>): string {
  const removed = relationshipElements(parseXmlTree(xml)).filter((e) => ids.has(attributeValue(e, '', 'Id') ?? ''));
  return applySplices(
    xml,
    removed.map((e) => ({ start: e.start, end: e.end, text: '' })),
  );
}

/** A relationship id not used in `rels`: rId1, rId2, … */
export function freeRelationshipId(rels: readonly Relationship[]): string {
  const used = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/**
 * `[Content_Types].xml`: overrides keyed by part name (no leading slash,
 * compared ignoring case as OPC names are), defaults by extension. A
 * removed override that is set again before the text is taken keeps its
 * place, so regenerating the same parts leaves the part byte-identical.
 */
export class ContentTypes {
  private readonly pendingRemoval = new Set<string>();

  constructor(private source: string) {}

  /** The part's text with the removals applied. */
  get xml(): string {
    const removed = this.overrides().filter((o) => this.pendingRemoval.has(o.part));
    return applySplices(
      this.source,
      removed.map((o) => ({ start: o.element.start, end: o.element.end, text: '' })),
    );
  }

  typeOf(part: string): string | undefined {
    const key = part.toLowerCase();
    const override = this.overrides().find((o) => o.part === key && !this.pendingRemoval.has(key));
    if (override) return override.contentType;
    const ext = key.slice(key.lastIndexOf('.') + 1);
    for (const e of childrenNamed(this.root(), NS.contentTypes, 'Default')) {
      if ((attributeValue(e, '', 'Extension') ?? '').toLowerCase() === ext) return attributeValue(e, '', 'ContentType');
    }
    return undefined;
  }

  setOverride(part: string, contentType: string): void {
    const key = part.toLowerCase();
    const existing = this.overrides().find((o) => o.part === key);
    if (existing && existing.contentType === contentType) {
      this.pendingRemoval.delete(key);
      return;
    }
    if (existing) {
      this.source = applySplices(this.source, [{ start: existing.element.start, end: existing.element.end, text: '' }]);
      this.pendingRemoval.delete(key);
    }
    const root = this.root();
    const prefix = prefixFor(root, NS.contentTypes);
    const declare = prefix === null ? ` xmlns="${NS.contentTypes}"` : '';
    const item = `<${qualify(prefix ?? '', 'Override')} PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"${declare}/>`;
    this.source = applySplices(this.source, appendChildSplices(this.source, root, item));
  }

  removeOverride(part: string): void {
    this.pendingRemoval.add(part.toLowerCase());
  }

  /** The parsed source, again only when the text changed: setOverride is called for every part written. */
  private parsed: { source: string; root: XmlElement } | null = null;

  private root(): XmlElement {
    if (this.parsed?.source !== this.source) this.parsed = { source: this.source, root: parseXmlTree(this.source) };
    return this.parsed.root;
  }

  private overrides(): { element: XmlElement; part: string; contentType: string }[] {
    return childrenNamed(this.root(), NS.contentTypes, 'Override').map((element) => ({
      element,
      part: (attributeValue(element, '', 'PartName') ?? '').replace(/^\//, '').toLowerCase(),
      contentType: attributeValue(element, '', 'ContentType') ?? '',
    }));
  }
}
