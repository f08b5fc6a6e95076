import fc from 'fast-check';
import { accountKey } from '../../../src/core/pipeline/deal';

/** SPEC §2: trimmed, runs of white space collapsed, case-folded as en-US folds it. */
const byDefinition = (account: string) => account.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');

describe('accountKey', () => {
  it('folds every text as en-US lower-casing does, ASCII or not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 30 }), (text) => expect(accountKey(text)).toBe(byDefinition(text))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => expect(accountKey(text)).toBe(byDefinition(text))),
      { numRuns: 300 },
    );
    for (const text of ['  ACME   Corp ', 'İstanbul Ltd', 'ΣΊΣΥΦΟΣ', 'Straße GmbH', '株式会社 ABC', '\u00a0Acme\u3000Corp\t'])
      expect(accountKey(text)).toBe(byDefinition(text));
  });
});
