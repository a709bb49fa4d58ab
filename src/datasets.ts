/** Finds the dataset files that --data names: one file, or every *.yaml directly in a folder. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { UserError } from './data/diagnostics.js';

const YAML = new Set(['.yaml', '.yml']);

/** The path as the user should see it: relative to the working directory when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export async function findDatasets(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UserError([{ file: shown(path), line: 0, col: 0, path: '', code: 'io/no-data', message: 'no such dataset file or folder' }], 2);
  }
  if (info.isFile()) return [path];
  const names = (await readdir(path)).filter((n) => YAML.has(extname(n))).sort();
  if (names.length === 0) {
    throw new UserError([{ file: shown(path), line: 0, col: 0, path: '', code: 'io/no-data', message: 'no *.yaml dataset in this folder' }], 2);
  }
  return names.map((n) => join(path, n));
}
