import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { publishedMetadata } = require('../../scripts/functions-metadata.cjs') as { publishedMetadata(json: string): string };

// The same generator custom-functions-metadata-plugin runs in the build: ids must never change once published.
describe('functions.json', () => {
  it('matches the published metadata, and every function and parameter is described', async () => {
    const result = await generateCustomFunctionsMetadata([path.resolve(__dirname, '../../src/functions/functions.ts')], true);
    expect(result.errors).toEqual([]);
    const metadata = JSON.parse(publishedMetadata(result.metadataJson)) as {
      allowCustomDataForDataTypeAny: boolean;
      functions: {
        id: string;
        name: string;
        description?: string;
        parameters: { name: string; description?: string }[];
        result: { dimensionality?: string };
      }[];
    };
    for (const f of metadata.functions) {
      expect(f.description).toBeTruthy();
      // Excel's Insert Function dialog shows short help; keep each text within 255 characters.
      expect(f.description!.length).toBeLessThanOrEqual(255);
      for (const p of f.parameters) {
        expect({ fn: f.id, param: p.name, described: !!p.description }).toEqual({ fn: f.id, param: p.name, described: true });
        expect(p.description!.length).toBeLessThanOrEqual(255);
      }
    }
    // Ids are published: a function may be added, never renamed or removed.
    expect(metadata.functions.map((f) => f.id)).toEqual([
      'COSTRATE',
      'RISKSCORE',
      'CONVERSION',
      'REACHED',
      'WINRATE',
      'CYCLEDAYS',
      'REPURCHASE',
      'RENEWAL',
      'ATTAINMENT',
      'RISKLEVEL',
      'FORECAST',
      'BACKTEST',
    ]);
    // The spilling functions must declare a matrix result, or Excel shows only their first cell.
    const spills = metadata.functions.filter((f) => f.result.dimensionality === 'matrix').map((f) => f.id);
    expect(spills).toEqual(['FORECAST', 'BACKTEST']);
    // No data types reach the functions: they do not handle them, and their cache hashes every object alike.
    expect(metadata.allowCustomDataForDataTypeAny).toBe(false);
    expect(metadata).toMatchSnapshot();
  }, 30_000);
});

describe('the build publishes that metadata', () => {
  it('rewrites functions.json after the metadata plugin emits it', () => {
    type Plugin = { constructor: { name: string }; asset?: string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require('../../webpack.config.js') as (env: unknown, argv: { mode: string }) => { plugins: Plugin[] })({}, { mode: 'production' });
    const names = config.plugins.map((p) => p.constructor.name);
    expect(names.indexOf('PublishedFunctionsMetadata')).toBeGreaterThan(names.indexOf('CustomFunctionsMetadataPlugin'));
    expect(config.plugins.find((p) => p.constructor.name === 'PublishedFunctionsMetadata')?.asset).toBe('functions.json');
  });
});
