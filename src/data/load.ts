/**
 * Load: a dataset file (or standard input) -> plain data + where each value
 * came from. The YAML reading itself, with its limits and positioned
 * errors, is shared/yaml.ts.
 */
import { basename, extname } from 'node:path';
import { readStream, readUserFile } from '../shared/files.js';
import { LIMITS } from '../shared/limits.js';
import type { SourceMap } from '../shared/yaml.js';
import { parseYamlFast } from '../shared/yaml-fast.js';

/** The dataset's name when the caller gives none: the file name without its extension. */
const baseName = (path: string) => (path === '-' ? 'stdin' : basename(path, extname(path)));

export interface LoadedDataset {
  /** Dataset name: the file name without .yaml; names the out/<name>/ folder. */
  name: string;
  /** File as the user named it. */
  file: string;
  data: unknown;
  map: SourceMap;
}

export async function loadDatasetFile(
  path: string,
  displayName = path === '-' ? '<stdin>' : path,
  name = baseName(path),
): Promise<LoadedDataset> {
  const opts = { max: LIMITS.datasetBytes, shownAs: displayName, what: 'dataset', allowSpecial: true };
  const bytes = path === '-' ? await readStream(process.stdin, opts) : await readUserFile(path, opts);
  return loadDatasetBytes(bytes, displayName, name);
}

/** Parses a dataset from its bytes; throws UserError with every problem found. */
export function loadDatasetBytes(bytes: Uint8Array, file: string, name = baseName(file)): LoadedDataset {
  // Positions are found only when a problem needs them (parseYamlFast).
  const { data, map } = parseYamlFast(
    bytes,
    file,
    'the dataset is empty: expected a YAML mapping with schema_version, brief, meeting, ...',
  );
  return { name, file, data, map };
}
