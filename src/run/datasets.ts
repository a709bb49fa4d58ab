/**
 * Finds the dataset files that --data names: one file, standard input (`-`),
 * or every *.yaml/*.yml directly in a folder. Each gets the name of its
 * output folder, checked to be one safe path segment; two files that would
 * share a folder are both refused.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { UserError, type Diagnostic } from '../shared/diagnostics.js';
import { describeName, folderKey, nameFromFile, unsafeName } from './names.js';
import { kindOf } from '../shared/files.js';
import { shown } from '../shared/show.js';

export { shown } from '../shared/show.js';

const YAML = new Set(['.yaml', '.yml']);

export interface DatasetFile {
  /** The path, or `-` for standard input. */
  path: string;
  /** Names the output folder out/<name>/. */
  name: string;
  /** Why this file cannot be built (an unsafe or shared output name); nothing is written for it. */
  problem?: Diagnostic;
}

function fileProblem(path: string, code: Diagnostic['code'], message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file: shown(path), line: 0, col: 0, path: '', code, message };
  if (hint) d.hint = hint;
  return d;
}

/** The dataset files under `path`; `warn` hears about entries skipped because they are not regular files. */
export async function findDatasets(
  path: string,
  warn: (line: string) => void = () => undefined,
): Promise<DatasetFile[]> {
  let paths: string[];
  if (path === '-') paths = ['-'];
  else {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UserError([fileProblem(path, 'usage/no-data', 'no such dataset file or folder')]);
    }
    if (!info.isDirectory())
      paths = [path]; // a file, or a pipe or device the user named on purpose
    else {
      const entries = (await readdir(path)).filter((n) => YAML.has(extname(n))).sort();
      paths = [];
      for (const name of entries) {
        const full = join(path, name);
        // stat follows a link to its target; a FIFO or device is never opened (opening one can block for ever).
        const target = await stat(full).catch(() => undefined);
        if (target?.isFile()) paths.push(full);
        else if (target) warn(`${shown(full)}: skipped: it is ${kindOf(target)}, not a regular file`);
        else if (await lstat(full).catch(() => undefined)) warn(`${shown(full)}: skipped: a symbolic link to nothing`);
      }
      if (paths.length === 0)
        throw new UserError([fileProblem(path, 'usage/no-data', 'no *.yaml dataset in this folder')]);
    }
  }
  const files: DatasetFile[] = paths.map((p) => {
    const name = nameFromFile(p);
    const why = unsafeName(name);
    const file: DatasetFile = { path: p, name };
    if (why) {
      file.problem = fileProblem(
        p,
        'io/dataset-name',
        `the dataset name ${describeName(name)} (from the file name) cannot name an output folder: ${why}`,
        'rename the file: its name without .yaml names the folder under --out (letters, digits, hyphens, underscores; not starting with a dot)',
      );
    }
    return file;
  });
  // Two files that would write into one folder (x.yaml and x.yml, or X.yaml and x.yaml on a case-insensitive disk).
  const byKey = new Map<string, DatasetFile[]>();
  for (const f of files) if (!f.problem) byKey.set(folderKey(f.name), [...(byKey.get(folderKey(f.name)) ?? []), f]);
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const f of group) {
      const others = group
        .filter((g) => g !== f)
        .map((g) => shown(g.path))
        .join(', ');
      f.problem = fileProblem(
        f.path,
        'io/dataset-clash',
        `this dataset and ${others} would both write to the output folder ${describeName(f.name)}`,
        'rename one of the files; neither is built until then',
      );
    }
  }
  return files;
}
