import { Command, InvalidArgumentError, Option } from 'commander';
import { localeFor } from '../core/i18n';
import { consoleOutput, EXIT, type ExitCode, type Output } from './output';
import { reportCommand, type ReportCommandOptions } from './report-command';
import { planCommand } from './plan-command';
import { risksCommand } from './risks-command';
import { sampleCommand } from './sample-command';
import { sqlCommand } from './sql-command';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}

/** Builds the `funnel-report` program; `run` resolves with the exit code. */
export async function runCli(argv: string[], out: Output = consoleOutput): Promise<ExitCode> {
  let code: ExitCode = EXIT.done;
  const program = new Command('funnel-report')
    .description('Funnel Reporter: monthly funnel, conversion and forecast reports from a pipeline sheet.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.info(s.trimEnd()), writeErr: (s) => out.error(s.trimEnd()) });

  program
    .command('sample')
    .description('write a realistic, deterministic sample pipeline workbook')
    .argument('<out>', 'file to write (.xlsx; .csv or .parquet with --format)')
    .option('--deals <n>', 'number of deals', positiveInt, 3000)
    .option('--seed <s>', 'random seed', positiveInt, 42)
    .option('--months-of-history <n>', 'also write the pipeline as it stood at each of the last n month ends (sheets "Pipeline YYYY-MM")', positiveInt)
    .addOption(
      new Option('--format <format>', 'xlsx workbook, or the pipeline alone as CSV or Parquet, written row by row (for millions of deals)').choices([
        'xlsx',
        'csv',
        'parquet',
      ]),
    )
    .action(async (file: string, opts: { deals: number; seed: number; monthsOfHistory?: number; format?: 'xlsx' | 'csv' | 'parquet' }) => {
      code = await sampleCommand(file, opts, out);
    });

  program
    .command('report')
    .description('write or refresh the tab "Report YYYY-MM" from the pipeline sheet')
    .argument('<pipeline>', 'pipeline workbook (.xlsx), CSV export (.csv) or Parquet file (.parquet); the last two need --out')
    .option('--sheet <name>', 'pipeline sheet (default: found automatically)')
    .option('--month <YYYY-MM>', 'report month (default: the last complete month in the data)')
    .option('--all', 'every month with data')
    .option('--from <YYYY-MM>', 'first month (with --all or alone)')
    .option('--to <YYYY-MM>', 'last month (with --all or alone)')
    .option('--stages <list>', 'open stages in order, comma-separated, e.g. "Prospecting,Engaging"')
    .option('--targets <file.csv>', 'monthly revenue targets (month,target), saved in the workbook')
    .option('--currency <code>', 'reporting currency, e.g. CNY or USD (default: the most frequent currency of won deals), saved in the workbook')
    .option('--rates <file.csv>', 'exchange rates (Month YYYY-MM, Currency, Rate = reporting units per 1 unit), written to the Rates sheet')
    .option(
      '--decimal-separator <sep>',
      'the workbook locale\'s decimal separator, "." or ",", for text amounts such as 1,234 (saved in the workbook)',
      parseDecimal,
    )
    .option('--out <file>', 'write the workbook here instead of in place')
    .option('--json <file>', 'also write the metrics as JSON')
    .option('--values-only', 'write plain values, no formulas and no data sheet')
    .option('--deal-columns', "write each deal's forecast columns right of the pipeline sheet's last column (remembered in the workbook)")
    .option('--no-deal-columns', 'remove those columns from the pipeline sheet')
    .option('--strict', 'count a deal at a stage only when its stage date is filled')
    .addOption(
      new Option('--mode <mode>', 'conversion by cohort (deals created in the month) or by period (deals that entered each stage in it)')
        .choices(['cohort', 'period'])
        .default('cohort'),
    )
    .option('--horizon <months>', 'months to forecast ahead, 1 to 36 (default 6)', parseHorizon)
    .option('--locale <tag>', 'report language: en-US or zh-CN', 'en-US')
    .addOption(
      new Option('--engine <engine>', 'compute in memory (core) or in DuckDB (CSV and Parquet; default for Parquet and for a CSV past 1,048,576 rows)').choices(
        ['core', 'duckdb'],
      ),
    )
    .action(
      async (
        input: string,
        // The options as commander parses them: the report command's own, the locale as typed.
        opts: Omit<ReportCommandOptions, 'locale'> & { locale: string },
      ) => {
        code = await reportCommand(input, { ...opts, locale: localeFor(opts.locale) }, out);
      },
    );

  program
    .command('sql')
    .description('print the metric queries (SPEC §2) for a warehouse or DuckDB, from the definitions the DuckDB engine runs')
    .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices(['duckdb', 'spark', 'trino']).makeOptionMandatory())
    .option('--month <YYYY-MM>', 'report month (default: last month)')
    .option('--stages <list>', 'open stages in order, comma-separated')
    .option('--table <name>', 'source table, one row per deal (default "pipeline")')
    .action(async (opts: { dialect: 'duckdb' | 'spark' | 'trino'; month?: string; stages?: string; table?: string }) => {
      code = await sqlCommand(opts, out);
    });

  program
    .command('plan')
    .description('create or update the "Sales Plan" sheet, keeping everything typed in it')
    .argument('<file.xlsx>', 'workbook (created when missing)')
    .option('--sheet <name>', 'pipeline sheet (default: found automatically)')
    .option('--month <YYYY-MM>', 'last month of the channel analysis and tiers (default: last complete month)')
    .option('--first-month <YYYY-MM>', 'first month of a new Targets table')
    .option('--locale <tag>', 'language: en-US or zh-CN', 'en-US')
    .action(async (file: string, opts: { sheet?: string; month?: string; firstMonth?: string; locale: string }) => {
      code = await planCommand(file, { ...opts, locale: localeFor(opts.locale) }, out);
    });

  program
    .command('risks')
    .description('create or update the "Risk Register" sheet, keeping everything typed in it')
    .argument('<file.xlsx>', 'workbook (created when missing)')
    .option('--import <risks.csv>', 'append or update risks by ID (register headers in either language, or field names)')
    .option('--starter', 'insert the starter sales risks that are missing')
    .option('--locale <tag>', 'language: en-US or zh-CN', 'en-US')
    .action(async (file: string, opts: { import?: string; starter?: boolean; locale: string }) => {
      code = await risksCommand(file, { ...opts, locale: localeFor(opts.locale) }, out);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.done;
    if (typeof err.exitCode === 'number') return EXIT.unusable;
    out.error((e as Error).message);
    return EXIT.unusable;
  }
  return code;
}

/** `--horizon`: a whole number of months, 1 to 36. */
function parseHorizon(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 36) throw new InvalidArgumentError(`"${text}" is not a whole number of months from 1 to 36.`);
  return n;
}

function parseDecimal(value: string): '.' | ',' {
  if (value === '.' || value === ',') return value;
  throw new InvalidArgumentError('give "." or ",".');
}
