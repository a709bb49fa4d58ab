/**
 * The earlier version a dataset is compared with (--since OLD): a file, or
 * the same file at a git revision when the dataset is in a git repository.
 * It is loaded and checked like any dataset, and its problems are reported
 * at their places in it ("HEAD~1:data/x.yaml:12:3").
 */
import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { checkDataset } from '../data/check.js';
import { loadDatasetBytes, loadDatasetFile } from '../data/load.js';
import { UserError } from '../shared/diagnostics.js';
import { shown } from '../shared/show.js';
import type { Previous } from '../view/changes.js';

/** The earlier version: a file, or the dataset's own file at a git revision. */
export type Since = { file: string } | { revision: string };

/** Whether OLD names a file (else it is a git revision). */
export function sinceIsFile(since: string): boolean {
  try {
    return statSync(since).isFile();
  } catch {
    return false;
  }
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 << 20,
    });
  } catch {
    return undefined;
  }
}

/** Why a git revision cannot be used for datasets under `dir`, or undefined when it can (for a usage error). */
export function badRevision(revision: string, dir: string): string | undefined {
  if (revision.startsWith('-')) return `${JSON.stringify(revision)} is neither a file nor a git revision`;
  const root = git(dir, ['rev-parse', '--show-toplevel']);
  if (root === undefined)
    return `${JSON.stringify(revision)} is not a file, and ${shown(dir)} is not in a git repository to find a revision in`;
  if (git(dir, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]) === undefined)
    return `no file and no git revision ${JSON.stringify(revision)} (try a file path, HEAD~1, a tag or a commit)`;
  return undefined;
}

/** The earlier version of the dataset at `path`: the file given, or `path` as it was at the revision given. */
export async function loadPrevious(since: Since, path: string): Promise<Previous> {
  if ('file' in since) {
    const label = shown(since.file);
    const checked = await checkDataset(await loadDatasetFile(since.file, label));
    return { data: checked.data, label };
  }
  const revision = since.revision;
  const real = realpathSync(path);
  const root = git(dirname(real), ['rev-parse', '--show-toplevel'])!.trim();
  const rel = relative(realpathSync(root), real).split(sep).join('/');
  const label = `${revision}:${rel}`;
  const bytes = git(root, ['show', `${revision}:${rel}`]);
  if (bytes === undefined) {
    throw new UserError([
      {
        file: shown(path),
        line: 0,
        col: 0,
        path: '',
        code: 'file/since',
        message: `this file is not in git revision ${revision}: there is no earlier version to compare with`,
        hint: "name an earlier revision that has it, or the earlier version's file",
      },
    ]);
  }
  const checked = await checkDataset(loadDatasetBytes(Buffer.from(bytes, 'utf8'), label));
  return { data: checked.data, label };
}
