import { SaxesParser } from 'saxes';

/**
 * The problems saxes (a conformant XML parser, not ours) finds in a part
 * read with namespaces on: not well-formed, an unbound prefix, a DOCTYPE.
 * An empty list is a namespace-well-formed part.
 */
export function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('error', (e) => problems.push(e.message));
  parser.on('doctype', () => problems.push('a DOCTYPE'));
  try {
    parser.write(text).close();
  } catch (e) {
    problems.push((e as Error).message);
  }
  return problems;
}
