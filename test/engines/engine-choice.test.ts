import { chooseEngine, EXCEL_ROW_LIMIT } from '../../src/usecases/engine';
import { duckDbEngine } from '../../src/engines/duckdb/duckdb-engine';
import { DEFAULT_STAGES } from '../../src/core/pipeline/stages';

describe('which engine reports (SPEC §10)', () => {
  test('asked for, else DuckDB for Parquet and for a CSV past Excel rows, else the core', () => {
    expect(chooseEngine('duckdb', { kind: 'csv', rows: 10 })).toBe('duckdb');
    expect(chooseEngine('core', { kind: 'csv', rows: EXCEL_ROW_LIMIT + 5 })).toBe('core');
    expect(chooseEngine(undefined, { kind: 'parquet' })).toBe('duckdb');
    expect(chooseEngine(undefined, { kind: 'csv', rows: EXCEL_ROW_LIMIT })).toBe('core');
    expect(chooseEngine(undefined, { kind: 'csv', rows: EXCEL_ROW_LIMIT + 1 })).toBe('duckdb');
    expect(chooseEngine(undefined, { kind: 'xlsx' })).toBe('core');
  });

  test('without the package, a value that says how to install it, in the user language', async () => {
    const engine = duckDbEngine({ packageName: '@duckdb/not-installed-here' });
    const en = await engine.open({ file: 'x.csv', stages: DEFAULT_STAGES, locale: 'en-US' });
    expect(en.ok).toBe(false);
    if (!en.ok) expect(en.error).toEqual({ code: 'engineMissing', message: expect.stringContaining('npm install @duckdb/node-api') });
    const zh = await engine.open({ file: 'x.csv', stages: DEFAULT_STAGES, locale: 'zh-CN' });
    if (!zh.ok) expect(zh.error.message).toContain('可选依赖包');
  });

  test('a file that is neither CSV nor Parquet is refused with a value', async () => {
    const opened = await duckDbEngine().open({ file: 'pipeline.json', stages: DEFAULT_STAGES, locale: 'en-US' });
    expect(opened).toEqual({ ok: false, error: { code: 'engineInput', message: expect.stringContaining('pipeline.json') } });
  });
});
