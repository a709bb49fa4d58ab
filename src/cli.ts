#!/usr/bin/env node
/**
 * The command line: `brief [--data FILE|DIR] [--out DIR] [--sources DIR] [--check] ...`.
 * Exit codes: 0 done, 1 a problem in the data or templates, 2 a usage error.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkDataset, summarise } from './data/check.js';
import { formatDiagnostic, UserError, type Diagnostic } from './data/diagnostics.js';
import { loadDatasetFile } from './data/load.js';
import { findDatasets, shown } from './datasets.js';
import { ROOT } from './paths.js';

export const USAGE = `Usage: npm run brief -- [options]

Turns curated meeting datasets into a briefing memo, an FAQ and a
country-position matrix.

Options:
  --data FILE|DIR     dataset file, or folder of *.yaml datasets (default: data/)
  --out DIR           output folder; each dataset writes to DIR/<dataset>/ (default: out/)
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
  out: string;
  sources?: string;
  check: boolean;
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
        out: { type: 'string' },
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
  for (const name of ['data', 'out', 'sources'] as const) {
    if (v[name] !== undefined && v[name] === '') throw new UsageError(`--${name} needs a path`);
  }
  const options: Options = {
    data: resolve(v.data ?? join(ROOT, 'data')),
    out: resolve(v.out ?? join(ROOT, 'out')),
    check: v.check ?? false,
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
  const files = await findDatasets(options.data);
  let failed = 0;
  for (const file of files) {
    let result;
    try {
      result = await checkDataset(await loadDatasetFile(file, shown(file)), options.sources ? { sourcesDir: options.sources } : {});
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      result = { ok: false as const, diagnostics: err.diagnostics };
    }
    if (!result.ok) {
      report(result.diagnostics, io);
      io.err(`${shown(file)}: ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'}`);
      failed++;
      continue;
    }
    if (options.check) io.out(summarise(result.dataset));
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      process.stderr.write(`brief: internal error: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
