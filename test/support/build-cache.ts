// The run's shared build cache: a test asks for "the built command line run
// with these arguments" and gets the output folder, built once per test run
// for every test file that asks (keyed by the bundle dist/brief.mjs, the
// arguments, and the content of every file or folder they name), under the
// folder test/global-setup.ts makes for the run and removes at its end.
// Workers share it: the first to ask builds into a folder of its own and
// renames it into place, holding a lock file; another waits for the rename.
// The folder is shared, so it is read-only by agreement: a test that changes
// what is in it, or runs the command line again into it, takes builtCopy.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { inject } from 'vitest';
import { BUILT_CLI, ROOT, runCli, tempDir, type CliResult } from '../helpers.js';
import { hashPath, traceRun } from './trace.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    buildCache: string;
  }
}

export interface Built extends CliResult {
  /** The folder given as --out. */
  out: string;
}

let bundle: string | undefined;

/** The cache key: the bundle, and each argument, a path also by its content (a changed file is a new build). */
export function buildKey(args: string[], env: Record<string, string> = {}): string {
  bundle ??= hashPath(join(ROOT, 'dist'));
  const parts = args.map((a) => {
    const path = isAbsolute(a) ? a : resolve(ROOT, a);
    return !a.startsWith('-') && existsSync(path) ? `${a}#${hashPath(path)}` : a;
  });
  return createHash('sha256')
    .update(JSON.stringify([bundle, parts, env]))
    .digest('hex')
    .slice(0, 24);
}

/** The built command line in its own process, run from the project's folder; its output, as runCli gives it. */
function spawnCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', fail);
    child.on('close', (code) => {
      // runCli joins the lines the run prints; the process ends each with a newline.
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8').replace(/\n$/, '');
      done({ code: code ?? 1, stdout: text(out), stderr: text(err) });
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Takes the key's lock file, or says who holds it; a lock whose process has ended is taken over. */
function lock(file: string): number | undefined {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    return fd;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && !alive(holder)) rmSync(file, { force: true });
    return undefined;
  }
}

async function buildOnce(key: string, args: string[], env: Record<string, string>): Promise<Built> {
  const dir = join(inject('buildCache'), key);
  const result = join(dir, 'result.json');
  const cached = (): Built => ({ ...(JSON.parse(readFileSync(result, 'utf8')) as CliResult), out: join(dir, 'out') });
  for (let waited = 0; ; waited += 100) {
    if (existsSync(result)) return cached();
    const fd = lock(`${dir}.lock`);
    if (fd === undefined) {
      if (waited > 600_000)
        throw new Error(`build cache: waited 10 minutes for another worker to build ${args.join(' ')}`);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      if (existsSync(result)) return cached();
      const building = mkdtempSync(`${dir}.building-`);
      const r = await spawnCli([...args, '--out', join(building, 'out')], env);
      // The output folder the run printed is the one the tests are given.
      const moved = (s: string) => s.split(join(building, 'out')).join(join(dir, 'out'));
      writeFileSync(
        join(building, 'result.json'),
        JSON.stringify({ code: r.code, stdout: moved(r.stdout), stderr: moved(r.stderr) }),
      );
      renameSync(building, dir);
      return cached();
    } finally {
      closeSync(fd);
      rmSync(`${dir}.lock`, { force: true });
    }
  }
}

const pending = new Map<string, Promise<Built>>();

/** The run's cache folder; none where no global setup made one (the mutation run's config, vitest.mutation.config.ts). */
const cacheRoot = (): string | undefined => inject('buildCache') as string | undefined;

/** Without a cache, the test's own build, in this process (so that a mutant in src/ is what builds). */
async function ownBuild(args: string[], env: Record<string, string>): Promise<Built> {
  if (Object.keys(env).length)
    throw new Error("build cache: a build with its own environment needs the run's global setup");
  const out = tempDir('brief-built-');
  return { ...(await runCli([...args, '--out', out])), out };
}

/**
 * The built command line run with `args` (and --out, which it adds), once for
 * the whole test run: the output folder is shared and must not be changed.
 * `env` adds to the environment (and to the key).
 */
export function built(args: string[], env: Record<string, string> = {}): Promise<Built> {
  if (!cacheRoot()) return ownBuild(args, env);
  const key = buildKey(args, env);
  traceRun('built', args);
  let p = pending.get(key);
  if (!p) pending.set(key, (p = buildOnce(key, args, env)));
  return p;
}

/** As built, in a fresh folder of the test's own (a copy), for a test that changes it or builds into it again. */
export async function builtCopy(args: string[], env: Record<string, string> = {}): Promise<Built> {
  const r = await built(args, env);
  const out = tempDir('brief-built-');
  if (existsSync(r.out)) cpSync(r.out, out, { recursive: true });
  const moved = (s: string) => s.split(r.out).join(out);
  return { code: r.code, stdout: moved(r.stdout), stderr: moved(r.stderr), out };
}

/**
 * A folder holding copies of the dataset files `files`, one for the run per
 * set of files (in any order): test files that build the same fixtures as a
 * folder name the same folder, so their builds share one key.
 */
export function datasetsFolder(files: string[]): string {
  const names = [...new Set(files)].sort((a, b) => basename(a).localeCompare(basename(b)));
  const dir = join(
    cacheRoot() ?? tempDir('brief-data-'),
    `data-${createHash('sha256').update(names.map(hashPath).join()).update(names.join()).digest('hex').slice(0, 16)}`,
  );
  if (existsSync(dir)) return dir;
  const copying = mkdtempSync(`${dir}.copying-`);
  for (const f of names) copyFileSync(f, join(copying, basename(f)));
  try {
    renameSync(copying, dir);
  } catch {
    // Another worker made it first.
    rmSync(copying, { recursive: true, force: true });
  }
  return dir;
}
