/**
 * The names of a dataset's hidden work items in --out and its lock: one
 * writer per dataset, a dead writer's lock taken over (see swap.ts).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../shared/diagnostics.js';
import { shown } from '../shared/show.js';

export const HIDDEN = /^\.brief-(new|old)-([0-9a-f]{16})-(\d+)-([0-9a-z]+)$/;
export const LOCK = /^\.brief-lock-([0-9a-f]{16})$/;
/** What earlier versions left in --out, named after the dataset: recovered the same way. */
export const NAMED_HIDDEN = /^\.(.+)\.brief-(new|old)-(\d+)-([0-9a-z]+)$/;
export const NAMED_LOCK = /^\.(.+)\.brief-lock$/;
/** What version 0.1 left inside a dataset folder when killed mid-write. */
export const LEGACY = /^\.(.+)\.(\d+)-([0-9a-z]+)\.(old|tmp)$/;

/** The fixed-length key that stands for a dataset name in the hidden names. */
export const keyOf = (name: string): string => createHash('sha256').update(name).digest('hex').slice(0, 16);
/** The lock file of a dataset's output folder. */
export const lockPath = (out: string, name: string): string => join(out, `.brief-lock-${keyOf(name)}`);

/** The hidden folders (new or old sets) that belong to `name`, in this layout or the earlier named one. */
export function hiddenOf(entries: readonly string[], name: string): { e: string; kind: 'new' | 'old' }[] {
  const key = keyOf(name);
  const out: { e: string; kind: 'new' | 'old' }[] = [];
  for (const e of entries) {
    const m = HIDDEN.exec(e);
    if (m && m[2] === key) out.push({ e, kind: m[1] as 'new' | 'old' });
    const n = NAMED_HIDDEN.exec(e);
    if (n && n[1] === name) out.push({ e, kind: n[2] as 'new' | 'old' });
  }
  return out;
}

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

export function ioError(path: string, err: unknown, what: string): UserError {
  if (err instanceof UserError) return err;
  const e = err as NodeJS.ErrnoException;
  const why =
    e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS'
      ? 'permission denied'
      : e.code === 'ENOTDIR' || e.code === 'EEXIST'
        ? 'a file stands where a folder should be'
        : e.code === 'ENOSPC'
          ? 'the disk is full'
          : e.code === 'EDQUOT'
            ? 'the disk quota is used up'
            : e.message;
  return new UserError([
    { file: shown(path), line: 0, col: 0, path: '', code: 'io/write', message: `${what}: ${why}` },
  ]);
}

/** Takes the dataset's lock, waiting for a live holder; a dead holder's lock is taken over. */
export async function lock(out: string, name: string, timeoutMs: number): Promise<() => Promise<void>> {
  const path = lockPath(out, name);
  const started = Date.now();
  for (;;) {
    if (stopping.signal) throw new Interrupted(stopping.signal);
    try {
      const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await handle.writeFile(`${process.pid}\n${name}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw ioError(join(out, name), err, 'cannot write the output');
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
      throw new UserError([
        {
          file: shown(join(out, name)),
          line: 0,
          col: 0,
          path: '',
          code: 'io/locked',
          message: `another Brief run${Number.isNaN(pid) ? '' : ` (process ${pid})`} is writing this folder`,
          hint: `wait for it to finish; if no such run exists, remove ${shown(path)}`,
        },
      ]);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** A run told to stop (signals.ts): a folder swap checks it at every step and undoes itself. */
export const stopping: { signal: StopSignal | undefined; swaps: number } = { signal: undefined, swaps: 0 };

/** Thrown by a folder swap that stopped because of a signal, after undoing itself. */
export class Interrupted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}`);
  }
}
