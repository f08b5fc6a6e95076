// Regenerates the package writer's expected parts (test/fixtures/package-writer/<case>/expected/) on purpose:
// `npm run fixtures:writer` for every case, or `npm run fixtures:writer -- <case>…`. Review the diff before committing.
import { fixtureCases, updateExpected } from '../test/workbook/xlsx-package/writer-fixtures';

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const known = fixtureCases();
  const unknown = asked.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`no such fixture: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  for (const name of asked.length > 0 ? asked : known) process.stdout.write(`${name}: ${await updateExpected(name)} parts\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
});
