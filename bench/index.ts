import { cliVersusLibreOffice } from './cli-vs-libreoffice';
import { runBench } from './harness';

runBench([{ name: 'CLI report vs LibreOffice, 100k deals', run: () => cliVersusLibreOffice(100_000) }]).then((code) => {
  process.exitCode = code;
});
