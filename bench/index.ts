import { cliVersusLibreOffice, EXCEL_ROW_LIMIT_DEALS } from './cli-vs-libreoffice';
import { engineVersusDuckDb } from './engine-vs-duckdb';
import { runBench } from './harness';

runBench([
  { name: 'engine vs DuckDB, 100k deals', run: () => engineVersusDuckDb(100_000) },
  { name: 'engine vs DuckDB, 1M deals', run: () => engineVersusDuckDb(1_000_000) },
  { name: 'CLI report vs LibreOffice, 100k deals', run: () => cliVersusLibreOffice(100_000) },
  { name: 'CLI report vs LibreOffice, Excel’s row limit', run: () => cliVersusLibreOffice(EXCEL_ROW_LIMIT_DEALS) },
  {
    name: 'DuckDB engine vs DuckDB scan, 1M deals CSV (and the in-memory engine)',
    run: async () => (await import('./duckdb-engine')).duckDbEngineVersusScan(1_000_000, { core: true }),
  },
  { name: 'DuckDB engine vs DuckDB scan, 10M deals CSV', run: async () => (await import('./duckdb-engine')).duckDbEngineVersusScan(10_000_000) },
  { name: 'task pane first render (Chromium)', run: async () => (await import('./taskpane-first-render')).taskpaneFirstRender() },
  { name: 'task pane generate, 100k deals (Chromium)', run: async () => (await import('./taskpane-generate')).taskpaneGenerate() },
  { name: 'custom functions over 100k-row ranges', run: async () => (await import('./custom-functions')).customFunctions() },
]).then((code) => {
  process.exitCode = code;
});
