/** Where Brief's own files live, whether run from src/ (tsx) or dist/ (compiled). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'schema'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`Brief's package root not found above ${start}`);
    dir = up;
  }
}

/** The package root: the folder holding package.json, data/, templates/. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const SCHEMA_FILE = join(ROOT, 'data', 'schema', 'brief.schema.json');
export const THEME_SCHEMA_FILE = join(ROOT, 'data', 'schema', 'theme.schema.json');
export const FRONT_MATTER_SCHEMA_FILE = join(ROOT, 'data', 'schema', 'front-matter.schema.json');
export const LABELS_SCHEMA_FILE = join(ROOT, 'data', 'schema', 'labels.schema.json');
export const RECIPIENTS_SCHEMA_FILE = join(ROOT, 'data', 'schema', 'recipients.schema.json');
export const DEFAULT_TEMPLATES = join(ROOT, 'templates');
