import { attributesOf, escapeAttr, tagsNamed } from './xml-text';

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

export function parseRelationships(xml: string, sourcePart: string): Relationship[] {
  return tagsNamed(xml, 'Relationship').map(({ tag }) => {
    const a = attributesOf(tag);
    const external = a.get('TargetMode') === 'External';
    const target = a.get('Target') ?? '';
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: external ? target : resolveTarget(sourcePart, target), external };
  });
}

/** A relationship part we generate (for our own sheets and drawings). */
export function relationshipsXml(sourcePart: string, rels: readonly Omit<Relationship, 'external'>[]): string {
  const items = rels.map((r) => `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(relativeTarget(sourcePart, r.target))}"/>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

/** Appends one relationship to an existing rels part, leaving the others as written. */
export function withRelationship(xml: string, sourcePart: string, rel: Omit<Relationship, 'external'>): string {
  const item = `<Relationship Id="${escapeAttr(rel.id)}" Type="${escapeAttr(rel.type)}" Target="${escapeAttr(relativeTarget(sourcePart, rel.target))}"/>`;
  const close = xml.lastIndexOf('</');
  if (close < 0) return xml.replace(/\/>\s*$/, `>${item}</Relationships>`);
  return `${xml.slice(0, close)}${item}${xml.slice(close)}`;
}

/** Removes the relationships with these ids. */
export function withoutRelationships(xml: string, ids: ReadonlySet<string>): string {
  let out = xml;
  for (const { tag } of tagsNamed(xml, 'Relationship')) {
    if (ids.has(attributesOf(tag).get('Id') ?? '')) out = out.replace(tag, '');
  }
  return out;
}

/** A relationship id not used in `rels`: rId1, rId2, … */
export function freeRelationshipId(rels: readonly Relationship[]): string {
  const used = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/**
 * `[Content_Types].xml`: overrides keyed by part name (no leading slash),
 * defaults by extension. A removed override that is set again before the
 * text is taken keeps its place, so regenerating the same parts leaves the
 * part byte-identical.
 */
export class ContentTypes {
  private readonly pendingRemoval = new Set<string>();

  constructor(private source: string) {}

  /** The part's text with the removals applied. */
  get xml(): string {
    let out = this.source;
    for (const { tag, part } of this.overrides()) if (this.pendingRemoval.has(part)) out = out.replace(tag, '');
    return out;
  }

  typeOf(part: string): string | undefined {
    const key = part.toLowerCase();
    const override = this.overrides().find((o) => o.part === key && !this.pendingRemoval.has(key));
    if (override) return override.contentType;
    const ext = key.slice(key.lastIndexOf('.') + 1);
    for (const { tag } of tagsNamed(this.source, 'Default')) {
      const a = attributesOf(tag);
      if ((a.get('Extension') ?? '').toLowerCase() === ext) return a.get('ContentType');
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
      this.source = this.source.replace(existing.tag, '');
      this.pendingRemoval.delete(key);
    }
    this.insert(`<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`);
  }

  removeOverride(part: string): void {
    this.pendingRemoval.add(part.toLowerCase());
  }

  private overrides(): { tag: string; part: string; contentType: string }[] {
    return tagsNamed(this.source, 'Override').map(({ tag }) => {
      const a = attributesOf(tag);
      return { tag, part: (a.get('PartName') ?? '').replace(/^\//, '').toLowerCase(), contentType: a.get('ContentType') ?? '' };
    });
  }

  private insert(item: string): void {
    const close = this.source.lastIndexOf('</');
    this.source = `${this.source.slice(0, close)}${item}${this.source.slice(close)}`;
  }
}
