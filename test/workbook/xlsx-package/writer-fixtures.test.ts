import { expectedParts, fixtureCases, writtenParts } from './writer-fixtures';

// Each case of test/fixtures/package-writer: the package written from input.json, part by part (`npm run fixtures:writer` regenerates them).
describe.each(fixtureCases())('package writer fixture %s', (name) => {
  it('writes exactly the expected parts, each as expected', async () => {
    const written = await writtenParts(name);
    const expected = expectedParts(name);
    expect([...written.keys()]).toEqual([...expected.keys()]);
    for (const [part, text] of expected) expect({ part, text: written.get(part) }).toEqual({ part, text });
  });
});
