#!/usr/bin/env node
/**
 * `npm run brief`: runs the compiled command line (dist/brief.mjs). Nobody
 * runs stale code: when any file under src/ is newer than the build (an edit
 * since `npm ci`), it is built again first (about a tenth of a second), and
 * said so on standard error.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OUT, ROOT, buildBrief } from './build.mjs';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = statSync(OUT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'scripts', 'build.mjs')).mtimeMs)) {
  process.stderr.write(
    built
      ? 'brief: src/ changed since the last build; building dist/brief.mjs again\n'
      : 'brief: building dist/brief.mjs\n',
  );
  await buildBrief();
}
const { runProcess } = await import(pathToFileURL(OUT).href);
runProcess(process.argv.slice(2));
