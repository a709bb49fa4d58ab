/**
 * Replacing a dataset's output folder so that a kill at any instant leaves
 * either the complete old set or the complete new set.
 *
 *   1. lock      out/.<name>.brief-lock, holding our pid (one writer per dataset)
 *   2. recover   finish or undo whatever a killed run left (see recover())
 *   3. prepare   out/.<name>.brief-new-<tag>/: every new file, written and synced,
 *                then the old folder's other files carried over (hard links)
 *   4. retire    rename out/<name> -> out/.<name>.brief-old-<tag>
 *   5. install   rename out/.<name>.brief-new-<tag> -> out/<name>
 *   6. clean     remove the old folder, then the lock
 *
 * Renames within one folder are atomic. Killed before 4, out/<name> is the old
 * set untouched; after 5, it is the new set. Killed between 4 and 5 (two
 * system calls apart), out/<name> is briefly absent and the complete old set
 * is in the hidden old folder: the next run, or --check, puts it back. No
 * reader ever sees a mix of old and new files or a partly written file.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, cp, link, lstat, mkdir, open, readdir, readFile, readlink, rename, rm, symlink, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../shared/diagnostics.js';
import { shown } from '../shared/show.js';

export type Step = 'locked' | 'recovered' | 'written' | 'carried' | 'synced' | 'retired' | 'installed' | 'cleaned' | 'unlocked';

/** A test-only seam: called after each step (and after each file written, with its name). */
export interface SwapHooks {
  afterStep?: (step: Step, detail?: string) => void | Promise<void>;
  /** How long to wait for another live run's lock before giving up (ms). */
  lockTimeoutMs?: number;
}

export interface OutputFile {
  name: string;
  bytes: Uint8Array;
}

const HIDDEN = /^\.(.+)\.brief-(new|old)-(\d+)-([0-9a-z]+)$/;
const LOCK = /^\.(.+)\.brief-lock$/;
/** What version 0.1 left inside a dataset folder when killed mid-write. */
const LEGACY = /^\.(.+)\.(\d+)-([0-9a-z]+)\.(old|tmp)$/;

const lockPath = (out: string, name: string) => join(out, `.${name}.brief-lock`);

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ioError(path: string, err: unknown, what: string): UserError {
  if (err instanceof UserError) return err;
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS' ? 'permission denied'
    : e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a file stands where a folder should be'
      : e.code === 'ENOSPC' ? 'the disk is full'
        : e.code === 'EDQUOT' ? 'the disk quota is used up'
          : e.message;
  return new UserError([{ file: shown(path), line: 0, col: 0, path: '', code: 'io/write', message: `${what}: ${why}` }]);
}

/** Takes the dataset's lock, waiting for a live holder; a dead holder's lock is taken over. */
async function lock(out: string, name: string, timeoutMs: number): Promise<() => Promise<void>> {
  const path = lockPath(out, name);
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(join(out, name), err, 'cannot write the output');
    }
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const pid = Number.parseInt(text ?? '', 10);
    const info = await lstat(path).catch(() => undefined);
    // A lock file with no pid yet is a run between creating and writing it: give it a moment.
    const fresh = info && Date.now() - info.mtimeMs < 2000;
    if (text !== undefined && !alive(pid) && !(Number.isNaN(pid) && fresh)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new UserError([{
        file: shown(join(out, name)), line: 0, col: 0, path: '', code: 'io/locked',
        message: `another Brief run${Number.isNaN(pid) ? '' : ` (process ${pid})`} is writing this folder`,
        hint: `wait for it to finish; if no such run exists, remove ${shown(path)}`,
      }]);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Recovered {
  /** Old sets put back because a run was killed between its two renames. */
  restored: string[];
  /** Hidden folders and files removed. */
  removed: string[];
  /** Datasets whose leftovers could not be dealt with (a read-only folder): one line each. */
  failed: string[];
}

/**
 * Finishes what killed runs left for one dataset (the caller holds its lock):
 * an old folder whose dataset folder is missing goes back into place (the run
 * was killed between its renames); other old folders and every unfinished new
 * folder are removed. Version 0.1's hidden .old/.tmp files inside the dataset
 * folder are put back or removed the same way.
 */
async function recoverLocked(out: string, name: string, entries: string[], into: Recovered): Promise<void> {
  const target = join(out, name);
  const mine = entries.map((e) => ({ e, m: HIDDEN.exec(e) })).filter((x) => x.m && x.m[1] === name) as { e: string; m: RegExpExecArray }[];
  const targetInfo = await lstat(target).catch(() => undefined);
  let present = !!targetInfo;
  // The newest old folder is the last complete set: put it back when the folder is missing.
  const olds = mine.filter((x) => x.m[2] === 'old').sort((a, b) => b.e.localeCompare(a.e));
  for (const { e } of olds) {
    if (!present) {
      await rename(join(out, e), target);
      present = true;
      into.restored.push(shown(target));
    } else {
      await rm(join(out, e), { recursive: true, force: true });
      into.removed.push(shown(join(out, e)));
    }
  }
  for (const { e } of mine.filter((x) => x.m[2] === 'new')) {
    await rm(join(out, e), { recursive: true, force: true });
    into.removed.push(shown(join(out, e)));
  }
  if (targetInfo?.isDirectory() || (!targetInfo && present)) {
    const inside = await readdir(target).catch(() => [] as string[]);
    const legacy = inside.map((e) => ({ e, m: LEGACY.exec(e) })).filter((x) => x.m) as { e: string; m: RegExpExecArray }[];
    for (const { e, m } of legacy.filter((x) => x.m[4] === 'old')) {
      if (!inside.includes(m[1]!)) {
        await rename(join(target, e), join(target, m[1]!));
        inside.push(m[1]!);
        into.restored.push(shown(join(target, m[1]!)));
      } else {
        await rm(join(target, e), { force: true });
        into.removed.push(shown(join(target, e)));
      }
    }
    for (const { e } of legacy.filter((x) => x.m[4] === 'tmp')) {
      await rm(join(target, e), { force: true });
      into.removed.push(shown(join(target, e)));
    }
  }
}

/**
 * Recovers every dataset that killed runs left something for in `out` (or
 * only `name`), skipping those a live run is writing. Used by --check and
 * before every write.
 */
export async function recover(out: string, name?: string): Promise<Recovered> {
  const into: Recovered = { restored: [], removed: [], failed: [] };
  const entries = await readdir(out).catch(() => undefined);
  if (!entries) return into;
  const names = new Set<string>();
  for (const e of entries) {
    const m = HIDDEN.exec(e) ?? LOCK.exec(e);
    if (m && (name === undefined || m[1] === name)) names.add(m[1]!);
  }
  if (name === undefined) {
    // Dataset folders holding version 0.1's leftovers.
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const inside = await readdir(join(out, e)).catch(() => [] as string[]);
      if (inside.some((f) => LEGACY.test(f))) names.add(e);
    }
  } else names.add(name);
  for (const n of [...names].sort()) {
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lock(out, n, 0);
      // Holding it now means any lock file that was there belonged to a dead run.
      if (entries.includes(`.${n}.brief-lock`)) into.removed.push(shown(lockPath(out, n)));
      await recoverLocked(out, n, entries, into);
    } catch (err) {
      if (err instanceof UserError && err.diagnostics[0]?.code === 'io/locked') continue; // a live run owns it
      into.failed.push(`${shown(join(out, n))}: cannot clean up after an interrupted run: ${ioError(join(out, n), err, 'x').diagnostics[0]!.message.slice(3)}`);
    } finally {
      await release?.();
    }
  }
  return into;
}

/** The old folder's files that the new set does not replace are kept: hard links where possible, copies elsewhere. */
async function carryOver(from: string, to: string, replaced: Set<string>): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const entry of entries) {
    if (replaced.has(entry.name) || LEGACY.test(entry.name)) continue;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isFile()) {
      await link(src, dst).catch(() => copyFile(src, dst, constants.COPYFILE_EXCL));
    } else if (entry.isSymbolicLink()) {
      await symlink(await readlink(src), dst);
    } else if (entry.isDirectory()) {
      await cp(src, dst, { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true, preserveTimestamps: true });
    }
    // FIFOs, sockets and devices in an output folder are not ours to copy.
  }
}

/** Writes a file and flushes it to disk, so that a power cut after the rename cannot leave it empty. */
async function writeSynced(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(path: string): Promise<void> {
  // Makes the renames durable; not every system can open a folder for this.
  const handle = await open(path, constants.O_RDONLY).catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/**
 * Replaces out/<name>/ with the given files (and the old folder's other
 * files), all or nothing, as described at the top of this file.
 */
export async function replaceFolder(out: string, name: string, files: readonly OutputFile[], hooks: SwapHooks = {}): Promise<void> {
  const step = async (s: Step, detail?: string) => hooks.afterStep?.(s, detail);
  const target = join(out, name);
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw ioError(out, err, 'cannot create the output folder');
  }
  const release = await lock(out, name, hooks.lockTimeoutMs ?? 30_000);
  await step('locked');
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = join(out, `.${name}.brief-new-${tag}`);
  const retired = join(out, `.${name}.brief-old-${tag}`);
  let stage: 'prepare' | 'retired' | 'installed' = 'prepare';
  try {
    await recoverLocked(out, name, await readdir(out), { restored: [], removed: [], failed: [] });
    await step('recovered');
    const info = await lstat(target).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      throw new UserError([{
        file: shown(target), line: 0, col: 0, path: '', code: 'io/symlink',
        message: 'the output folder is a symbolic link; Brief replaces output folders whole and neither follows nor replaces a link',
        hint: 'remove the link, or point --out at the folder that should hold the outputs',
      }]);
    }
    if (info && !info.isDirectory()) throw ioError(target, { code: 'ENOTDIR' }, 'cannot write the output');
    for (const f of files) {
      const inTheWay = info && !f.name.includes('/') ? await lstat(join(target, f.name)).catch(() => undefined) : undefined;
      if (inTheWay?.isDirectory()) {
        throw new UserError([{ file: shown(join(target, f.name)), line: 0, col: 0, path: '', code: 'io/write', message: 'cannot write the output: a folder stands where the file should be' }]);
      }
    }
    await mkdir(fresh);
    for (const f of files) {
      // A file in a subfolder (copies/memo-copy-01.pdf): the subfolder is made in the new set.
      if (f.name.includes('/')) await mkdir(join(fresh, dirname(f.name)), { recursive: true });
      await writeSynced(join(fresh, f.name), f.bytes);
      await step('written', f.name);
    }
    // A subfolder the run writes (copies/) is replaced whole: its old files are not carried over.
    if (info) await carryOver(target, fresh, new Set(files.map((f) => f.name.split('/')[0]!)));
    await step('carried');
    await syncDir(fresh);
    await step('synced');
    if (info) {
      await rename(target, retired);
      stage = 'retired';
      await step('retired');
    }
    await rename(fresh, target);
    stage = 'installed';
    await syncDir(out);
    await step('installed');
  } catch (err) {
    // A failure (not a kill): undo what was done, so that the old set stays in place.
    if (stage === 'retired') await rename(retired, target).catch(() => undefined);
    if (stage === 'installed') await rm(retired, { recursive: true, force: true }).catch(() => undefined);
    else await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    await release();
    throw ioError(target, err, 'cannot write the output');
  }
  await rm(retired, { recursive: true, force: true }).catch(() => undefined);
  await step('cleaned');
  await release();
  await step('unlocked');
}

/** The hidden names this module uses (tests look for leftovers with them). */
export const PATTERNS = { HIDDEN, LOCK, LEGACY };
