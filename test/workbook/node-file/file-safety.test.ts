import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkReplaceable,
  lockFileOf,
  lockWorkbookFile,
  realTarget,
  removeStaleTemps,
  sameFile,
  stageFile,
  writeFileAtomically,
} from '../../../src/workbook/node-file/file-safety';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'funnel-file-safety-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('realTarget / sameFile', () => {
  it('follows links, relative and chained, and a dangling link to the file it would create', async () => {
    await fs.mkdir(path.join(dir, 'sub'));
    await fs.writeFile(path.join(dir, 'sub', 'real.xlsx'), 'x');
    await fs.symlink('sub/real.xlsx', path.join(dir, 'a.xlsx'));
    await fs.symlink('a.xlsx', path.join(dir, 'b.xlsx'));
    await fs.symlink('sub/not-yet.xlsx', path.join(dir, 'dangling.xlsx'));
    const real = await fs.realpath(path.join(dir, 'sub', 'real.xlsx'));
    expect(await realTarget(path.join(dir, 'b.xlsx'))).toBe(real);
    expect(await realTarget(path.join(dir, 'dangling.xlsx'))).toBe(path.join(path.dirname(real), 'not-yet.xlsx'));
    expect(await sameFile(path.join(dir, 'sub', '..', 'a.xlsx'), path.join(dir, 'sub', 'real.xlsx'))).toBe(true);
    expect(await sameFile(path.join(dir, 'a.xlsx'), path.join(dir, 'new.xlsx'))).toBe(false);
  });
});

describe('stageFile', () => {
  it('gives the new file the original mode, fsyncs it, and renames it only on commit', async () => {
    const file = path.join(dir, 'book.xlsx');
    await fs.writeFile(file, 'old');
    await fs.chmod(file, 0o604);
    const staged = await stageFile(file, (chunk) => chunk(bytes('new')));
    expect(await fs.readFile(file, 'utf8')).toBe('old');
    await staged.commit();
    expect(await fs.readFile(file, 'utf8')).toBe('new');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o604);
    expect(await fs.readdir(dir)).toEqual(['book.xlsx']);
  });

  it('removes its temporary file when the content cannot be written, and on discard', async () => {
    const file = path.join(dir, 'book.xlsx');
    await fs.writeFile(file, 'old');
    await expect(stageFile(file, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    const staged = await stageFile(file, (chunk) => chunk(bytes('new')));
    await staged.discard();
    expect(await fs.readdir(dir)).toEqual(['book.xlsx']);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
  });

  it('writeFileAtomically fails in a missing folder without leaving anything', async () => {
    await expect(writeFileAtomically(path.join(dir, 'nope', 'r.json'), bytes('{}'))).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('checkReplaceable', () => {
  it('refuses by mode bits a file with no write bit, though root could open it', async () => {
    const file = path.join(dir, 'book.xlsx');
    await fs.writeFile(file, 'x');
    await fs.chmod(file, 0o444);
    await expect(checkReplaceable(file, 'en-US')).rejects.toThrow('read-only');
    await expect(checkReplaceable(file, 'zh-CN')).rejects.toThrow('只读');
    await fs.chmod(file, 0o644);
    await expect(checkReplaceable(file, 'en-US')).resolves.toBeUndefined();
  });

  it("refuses a folder, and a workbook with Excel's owner file or LibreOffice's lock beside it", async () => {
    await expect(checkReplaceable(dir, 'en-US')).rejects.toThrow('not a regular file');
    const file = path.join(dir, 'Quarterly pipeline.xlsx');
    await fs.writeFile(file, 'x');
    for (const lock of ['~$Quarterly pipeline.xlsx', '~$arterly pipeline.xlsx', '.~lock.Quarterly pipeline.xlsx#']) {
      await fs.writeFile(path.join(dir, lock), '');
      await expect(checkReplaceable(file, 'en-US')).rejects.toThrow(lock);
      await fs.rm(path.join(dir, lock));
    }
  });
});

describe('lockWorkbookFile', () => {
  it('is exclusive: a second lock on the same file (any spelling) is refused while the first is held, and free after release', async () => {
    const file = path.join(dir, 'book.xlsx');
    const lock = await lockWorkbookFile(file, 'en-US');
    expect(await fs.readFile(lockFileOf(await realTarget(file)), 'utf8')).toBe(`${process.pid}\n`);
    await expect(lockWorkbookFile(path.join(dir, '.', 'book.xlsx'), 'en-US', 0)).rejects.toThrow(`process ${process.pid}`);
    await lock.release();
    await (await lockWorkbookFile(file, 'en-US', 0)).release();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('takes over a lock whose process is gone', async () => {
    const file = path.join(dir, 'book.xlsx');
    await fs.writeFile(path.join(dir, '.book.xlsx.funnel-lock'), '999999999\n');
    const lock = await lockWorkbookFile(file, 'en-US', 0);
    await lock.release();
  });
});

describe('removeStaleTemps', () => {
  it("removes only this workbook's temporary files of ours, and not those of a run still going", async () => {
    const file = path.join(dir, 'book.xlsx');
    const live = `.book.xlsx.funnel-${process.pid}-00000000.tmp`;
    for (const f of [
      'book.xlsx',
      '.book.xlsx.funnel-999999999-0123abcd.tmp',
      '.book.xlsx.89abcdef.tmp',
      '.book.xlsx.notours.tmp',
      '.other.xlsx.funnel-999999999-0123abcd.tmp',
      live,
    ])
      await fs.writeFile(path.join(dir, f), '');
    await removeStaleTemps(file);
    expect((await fs.readdir(dir)).sort()).toEqual(['.book.xlsx.notours.tmp', live, '.other.xlsx.funnel-999999999-0123abcd.tmp', 'book.xlsx'].sort());
  });
});
