import { cliVersusLibreOffice } from './cli-vs-libreoffice';
import { engineVersusDuckDb } from './engine-vs-duckdb';
import { runBench } from './harness';

runBench([
  { name: 'engine vs DuckDB, 100k deals', run: () => engineVersusDuckDb(100_000) },
  { name: 'engine vs DuckDB, 1M deals', run: () => engineVersusDuckDb(1_000_000) },
  { name: 'CLI report vs LibreOffice, 100k deals', run: () => cliVersusLibreOffice(100_000) },
]).then((code) => {
  process.exitCode = code;
});
