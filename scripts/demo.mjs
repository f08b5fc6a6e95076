// npm run demo: writes demo/sample-pipeline.xlsx, runs the report for the last complete month, prints a summary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'lib', 'cli.cjs');
if (!existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit', cwd: root });

const dir = path.join(root, 'demo');
mkdirSync(dir, { recursive: true });
const workbook = path.join(dir, 'sample-pipeline.xlsx');
const json = path.join(dir, 'report.json');

function run(args) {
  try {
    execFileSync(process.execPath, [cli, ...args], { stdio: 'inherit', cwd: root });
    return 0;
  } catch (e) {
    return e.status ?? 2;
  }
}

if (run(['sample', workbook]) !== 0) process.exit(2);
// Exit code 1 means "done, with data issues reported": the sample has a few on purpose.
const code = run(['report', workbook, '--json', json]);
if (code > 1) process.exit(code);

const report = JSON.parse(readFileSync(json, 'utf8'));
const forecast = report.forecast;
const money = (x) => Math.round(x).toLocaleString('en-US');
const forecastLine = forecast.method
  ? `${forecast.method}, next ${forecast.points.length} months: ${forecast.points.map((p) => money(p.forecast)).join(', ')}`
  : forecast.reason.message;
console.log(`
Demo done.
  workbook     ${path.relative(process.cwd(), workbook)}
  report tab   Report ${report.month} (and the data sheet "Funnel Data")
  deals read   ${report.deals.read}, data issues ${report.deals.issues} (see the tab's Data issues table)
  funnel       ${report.funnel.steps.map((s) => `${s.stage} ${s.reached}`).join(' → ')}
  forecast     ${forecastLine}
  JSON         ${path.relative(process.cwd(), json)}
Open the workbook in Excel or LibreOffice to see the report.`);
