import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadXlsx, tempDir } from '../helpers/workbook-files';
import { buildCli, runCliProcess, startCli } from './spawn-cli';

// SPEC §6 "The file itself is safe", checked on the built CLI run as its own process.
jest.setTimeout(120_000);

let dir: string;
let sample: string;

beforeAll(async () => {
  buildCli();
  dir = await tempDir('funnel-safety-');
  sample = path.join(dir, 'sample.xlsx');
  expect((await runCliProcess('sample', sample, '--deals', '400', '--seed', '3')).code).toBe(0);
});

/** A fresh copy of the sample in its own folder, so leftovers of one test cannot hide another's. */
async function freshCopy(name = 'book.xlsx'): Promise<string> {
  const folder = await fs.mkdtemp(path.join(dir, 'case-'));
  const file = path.join(folder, name);
  await fs.copyFile(sample, file);
  return file;
}

async function sheetNames(file: string): Promise<string[]> {
  return (await loadXlsx(file)).worksheets.map((w) => w.name);
}

/** Whatever our runs may leave beside a workbook: temporary files and lock files. */
async function leftovers(folder: string): Promise<string[]> {
  return (await fs.readdir(folder)).filter((f) => f.endsWith('.tmp') || f.endsWith('.funnel-lock'));
}

const done = (code: number | null) => code === 0 || code === 1;

describe('in-place write', () => {
  it('keeps the file mode (0600 stays 0600, 0640 stays 0640)', async () => {
    for (const mode of [0o600, 0o640]) {
      const file = await freshCopy();
      await fs.chmod(file, mode);
      const run = await runCliProcess('report', file, '--month', '2026-01');
      expect(done(run.code)).toBe(true);
      expect((await fs.stat(file)).mode & 0o777).toBe(mode);
      expect(await sheetNames(file)).toContain('Report 2026-01');
    }
  });

  it('writes through a symlink: the link stays a link and its target gets the report', async () => {
    const file = await freshCopy();
    const link = path.join(path.dirname(file), 'link.xlsx');
    await fs.symlink('book.xlsx', link);
    const run = await runCliProcess('report', link, '--month', '2026-01');
    expect(done(run.code)).toBe(true);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(link)).toBe('book.xlsx');
    expect(await sheetNames(file)).toContain('Report 2026-01');
    expect(await leftovers(path.dirname(file))).toEqual([]);
  });

  it('refuses a read-only file (by its mode bits, even for root) and leaves it as it was', async () => {
    const file = await freshCopy();
    await fs.chmod(file, 0o444);
    const before = await fs.readFile(file);
    const run = await runCliProcess('report', file, '--month', '2026-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('read-only');
    expect(run.stderr).toContain(file);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(await leftovers(path.dirname(file))).toEqual([]);
  });

  it.each([
    ['Excel', (name: string) => `~$${name}`],
    ['LibreOffice', (name: string) => `.~lock.${name}#`],
  ])('refuses a file that %s holds open, naming its lock file', async (_app, lockName) => {
    const file = await freshCopy();
    const lock = path.join(path.dirname(file), lockName('book.xlsx'));
    await fs.writeFile(lock, 'someone');
    const before = await fs.readFile(file);
    const run = await runCliProcess('report', file, '--month', '2026-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('open in Excel or LibreOffice');
    expect(run.stderr).toContain(lock);
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });

  it('two runs at once on one file: the second waits for the first, and both tabs are there', async () => {
    const file = await freshCopy();
    const runs = await Promise.all(['2026-01', '2026-02'].map((m) => startCli(['report', file, '--month', m]).done));
    const names = await sheetNames(file);
    runs.forEach((r, i) => {
      // A run either wrote its tab or was refused saying why; never "done" with its tab lost.
      if (done(r.code)) expect(names).toContain(`Report 2026-0${i + 1}`);
      else expect(r.stderr).toContain('Another funnel-report run');
    });
    expect(runs.filter((r) => done(r.code)).length).toBe(2);
    expect(await leftovers(path.dirname(file))).toEqual([]);
  });

  it('takes over a lock whose process is gone, and removes temporary files an interrupted run left', async () => {
    const file = await freshCopy();
    const folder = path.dirname(file);
    await fs.writeFile(path.join(folder, '.book.xlsx.funnel-lock'), '999999999\n');
    await fs.writeFile(path.join(folder, '.book.xlsx.funnel-999999999-0badc0de.tmp'), 'half an archive');
    await fs.writeFile(path.join(folder, '.book.xlsx.1234abcd.tmp'), 'left by the previous version');
    await fs.writeFile(path.join(folder, '.other.xlsx.funnel-4242-0badc0de.tmp'), 'not this workbook');
    const run = await runCliProcess('report', file, '--month', '2026-01');
    expect(done(run.code)).toBe(true);
    expect(await leftovers(folder)).toEqual(['.other.xlsx.funnel-4242-0badc0de.tmp']);
  });

  it('leaves no temporary or lock file when stopped by SIGTERM or SIGINT, and the workbook as it was', async () => {
    const big = path.join(dir, 'big.xlsx');
    expect((await runCliProcess('sample', big, '--deals', '20000', '--seed', '9')).code).toBe(0);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const folder = await fs.mkdtemp(path.join(dir, 'signal-'));
      const file = path.join(folder, 'book.xlsx');
      await fs.copyFile(big, file);
      const before = await fs.readFile(file);
      const { child, done: finished } = startCli(['report', file, '--all']);
      // Stop it while its temporary file is being written (or, on a fast machine, while it holds the lock).
      let stopped = false;
      const poll = setInterval(() => {
        void fs.readdir(folder).then((entries) => {
          if (!stopped && entries.some((e) => e.endsWith('.tmp'))) {
            stopped = true;
            child.kill(signal);
          }
        });
      }, 2);
      const result = await finished;
      clearInterval(poll);
      if (stopped) {
        expect(result.signal === signal || result.code === (signal === 'SIGINT' ? 130 : 143)).toBe(true);
        expect((await fs.readFile(file)).equals(before)).toBe(true);
      }
      expect(await leftovers(folder)).toEqual([]);
    }
  });
});

describe('--json and --out', () => {
  it('writes the JSON before the workbook: a JSON that cannot be written leaves the workbook byte-identical', async () => {
    const file = await freshCopy();
    const before = await fs.readFile(file);
    const run = await runCliProcess('report', file, '--month', '2026-01', '--json', path.join(path.dirname(file), 'missing-folder', 'r.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('r.json');
    expect(run.stderr).toContain('was left as it was');
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(await leftovers(path.dirname(file))).toEqual([]);
  });

  it('writes the JSON atomically beside the workbook, leaving no temporary file (and removing one a killed run left)', async () => {
    const file = await freshCopy();
    const json = path.join(path.dirname(file), 'r.json');
    await fs.writeFile(path.join(path.dirname(file), '.r.json.funnel-999999999-0badc0de.tmp'), 'left by a killed run');
    const run = await runCliProcess('report', file, '--month', '2026-01', '--json', json);
    expect(done(run.code)).toBe(true);
    expect(JSON.parse(await fs.readFile(json, 'utf8')).month).toBe('2026-01');
    expect(await leftovers(path.dirname(file))).toEqual([]);
  });

  it('refuses --out or --json naming the input itself, through a link or another spelling', async () => {
    const file = await freshCopy();
    const folder = path.dirname(file);
    await fs.symlink(file, path.join(folder, 'same.xlsx'));
    const before = await fs.readFile(file);
    for (const args of [
      ['--out', path.join(folder, 'same.xlsx')],
      ['--out', path.join(folder, '.', 'book.xlsx')],
      ['--json', file],
    ]) {
      const run = await runCliProcess('report', file, '--month', '2026-01', ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is the input workbook itself');
      expect((await fs.readFile(file)).equals(before)).toBe(true);
    }
  });
});
