import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import path from 'node:path';

// The same generator custom-functions-metadata-plugin runs in the build: ids must never change once published.
describe('functions.json', () => {
  it('matches the published metadata, and every function and parameter is described', async () => {
    const result = await generateCustomFunctionsMetadata([path.resolve(__dirname, '../../src/functions/functions.ts')], true);
    expect(result.errors).toEqual([]);
    const metadata = JSON.parse(result.metadataJson) as { functions: { id: string; description?: string; parameters: { name: string; description?: string }[] }[] };
    for (const f of metadata.functions) {
      expect(f.description).toBeTruthy();
      for (const p of f.parameters) expect({ fn: f.id, param: p.name, described: !!p.description }).toEqual({ fn: f.id, param: p.name, described: true });
    }
    expect(metadata).toMatchSnapshot();
  }, 30_000);
});
