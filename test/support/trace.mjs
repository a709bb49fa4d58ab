// BRIEF_TEST_TRACE=<file>: measures what a test run starts (README, "The test
// suite"). Each run of the command line, in process (test/helpers.ts's runCli)
// or spawned (every Node process, through the --import this file's preload
// adds), and each start of Java or LibreOffice (shims put first on PATH by
// test/global-setup.ts) is appended to <file> as one JSON line. A run's key
// names its arguments with each path replaced by its content's hash and the
// output folder by "<out>": two runs with one key built the same thing.
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

export const TRACE = process.env.BRIEF_TEST_TRACE;

/** A file's or folder's content (names and bytes) as a short hash. */
export function hashPath(path) {
  const h = createHash('sha256');
  const walk = (p) => {
    const s = statSync(p);
    if (!s.isDirectory()) return h.update(`${relative(path, p)}\0`).update(readFileSync(p));
    for (const e of readdirSync(p).sort()) walk(join(p, e));
  };
  walk(path);
  return h.digest('hex').slice(0, 12);
}

/** The arguments with each existing path replaced by its content's hash, the output folder by "<out>". */
export function runKey(args, cwd = process.cwd()) {
  return args.map((a, i) => {
    if (i > 0 && (args[i - 1] === '--out' || args[i - 1] === '-o')) return '<out>';
    if (typeof a !== 'string' || a === '' || a.startsWith('-')) return a;
    try {
      return `#${hashPath(resolve(cwd, a))}`;
    } catch {
      return a;
    }
  });
}

/** Appends one run to the trace (a no-op unless BRIEF_TEST_TRACE is set). */
export function traceRun(kind, args) {
  if (!TRACE) return;
  const line = { kind, file: process.env.BRIEF_TEST_FILE ?? '', args, key: runKey(args).join(' ') };
  appendFileSync(TRACE, `${JSON.stringify(line)}\n`);
}

/** The test file a worker is running, for the lines its spawned processes write. */
export const scriptName = (argv) => (argv[1] ? basename(argv[1]) : '');
