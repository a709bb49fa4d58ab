#!/usr/bin/env node
/**
 * The command line: `brief [--data FILE|DIR] [--out DIR] [--sources DIR] [--check] ...`.
 * Exit codes: 0 done, 1 a problem in the data or templates, 2 a usage error.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { availableFormats, buildDataset, checkFile, FORMATS, type Format } from './build.js';
import { summarise } from './data/check.js';
import { formatDiagnostic, UserError, type Diagnostic } from './data/diagnostics.js';
import { findDatasets, shown } from './datasets.js';
import { DEFAULT_TEMPLATES, ROOT } from './paths.js';
import { DOCUMENTS, loadTemplates, type DocumentName } from './render/templates.js';

export const USAGE = `Usage: npm run brief -- [options]

Turns curated meeting datasets into a briefing memo, an FAQ and a
country-position matrix.

Options:
  --data FILE|DIR     dataset file, or folder of *.yaml datasets (default: data/)
  --templates DIR     templates folder (default: templates/)
  --out DIR           output folder; each dataset writes to DIR/<dataset>/ (default: out/)
  --only LIST         documents to make, comma-separated: memo,faq,matrix (default: all)
  --format LIST       formats to write, comma-separated: pdf,docx,md (default: all available)
  --sources DIR       folder of source texts: verify every quote and name variant against it
  --check             validate only; print a summary per dataset, write nothing
  --help              show this help
  --version           show the version

Exit codes: 0 success, 1 problems in a dataset or template, 2 usage error.`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

interface Options {
  data: string;
  templates: string;
  out: string;
  sources?: string;
  check: boolean;
  only: DocumentName[];
  formats: Format[];
}

function list<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: readonly T[]): T[] {
  if (value === undefined) return [...fallback];
  const items = value.split(',').map((v) => v.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${flag} needs a value: ${allowed.join(',')}`);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new UsageError(`--${flag}: unknown value ${JSON.stringify(item)} (choose from ${allowed.join(', ')})`);
  }
  return allowed.filter((a) => items.includes(a));
}

class UsageError extends Error {}

function parse(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        templates: { type: 'string' },
        out: { type: 'string' },
        only: { type: 'string' },
        format: { type: 'string' },
        sources: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, '.'));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  for (const name of ['data', 'templates', 'out', 'sources'] as const) {
    if (v[name] !== undefined && v[name] === '') throw new UsageError(`--${name} needs a path`);
  }
  const formats = list('format', v.format, FORMATS, availableFormats());
  const missing = formats.filter((f) => !availableFormats().includes(f));
  if (missing.length) throw new UsageError(`--format: ${missing.join(', ')} output is not available in this version`);
  const options: Options = {
    data: resolve(v.data ?? join(ROOT, 'data')),
    templates: resolve(v.templates ?? DEFAULT_TEMPLATES),
    out: resolve(v.out ?? join(ROOT, 'out')),
    check: v.check ?? false,
    only: list('only', v.only, DOCUMENTS, DOCUMENTS),
    formats,
  };
  if (v.sources !== undefined) options.sources = resolve(v.sources);
  return options;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let options;
  try {
    options = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`brief: ${err.message}`);
    io.err(USAGE);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (options === 'version') {
    io.out((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    return 0;
  }

  try {
    return await run(options, io);
  } catch (err) {
    if (err instanceof UserError) {
      report(err.diagnostics, io);
      return err.exitCode;
    }
    throw err;
  }
}

function report(diagnostics: Diagnostic[], io: Io): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d));
}

async function run(options: Options, io: Io): Promise<number> {
  const started = performance.now();
  const files = await findDatasets(options.data);
  // Templates are loaded (and checked) once, before any dataset is written.
  const templates = options.check ? undefined : await loadTemplates(options.templates, options.only);
  let failed = 0;
  let written = 0;
  let bytes = 0;
  for (const file of files) {
    try {
      const dataset = await checkFile(file, options.sources);
      if (options.check || !templates) {
        io.out(summarise(dataset));
        continue;
      }
      for (const w of await buildDataset(dataset, templates, { outDir: options.out, only: options.only, formats: options.formats })) {
        written++;
        bytes += w.bytes;
        io.out(`${shown(w.path).padEnd(48)} ${w.pages !== undefined ? `${w.pages} p`.padStart(5) : '     '} ${size(w.bytes).padStart(9)} ${`${Math.round(w.ms)} ms`.padStart(7)}`);
      }
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      report(err.diagnostics, io);
      io.err(`${shown(file)}: ${err.diagnostics.length} problem${err.diagnostics.length === 1 ? '' : 's'}; nothing written for it`);
      failed++;
    }
  }
  if (!options.check) {
    const ok = files.length - failed;
    io.out(`${written} file${written === 1 ? '' : 's'} (${size(bytes)}) for ${ok} dataset${ok === 1 ? '' : 's'} in ${Math.round(performance.now() - started)} ms${failed ? `; ${failed} dataset${failed === 1 ? '' : 's'} failed` : ''}`);
  }
  return failed ? 1 : 0;
}

function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // A closed pipe (brief | head) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`brief: internal error: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
