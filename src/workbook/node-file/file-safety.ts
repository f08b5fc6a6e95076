import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats, unlinkSync } from 'node:fs';
import path from 'node:path';
import { type Locale, t } from '../../core/i18n';
import { WorkbookError } from '../port';

/*
 * How the CLI replaces a user's file without ever damaging it (SPEC §6
 * "The file itself is safe"): the real file behind a symlink is the one
 * replaced, with its permissions and owner; read-only files and files open
 * in Excel or LibreOffice are refused; one run at a time holds a lock file
 * beside the workbook; new content is written to a temporary file, fsynced,
 * renamed over the target, and the directory fsynced; temporary and lock
 * files are removed on every path, interrupted runs included.
 */

/** Paths to delete if the process is interrupted (temporary files, our lock). */
const pending = new Set<string>();
let handlersInstalled = false;

function track(file: string): void {
  pending.add(file);
  if (handlersInstalled) return;
  handlersInstalled = true;
  // A signal's default action would skip `finally` blocks: remove our files, then exit as the signal would.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      removePendingSync();
      process.exit(code);
    });
  }
  process.once('exit', removePendingSync);
}

function untrack(file: string): void {
  pending.delete(file);
}

function removePendingSync(): void {
  for (const file of pending) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
}

/**
 * The file a write to `file` really replaces: a symlink's target (so the
 * link stays a link), followed through links and relative targets; for a
 * file not there yet, its name in the real parent folder.
 */
export async function realTarget(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.realpath(absolute);
  } catch {
    const link = await fs.lstat(absolute).catch(() => null);
    if (link?.isSymbolicLink()) return realTarget(path.resolve(path.dirname(absolute), await fs.readlink(absolute)));
    const parent = await fs.realpath(path.dirname(absolute)).catch(() => path.dirname(absolute));
    return path.join(parent, path.basename(absolute));
  }
}

/** True when two paths name the same file (after links), whether or not it exists yet. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  return (await realTarget(a)) === (await realTarget(b));
}

/**
 * Refuses a file the user cannot mean us to replace: not a regular file,
 * read-only (by its mode bits: root may write anything, so trying to open
 * it proves nothing), or open in Excel or LibreOffice.
 */
export async function checkReplaceable(file: string, locale: Locale): Promise<void> {
  const real = await realTarget(file);
  const stat = await fs.stat(real).catch(() => null);
  if (stat) {
    if (!stat.isFile()) throw new WorkbookError('writeFailed', t(locale, 'file.notAFile', { file }));
    if (isReadOnly(stat) || !(await writable(real))) throw new WorkbookError('writeFailed', t(locale, 'file.readOnly', { file }));
  }
  const lock = await officeLockFile(file, real);
  if (lock) throw new WorkbookError('busy', t(locale, 'file.openElsewhere', { file, lock }));
}

function isReadOnly(stat: Stats): boolean {
  return (stat.mode & 0o222) === 0;
}

async function writable(file: string): Promise<boolean> {
  return fs.access(file, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/**
 * The owner file Excel keeps beside a workbook it has open (`~$name.xlsx`;
 * for long names Office drops the first two characters: `~$me.xlsx`) or
 * LibreOffice's lock (`.~lock.name.xlsx#`), beside the link or its target.
 */
export async function officeLockFile(file: string, real: string): Promise<string | null> {
  const folders = [...new Set([path.dirname(path.resolve(file)), path.dirname(real)])];
  const names = [...new Set([path.basename(file), path.basename(real)])];
  for (const folder of folders) {
    for (const name of names) {
      for (const lock of [`~$${name}`, `~$${name.slice(2)}`, `.~lock.${name}#`]) {
        const candidate = path.join(folder, lock);
        if (
          await fs.lstat(candidate).then(
            () => true,
            () => false,
          )
        )
          return candidate;
      }
    }
  }
  return null;
}

/** How long a run waits for another run on the same file before refusing. */
const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 100;

export interface FileLock {
  release(): Promise<void>;
}

/** `.name.xlsx.funnel-lock` beside the real file. */
export function lockFileOf(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.funnel-lock`);
}

/**
 * An exclusive lock on a workbook for the whole run (read, compute,
 * write), so two runs never both read the old file and one's tab lost:
 * a lock file created with O_EXCL holding our pid. A lock whose process
 * is gone is stale and taken over; a live one is waited for briefly, then
 * the run is refused.
 */
export async function lockWorkbookFile(file: string, locale: Locale, waitMs = LOCK_WAIT_MS): Promise<FileLock> {
  const lock = lockFileOf(await realTarget(file));
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await fs.open(lock, 'wx');
      track(lock);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return {
        release: async () => {
          untrack(lock);
          await fs.rm(lock, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new WorkbookError('writeFailed', t(locale, 'file.cannotLock', { file, reason: (e as Error).message }));
    }
    const holder = await lockHolder(lock);
    if (holder === 'stale') {
      await fs.rm(lock, { force: true });
      continue;
    }
    if (Date.now() >= deadline) throw new WorkbookError('busy', t(locale, 'file.locked', { file, pid: holder ?? '?', lock }));
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

/** The pid holding a lock; 'stale' when that process is gone (or the lock is old and unreadable). */
async function lockHolder(lock: string): Promise<number | 'stale' | null> {
  const text = await fs.readFile(lock, 'utf8').catch(() => null);
  const pid = text === null ? NaN : Number.parseInt(text, 10);
  if (Number.isInteger(pid) && pid > 0) return processAlive(pid) ? pid : 'stale';
  // Just created by another run that has not written its pid yet, unless it has been like that for long.
  const stat = await fs.stat(lock).catch(() => null);
  return stat && Date.now() - stat.mtimeMs > 60_000 ? 'stale' : null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TEMP_SUFFIX = '.tmp';

/**
 * Whether `entry` is a temporary file of ours for `real` left by a run that
 * is gone: `.name.funnel-<pid>-<hex>.tmp` whose process no longer runs, or
 * the older `.name.<hex>.tmp` (written only under the workbook's lock).
 */
function isStaleTemp(real: string, entry: string): boolean {
  const prefix = `.${path.basename(real)}.`;
  if (!entry.startsWith(prefix) || !entry.endsWith(TEMP_SUFFIX)) return false;
  const m = /^(?:funnel-(\d+)-)?[0-9a-f]{8}$/.exec(entry.slice(prefix.length, -TEMP_SUFFIX.length));
  if (!m) return false;
  return m[1] === undefined || !processAlive(Number(m[1]));
}

/** Removes temporary files interrupted earlier runs left beside `file` (those of runs still going are left alone). */
export async function removeStaleTemps(file: string): Promise<void> {
  const real = await realTarget(file);
  const entries = await fs.readdir(path.dirname(real)).catch(() => [] as string[]);
  for (const entry of entries) if (isStaleTemp(real, entry)) await fs.rm(path.join(path.dirname(real), entry), { force: true });
}

/** New content for a file, complete and fsynced beside it, not yet in its place. */
export interface StagedFile {
  /** Renames it over the target and fsyncs the folder. */
  commit(): Promise<void>;
  /** Removes it (the target stays as it was). */
  discard(): Promise<void>;
}

/**
 * Writes new content for `file` into a temporary file beside its real
 * target, with the original's permissions and owner, and fsyncs it.
 */
export async function stageFile(file: string, write: (chunk: (bytes: Uint8Array) => Promise<void>) => Promise<void>): Promise<StagedFile> {
  const real = await realTarget(file);
  const original = await fs.stat(real).catch(() => null);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.funnel-${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  track(tmp);
  const discard = async () => {
    await fs.rm(tmp, { force: true });
    untrack(tmp);
  };
  try {
    const handle = await fs.open(tmp, 'wx', original ? 0o600 : 0o666);
    try {
      await write(async (bytes) => {
        for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
      });
      if (original) await keepOwnership(handle, original);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (e) {
    await discard();
    throw e;
  }
  return {
    commit: async () => {
      await fs.rename(tmp, real);
      untrack(tmp);
      await syncFolder(path.dirname(real));
    },
    discard,
  };
}

/** The replacement gets the original's mode bits, and its owner when we may set it (root). */
async function keepOwnership(handle: fs.FileHandle, original: Stats): Promise<void> {
  await handle.chmod(original.mode & 0o7777);
  if (typeof process.getuid === 'function' && process.getuid() === 0) await handle.chown(original.uid, original.gid).catch(() => undefined);
}

/** Makes the rename durable; some file systems cannot fsync a folder, which is no reason to fail the run. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR on file systems without directory fsync.
  } finally {
    await handle.close();
  }
}

/** Writes a whole file atomically (temp, fsync, rename): the JSON of a run. */
export async function writeFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const staged = await stageFile(file, (chunk) => chunk(bytes));
  try {
    await staged.commit();
  } catch (e) {
    await staged.discard();
    throw e;
  }
}
