import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'vitest';
import { main } from '../src/cli.js';
import { parseMarkdown } from '../src/doc/parse.js';
import type { Doc, Meta } from '../src/doc/tree.js';
import { traceRun } from './support/trace.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
/** The compiled command line, built from src/ once per run by test/global-setup.ts: spawned tests run it, not the TypeScript through tsx. */
export const BUILT_CLI = join(ROOT, 'dist', 'brief.mjs');
/** The seed reports (../shared/seeds); BRIEF_SEEDS names them where the project is copied elsewhere (the mutation run's sandbox). */
export const SEEDS = process.env.BRIEF_SEEDS ?? resolve(ROOT, '..', 'shared', 'seeds');
export const HAVE_SEEDS = existsSync(SEEDS);
let seedsWarned = false;

/** A test that reads the seed reports: skipped, with one line saying why, when they are absent. */
export function itWithSeeds(name: string, fn: () => Promise<void> | void): void {
  if (!HAVE_SEEDS && !seedsWarned) {
    seedsWarned = true;
    console.warn(`skipped: tests that read the seed reports, since ${SEEDS} is absent (the project's ../shared/seeds)`);
  }
  it.skipIf(!HAVE_SEEDS)(name, fn);
}
export const BUNDLED = join(ROOT, 'data', 'coalition-of-the-willing-2025-04-10.yaml');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'fictional-roundtable-2024-11-05.yaml');
export const FIXTURE_SOURCES = join(ROOT, 'test', 'fixtures', 'sources');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, capturing what it prints. */
export async function runCli(args: string[]): Promise<CliResult> {
  traceRun('runCli', args);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function tempDir(prefix = 'brief-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `text` to a fresh temp file and returns its path. */
export function writeTemp(name: string, text: string | Uint8Array, dir = tempDir()): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function fixtureText(): string {
  return readFileSync(FIXTURE, 'utf8');
}

/** The fixture with one exact string replaced (which must occur exactly once). */
export function fixtureWith(find: string, replace: string): string {
  const text = fixtureText();
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0)
    throw new Error(`fixture must contain ${JSON.stringify(find)} exactly once`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

/** 1-based line and column of the first occurrence of `needle` (plus `offset` characters). */
export function where(text: string, needle: string, offset = 0): { line: number; col: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length;
  const col = at + offset - before.lastIndexOf('\n');
  return { line, col };
}

/** Metadata for documents made in tests. */
export const TEST_META: Meta = {
  title: 'Test',
  kind: 'Test',
  marking: 'OFFICIAL',
  author: 'Brief tests',
  subject: 'Test',
  keywords: [],
  language: 'en-GB',
  date: new Date('2025-04-10T00:00:00Z'),
  paper: 'A4',
  orientation: 'portrait',
  margins: { top: 20, bottom: 18, left: 22, right: 22 },
  pageLabel: 'Page {n} of {total}',
  properties: [],
};

/** Markdown -> document, with test metadata (and any of it changed). */
export function parse(markdown: string, meta: Partial<Meta> = {}): Doc {
  return parseMarkdown(markdown, { ...TEST_META, ...meta });
}

/** The external tools the tests read outputs with, and the Debian package each comes in (.ci/run installs them). */
const TOOLS: Record<string, string> = {
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfimages: 'poppler-utils',
  qpdf: 'qpdf',
  mutool: 'mupdf-tools',
  soffice: 'libreoffice-writer-nogui',
  java: 'default-jre-headless',
};
const found = new Map<string, boolean>();

/** The tool's name, once it is known to be installed; else the test fails with one line naming the Debian package. */
export function tool(name: keyof typeof TOOLS & string): string {
  if (!found.has(name)) found.set(name, spawnSync('sh', ['-c', `command -v ${name}`]).status === 0);
  if (!found.get(name))
    throw new Error(
      `${name} is not installed: this test needs it; install the Debian package ${TOOLS[name]} (apt-get install ${TOOLS[name]}; .ci/run does)`,
    );
  return name;
}

/** A file a test needs from a Debian package (PDFBox Preflight's jars): its path, or one line naming the package. */
export function packageFile(path: string, pkg: string): string {
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: this test needs it; install the Debian package ${pkg} (apt-get install ${pkg}; .ci/run does)`,
    );
  return path;
}

export interface WatchRun {
  data: string;
  templates: string;
  out: string;
  /** Everything the run has printed so far on each stream. */
  readonly stdout: string;
  readonly stderr: string;
  /** Waits until `pred` holds (20 s at most; the message then shows what was printed). */
  waitFor(pred: () => boolean, what: string): Promise<void>;
  /** Ctrl-C, as a user stops a watch: the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The built CLI watching a copy of the fixture (saved as `<name>.yaml` in a
 * data folder of its own) and of the shipped templates, with the command line
 * `args` gives for those folders; what it prints is collected.
 */
export function startWatch(
  name: string,
  args: (d: { data: string; templates: string; out: string }) => string[],
): WatchRun {
  const root = tempDir('brief-watch-');
  const dirs = { data: join(root, 'data'), templates: join(root, 'templates'), out: join(root, 'out') };
  mkdirSync(dirs.data);
  cpSync(FIXTURE, join(dirs.data, `${name}.yaml`));
  cpSync(join(ROOT, 'templates'), dirs.templates, { recursive: true });
  const child = spawn(process.execPath, [join(ROOT, 'scripts/brief.mjs'), ...args(dirs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  return {
    ...dirs,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    async waitFor(pred, what) {
      const start = Date.now();
      while (!pred()) {
        if (Date.now() - start > 20_000)
          throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** Every path under a folder, sorted, for "nothing else was written" and "out/ as it was". */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(prefix + e.name);
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
    }
  };
  walk(dir, '');
  return out.sort();
}
