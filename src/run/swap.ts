/**
 * Replacing a dataset's output folder so that a kill at any instant leaves
 * either the complete old set or the complete new set.
 *
 *   1. lock      out/.brief-lock-<key>, holding our pid and the name (one writer per dataset)
 *   2. recover   finish or undo whatever a killed run left (see recover())
 *   3. prepare   out/.brief-new-<key>-<tag>/: every new file, written and synced,
 *                then the old folder's other files carried over (hard links)
 *   4. retire    rename out/<name> -> out/.brief-old-<key>-<tag>
 *   5. install   rename out/.brief-new-<key>-<tag> -> out/<name>
 *   6. clean     remove the old folder, then the lock
 *
 * <key> is 16 hex digits of the name's SHA-256, so that the hidden names are
 * 44 bytes long whatever the dataset's name (a name of 80 Chinese characters,
 * 240 bytes, plus a suffix passed the file system's 255 bytes); the lock
 * file holds the name, so that recovery knows which folder a key stands for.
 *
 * Renames within one folder are atomic. Killed before 4, out/<name> is the old
 * set untouched; after 5, it is the new set. Killed between 4 and 5 (two
 * system calls apart), out/<name> is briefly absent and the complete old set
 * is in the hidden old folder: the next run, or --check, puts it back. No
 * reader ever sees a mix of old and new files or a partly written file.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { copyFile, cp, link, lstat, mkdir, open, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../shared/diagnostics.js';
import { shown } from '../shared/show.js';
import { Interrupted, ioError, keyOf, LEGACY, lock, stopping } from './lock.js';
import { recoverLocked } from './recover.js';
import { FIGURE_FILE } from '../writers/md.js';

export { recover, type Recovered } from './recover.js';
export { keyOf, lockPath } from './lock.js';

export type Step =
  'locked' | 'recovered' | 'written' | 'carried' | 'synced' | 'retired' | 'installed' | 'cleaned' | 'unlocked';

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

/** The old folder's files that the new set does not replace are kept: hard links where possible, copies elsewhere. */
async function carryOver(from: string, to: string, replaced: Set<string>): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  for (const entry of entries) {
    if (replaced.has(entry.name) || LEGACY.test(entry.name)) continue;
    // A Markdown document written again takes its figures with it: its old ones (perhaps more of them) are not carried over.
    const figureOf = FIGURE_FILE.exec(entry.name);
    if (figureOf && replaced.has(`${figureOf[1]}.md`)) continue;
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isFile()) {
      await link(src, dst).catch(() => copyFile(src, dst, constants.COPYFILE_EXCL));
    } else if (entry.isSymbolicLink()) {
      await symlink(await readlink(src), dst);
    } else if (entry.isDirectory()) {
      await cp(src, dst, {
        recursive: true,
        errorOnExist: true,
        force: false,
        verbatimSymlinks: true,
        preserveTimestamps: true,
      });
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
export async function replaceFolder(
  out: string,
  name: string,
  files: readonly OutputFile[],
  hooks: SwapHooks = {},
): Promise<void> {
  // A signal (signals.ts) stops the swap at its next step, which undoes what was done.
  const step = async (s: Step, detail?: string) => {
    await hooks.afterStep?.(s, detail);
    if (stopping.signal && s !== 'cleaned' && s !== 'unlocked') throw new Interrupted(stopping.signal);
  };
  stopping.swaps++;
  try {
    await swap(out, name, files, hooks, step);
  } finally {
    stopping.swaps--;
  }
  if (stopping.signal) throw new Interrupted(stopping.signal);
}

async function swap(
  out: string,
  name: string,
  files: readonly OutputFile[],
  hooks: SwapHooks,
  step: (s: Step, detail?: string) => Promise<void>,
): Promise<void> {
  const target = join(out, name);
  try {
    await mkdir(out, { recursive: true });
  } catch (err) {
    throw ioError(out, err, 'cannot create the output folder');
  }
  const release = await lock(out, name, hooks.lockTimeoutMs ?? 30_000);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = join(out, `.brief-new-${keyOf(name)}-${tag}`);
  const retired = join(out, `.brief-old-${keyOf(name)}-${tag}`);
  let stage: 'prepare' | 'retired' | 'installed' = 'prepare';
  try {
    await step('locked');
    await recoverLocked(out, name, await readdir(out), { restored: [], removed: [], failed: [] });
    await step('recovered');
    const info = await checkTarget(target, files);
    await writeFresh(fresh, files, step);
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
    if (err instanceof Interrupted) throw err;
    throw ioError(target, err, 'cannot write the output');
  }
  await rm(retired, { recursive: true, force: true }).catch(() => undefined);
  await step('cleaned');
  await release();
  await step('unlocked');
}

/** What stands at the output folder now (nothing, or a folder): a link, a file, or a folder where an output file goes is a problem. */
async function checkTarget(target: string, files: readonly OutputFile[]): Promise<Stats | undefined> {
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    throw new UserError([
      {
        file: shown(target),
        line: 0,
        col: 0,
        path: '',
        code: 'io/symlink',
        message:
          'the output folder is a symbolic link; Brief replaces output folders whole and neither follows nor replaces a link',
        hint: 'remove the link, or point --out at the folder that should hold the outputs',
      },
    ]);
  }
  if (info && !info.isDirectory()) throw ioError(target, { code: 'ENOTDIR' }, 'cannot write the output');
  for (const f of files) {
    const inTheWay =
      info && !f.name.includes('/') ? await lstat(join(target, f.name)).catch(() => undefined) : undefined;
    if (inTheWay?.isDirectory()) {
      throw new UserError([
        {
          file: shown(join(target, f.name)),
          line: 0,
          col: 0,
          path: '',
          code: 'io/write',
          message: 'cannot write the output: a folder stands where the file should be',
        },
      ]);
    }
  }
  return info;
}

/** The new set of outputs, each file synced. */
async function writeFresh(
  fresh: string,
  files: readonly OutputFile[],
  step: (s: Step, detail?: string) => Promise<void>,
): Promise<void> {
  await mkdir(fresh);
  for (const f of files) {
    // A file in a subfolder (copies/memo-copy-01.pdf): the subfolder is made in the new set.
    if (f.name.includes('/')) await mkdir(join(fresh, dirname(f.name)), { recursive: true });
    await writeSynced(join(fresh, f.name), f.bytes);
    await step('written', f.name);
  }
}
