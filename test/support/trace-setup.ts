// The parts of BRIEF_TEST_TRACE (test/support/trace.mjs) that test/global-setup.ts
// and vitest.config.ts start: shims that log each start of Java and LibreOffice
// before running the real one, and the preload that logs each Node process.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Puts the shims first on PATH and the preload in NODE_OPTIONS, for the workers and what they start. */
export function startTrace(root: string, trace: string): void {
  const bin = join(root, 'trace-bin');
  mkdirSync(bin);
  for (const name of ['java', 'soffice']) {
    const real = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (!real) continue;
    const line = `{"kind":"${name}","file":"'"$BRIEF_TEST_FILE"'"}`;
    writeFileSync(join(bin, name), `#!/bin/sh\nprintf '%s\\n' '${line}' >> '${trace}'\nexec '${real}' "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  process.env.PATH = `${bin}${delimiter}${process.env.PATH}`;
  const preload = resolve(import.meta.dirname, 'trace-node.mjs');
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim();
}
