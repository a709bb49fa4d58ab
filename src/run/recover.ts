/**
 * Finishing or undoing what a killed run left in --out (see swap.ts): before
 * every write, and by --check.
 */
import { readdir, readFile, rename, rm, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../shared/diagnostics.js';
import { shown } from '../shared/show.js';
import { hiddenOf, HIDDEN, ioError, keyOf, LEGACY, lock, LOCK, lockPath, NAMED_HIDDEN, NAMED_LOCK } from './lock.js';
import { unsafeName } from './names.js';

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
export async function recoverLocked(out: string, name: string, entries: string[], into: Recovered): Promise<void> {
  const target = join(out, name);
  const mine = hiddenOf(entries, name);
  const targetInfo = await lstat(target).catch(() => undefined);
  let present = !!targetInfo;
  // The newest old folder is the last complete set: put it back when the folder is missing.
  const olds = mine.filter((x) => x.kind === 'old').sort((a, b) => b.e.localeCompare(a.e));
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
  // An earlier version's lock of this dataset, left by a killed run (we hold the lock now).
  if (entries.includes(`.${name}.brief-lock`)) {
    await rm(join(out, `.${name}.brief-lock`), { force: true });
    into.removed.push(shown(join(out, `.${name}.brief-lock`)));
  }
  for (const { e } of mine.filter((x) => x.kind === 'new')) {
    await rm(join(out, e), { recursive: true, force: true });
    into.removed.push(shown(join(out, e)));
  }
  if (targetInfo?.isDirectory() || (!targetInfo && present)) {
    const inside = await readdir(target).catch(() => [] as string[]);
    const legacy = inside.map((e) => ({ e, m: LEGACY.exec(e) })).filter((x) => x.m) as {
      e: string;
      m: RegExpExecArray;
    }[];
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
  if (name === undefined) {
    // The name a key stands for: from its lock file, else from a folder of that name in --out.
    const byKey = new Map(entries.filter((e) => !e.startsWith('.')).map((e) => [keyOf(e), e]));
    for (const e of entries) {
      const key = (HIDDEN.exec(e) ?? [])[2] ?? LOCK.exec(e)?.[1];
      if (key === undefined) continue;
      const held = (await readFile(join(out, `.brief-lock-${key}`), 'utf8').catch(() => '')).split('\n')[1];
      const n = held && keyOf(held) === key ? held : byKey.get(key);
      // Otherwise it waits for the next build of its dataset, which knows the name.
      if (n !== undefined) names.add(n);
    }
    for (const e of entries) {
      const m = NAMED_HIDDEN.exec(e) ?? NAMED_LOCK.exec(e);
      if (m) names.add(m[1]!);
    }
    // Dataset folders holding version 0.1's leftovers.
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const inside = await readdir(join(out, e)).catch(() => [] as string[]);
      if (inside.some((f) => LEGACY.test(f))) names.add(e);
    }
  } else names.add(name);
  // A name read from a file in --out is used only when it is one safe path segment.
  for (const n of [...names].sort().filter((x) => x === name || !unsafeName(x))) {
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lock(out, n, 0);
      // Holding it now means any lock file that was there belonged to a dead run.
      if (entries.includes(`.brief-lock-${keyOf(n)}`)) into.removed.push(shown(lockPath(out, n)));
      await recoverLocked(out, n, entries, into);
    } catch (err) {
      if (err instanceof UserError && err.diagnostics[0]?.code === 'io/locked') continue; // a live run owns it
      into.failed.push(
        `${shown(join(out, n))}: cannot clean up after an interrupted run: ${ioError(join(out, n), err, 'x').diagnostics[0]!.message.slice(3)}`,
      );
    } finally {
      await release?.();
    }
  }
  return into;
}
