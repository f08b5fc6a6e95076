import type { PartDeflater } from './zip-codec';

/**
 * ISO/IEC 29500 Strict names what Transitional calls
 * `http://schemas.openxmlformats.org/…/2006/…` under
 * `http://purl.oclc.org/ooxml/…` (Part 1 §A and the Strict schemas). The
 * parts this adapter generates are written in Transitional; for a Strict
 * workbook they are renamed here, so Excel and LibreOffice, which read a
 * package in one conformance class, see the new sheets.
 */
const TO_STRICT: readonly [string, string][] = [
  ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'],
  // Also the prefix of every relationship type (…/relationships/worksheet).
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'],
  ['http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing', 'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing'],
  ['http://schemas.openxmlformats.org/drawingml/2006/chart', 'http://purl.oclc.org/ooxml/drawingml/chart'],
  ['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main'],
];

/** Our generated text with its Transitional namespace URIs and relationship types in Strict form. */
export function toStrict(xml: string): string {
  let out = xml;
  for (const [transitional, strict] of TO_STRICT) out = out.split(transitional).join(strict);
  return out;
}

/** Namespace declarations sit in a generated part's root start tag, within its first bytes. */
const HEAD = 4096;

/**
 * A deflater that renames the namespaces in the head of the part pushed
 * through it (the generated worksheet declares all of them on its root)
 * and passes the rest on as it comes.
 */
export function strictDeflater(inner: PartDeflater): PartDeflater {
  let head: Uint8Array[] = [];
  let headLength = 0;
  let passing = false;
  const flushHead = () => {
    const bytes = new Uint8Array(headLength);
    let at = 0;
    for (const c of head) {
      bytes.set(c, at);
      at += c.length;
    }
    inner.push(new TextEncoder().encode(toStrict(new TextDecoder().decode(bytes))));
    head = [];
    passing = true;
  };
  return {
    push(chunk) {
      if (passing) return inner.push(chunk);
      head.push(chunk.slice());
      headLength += chunk.length;
      if (headLength >= HEAD) flushHead();
    },
    end() {
      if (!passing) flushHead();
      return inner.end();
    },
  };
}
