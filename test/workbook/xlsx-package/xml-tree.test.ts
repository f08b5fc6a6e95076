import { SaxesParser } from 'saxes';
import { attributeValue, childrenNamed, parseXmlTree, prefixFor } from '../../../src/workbook/xlsx-package/xml-tree';
import { xmlProblems } from '../../helpers/xml-check';

/** Our parser of the small parts accepts exactly what saxes (namespaces on) accepts, on hand-picked cases of what producers write and of what they must not. */
const CASES: string[] = [
  '<a/>',
  '<?xml version="1.0"?>\n<!-- c --><a xmlns="u"><?pi x?><b c="1"/></a>',
  '<x:a xmlns:x="u"><x:b r:id="1" xmlns:r="v"/></x:a>',
  '<a><b r:id="1"/></a>',
  '<x:a xmlns:x="u"></a>',
  '<a><![CDATA[<b>]]></a>',
  '<a b="1" b="2"/>',
  '<a xmlns:p="u" xmlns:q="u" p:b="1" q:b="2"/>',
  '<a b=1/>',
  '<a b="<"/>',
  '<a/><b/>',
  '<a>',
  '<a b="1"c="2"/>',
  '<a xmlns:p=""/>',
  "<a b='x&quot;y'/>",
];

function saxesAccepts(xml: string): boolean {
  const parser = new SaxesParser({ xmlns: true });
  let ok = true;
  parser.on('error', () => (ok = false));
  try {
    parser.write(xml).close();
  } catch {
    ok = false;
  }
  return ok;
}

function oursAccepts(xml: string): boolean {
  try {
    parseXmlTree(xml);
    return true;
  } catch {
    return false;
  }
}

describe('xml-tree', () => {
  it.each(CASES)('agrees with saxes on %s', (xml) => {
    expect(oursAccepts(xml)).toBe(saxesAccepts(xml));
  });

  it('refuses a DOCTYPE, which saxes would accept and OOXML never has', () => {
    expect(xmlProblems('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toContain('a DOCTYPE');
    expect(() => parseXmlTree('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toThrow(/DOCTYPE/);
  });

  it('resolves elements and attributes by namespace, whatever the prefix', () => {
    const root = parseXmlTree(
      '<x:workbook xmlns:x="m"><x:sheets><x:sheet name="A" rel:id="r1" xmlns:rel="r"/><sheet ' +
        'xmlns="m" name="B"/><o:sheet xmlns:o="other" name="C"/></x:sheets></x:workbook>',
    );
    const sheets = childrenNamed(childrenNamed(root, 'm', 'sheets')[0]!, 'm', 'sheet');
    expect(sheets.map((s) => attributeValue(s, '', 'name'))).toEqual(['A', 'B']);
    expect(attributeValue(sheets[0]!, 'r', 'id')).toBe('r1');
    expect(prefixFor(sheets[0]!, 'r', true)).toBe('rel');
    expect(prefixFor(root, 'r', true)).toBeNull();
    expect(prefixFor(root, 'm')).toBe('x');
  });
});
