#!/usr/bin/env node
/**
 * The command line: `brief [--data FILE|DIR] [--out DIR] [--sources DIR] [--check] ...`.
 * Exit codes: 0 done, 1 a problem in the data or templates, 2 a usage error.
 *
 * Why this file is long: the usage text users read with --help (some 40
 * lines) stays beside the parser it must match, option by option; each
 * option's checks are their own short functions.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { availableFormats, FORMATS, type Format } from './run/pipeline.js';
import { closest, exitCodeFor, UserError } from './shared/diagnostics.js';
import { findDatasets, shown } from './run/datasets.js';
import { recover, type SwapHooks } from './run/swap.js';
import { DEFAULT_TEMPLATES, ROOT } from './shared/paths.js';
import { documentsIn, loadTemplates, needsChanges, type DocumentName } from './render/templates.js';
import { Reporter, type Io } from './run/report.js';
import { Session, type RunOptions } from './run/session.js';
import { runAsProcess } from './run/process.js';
import { watchAndBuild, type Watching } from './run/watch.js';
import { previewAndBuild, type PreviewOptions } from './run/preview/preview.js';
import { watchOptions, WATCH_FLAGS } from './run/preview/options.js';
import { exitCodeOf, handleSignals, registerRun, sweep } from './run/signals.js';
import { Interrupted } from './run/lock.js';
import { loadRecipients } from './run/recipients.js';
import { writeInParallel } from './run/jobs.js';
import { badRevision, sinceIsFile, type Since } from './run/since.js';
import type { PdfA } from './writers/writer.js';

const PDFA_LEVELS: readonly PdfA[] = ['2b', '1b'];

export type { Io } from './run/report.js';

export const USAGE = `Usage: npm run brief -- [options]

Turns curated meeting datasets into a briefing memo, an FAQ, a
country-position matrix and any other document its templates folder holds.

Options:
  -d, --data FILE|DIR|-   dataset file, folder of *.yaml datasets, or - for standard input
                          (default: data/)
      --templates DIR     templates folder (default: templates/)
  -o, --out DIR           output folder; each dataset writes to DIR/<dataset>/ (default: out/)
      --only LIST         documents to make, comma-separated: memo,faq,matrix or any NAME.md.hbs
                          in the templates folder (default: all it holds; --list shows them)
      --format LIST       formats to write, comma-separated: pdf,docx,md (default: all available)
      --sources DIR       folder of source texts: verify every quote and name variant against it
      --recipients FILE   numbered copies of each PDF, one per recipient in FILE (YAML: name,
                          organisation, email), in DIR/<dataset>/copies/ with a distribution register
      --audience ID       build the variant for one of the dataset's audiences (repeatable, or all):
                          every item marked above its level left out, in DIR/<dataset>/<ID>/
      --since OLD         compare with an earlier version: a file, or a git revision (HEAD~1, v3)
                          of the dataset file; shows what changed in every document
      --track-changes     with --since: write the DOCX files with Word tracked changes
      --reference-doc FILE
                          write the DOCX files in the styles of a Word document or template
                          (.docx, .dotx): fonts, headings, lists, table style, page setup
      --pdfa              write archival PDF: PDF/A-2b, still tagged (PDF/UA)
      --pdfa-level LEVEL  the PDF/A level --pdfa writes: 2b (default) or 1b
      --jobs N            datasets built at once, on worker threads (default: 1)
      --check             validate only; print a summary per dataset, write nothing
      --list              list the templates folder's documents and their settings, checking them
  -w, --watch             stay running: rebuild what a change to a dataset or template affects
      --preview           --watch, plus a web page on this machine that shows the PDF pages,
                          the problems of a broken edit, and reloads after each build
      --port N            the port --preview listens on (default: a free one)
      --open              with --preview: open the page in the default browser
  -q, --quiet             print errors only
  -h, --help              show this help
      --version           show the version

Exit codes: 0 success, 1 problems in a dataset or template, 2 usage error.`;

/** Every long option, for the did-you-mean of a misspelt one. */
const LONG_OPTIONS = [...USAGE.matchAll(/^ {2}(?:-\w, )? *(--[a-z][a-z-]*)/gm)].map((m) => m[1]!);

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '') && env.TERM !== 'dumb';
}

const defaultIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  colour: wantsColour(process.stderr) && wantsColour(process.stdout),
};

interface Options {
  data: string;
  templates: string;
  out: string;
  sources?: string;
  check: boolean;
  watch: boolean;
  /** --preview's port (0: a free one) and --open; undefined without --preview. */
  preview?: PreviewOptions;
  quiet: boolean;
  only?: DocumentName[];
  formats: Format[];
  list: boolean;
  recipients?: string;
  pdfa?: PdfA;
  since?: Since;
  trackChanges?: boolean;
  /** --audience: audience ids, or all. */
  audiences?: string[];
  /** --reference-doc: a Word reference document for the DOCX. */
  referenceDoc?: string;
  jobs: number;
}

function list<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: readonly T[],
): T[] {
  if (value === undefined) return [...fallback];
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${flag} needs a value: ${allowed.join(',')}`);
  for (const item of items) {
    if (!allowed.includes(item as T))
      throw new UsageError(`--${flag}: unknown value ${JSON.stringify(item)} (choose from ${allowed.join(', ')})`);
  }
  return allowed.filter((a) => items.includes(a));
}

class UsageError extends Error {}
const usage = (message: string): never => {
  throw new UsageError(message);
};

/** A folder the user named must exist: a missing --templates or --sources is a usage error (exit 2). */
function folder(flag: string, path: string): void {
  let info;
  try {
    info = statSync(path);
  } catch {
    throw new UsageError(`${flag}: no such folder: ${shown(path)}`);
  }
  if (!info.isDirectory()) throw new UsageError(`${flag}: not a folder: ${shown(path)}`);
}

/** The command line by node:util's parseArgs; a misspelt option gets the one meant. */
function readArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string', short: 'd' },
        templates: { type: 'string' },
        out: { type: 'string', short: 'o' },
        only: { type: 'string' },
        format: { type: 'string' },
        sources: { type: 'string' },
        recipients: { type: 'string' },
        since: { type: 'string' },
        audience: { type: 'string', multiple: true },
        'track-changes': { type: 'boolean', default: false },
        'reference-doc': { type: 'string' },
        jobs: { type: 'string' },
        pdfa: { type: 'boolean', default: false },
        'pdfa-level': { type: 'string' },
        check: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        ...WATCH_FLAGS,
        quiet: { type: 'boolean', default: false, short: 'q' },
        help: { type: 'boolean', default: false, short: 'h' },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    const message = (err as Error).message.replace(/\. To specify.*$/s, '.');
    // A misspelt option: the one meant, when it is close.
    const unknown = /^Unknown option '(--[^']+)'/.exec(message)?.[1];
    const meant = unknown ? closest(unknown, LONG_OPTIONS) : undefined;
    throw new UsageError(meant ? `${message.replace(/\.$/, '')}: did you mean ${meant}?` : message);
  }
}

function parse(argv: string[]): Options | 'help' | 'version' {
  const v = readArgs(argv).values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  for (const name of ['data', 'templates', 'out', 'sources', 'recipients', 'reference-doc'] as const) {
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
    ...watchOptions(v, usage),
    quiet: v.quiet ?? false,
    formats,
    list: v.list ?? false,
    // One at a time by default: on two cores, two workers measured no faster (each isolate's own
    // garbage collector and compiler threads already keep both cores busy); see README Performance.
    jobs: 1,
  };
  if (v.jobs !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(v.jobs))
      throw new UsageError(`--jobs: ${JSON.stringify(v.jobs)} is not a number of jobs (1 to 999)`);
    options.jobs = Number(v.jobs);
  }
  if (v.sources !== undefined) options.sources = resolve(v.sources);
  outputOptions(v, options);
  if (options.check && options.watch) throw new UsageError('--check and --watch do not go together');
  // /dev/stdin is standard input by another name (and cannot be opened when it is a socket, as under some launchers).
  const stdin = v.data === '-' || v.data === '/dev/stdin' || v.data === '/proc/self/fd/0';
  if (stdin && options.watch) throw new UsageError('--watch cannot watch standard input (--data -)');
  if (stdin) options.data = '-';
  if (v.since !== undefined) options.since = sinceOption(v.since, options.data, stdin);
  folder('--templates', options.templates);
  if (options.sources !== undefined) folder('--sources', options.sources);
  if (v.only !== undefined) options.only = onlyOption(v.only, options.templates, v.since !== undefined);
  return options;
}

/** Runs the command line; `hooks` is a test-only seam into the output folder swap. */
type Values = ReturnType<typeof readArgs>['values'];

/** --recipients, --track-changes, --reference-doc and --pdfa, each checked against the formats and the options it goes with. */
function outputOptions(v: Values, options: Options): void {
  if (v.recipients !== undefined) {
    if (!options.formats.includes('pdf'))
      throw new UsageError('--recipients makes numbered copies of the PDFs: --format must include pdf');
    options.recipients = resolve(v.recipients);
  }
  if (v['track-changes']) {
    if (v.since === undefined)
      throw new UsageError('--track-changes needs --since: the earlier version the changes are tracked against');
    if (!options.formats.includes('docx'))
      throw new UsageError('--track-changes writes Word tracked changes: --format must include docx');
    options.trackChanges = true;
  }
  if (v['reference-doc'] !== undefined) {
    if (!options.formats.includes('docx'))
      throw new UsageError('--reference-doc styles the DOCX files: --format must include docx');
    options.referenceDoc = resolve(v['reference-doc']);
  }
  const level = v['pdfa-level'];
  if (level !== undefined && !PDFA_LEVELS.includes(level as PdfA))
    throw new UsageError(
      `--pdfa-level: unknown level ${JSON.stringify(level)} (choose from ${PDFA_LEVELS.join(', ')})`,
    );
  if (level !== undefined && !v.pdfa) throw new UsageError('--pdfa-level goes with --pdfa');
  if (v.pdfa) options.pdfa = (level as PdfA | undefined) ?? '2b';
  if (v.audience !== undefined) {
    const ids = v.audience.flatMap((a) => a.split(',')).map((a) => a.trim());
    if (ids.some((id) => id === '')) throw new UsageError('--audience needs an audience id (or all)');
    options.audiences = [...new Set(ids)];
  }
}

/** --since: an earlier file, or a git revision of the dataset's file. */
function sinceOption(since: string, data: string, stdin: boolean): NonNullable<Options['since']> {
  if (since === '') throw new UsageError('--since needs a file or a git revision');
  if (sinceIsFile(since)) return { file: resolve(since) };
  if (stdin)
    throw new UsageError('--since REVISION needs the dataset as a file in a git repository, not standard input');
  const why = badRevision(since, statSync(data, { throwIfNoEntry: false })?.isDirectory() ? data : dirname(data));
  if (why) throw new UsageError(`--since: ${why}`);
  return { revision: since };
}

/** Documents are the templates folder's NAME.md.hbs files: --only names some of them. */
function onlyOption(only: string, templates: string, since: boolean): DocumentName[] {
  const found = documentsIn(templates);
  const asked = only
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  if (asked.length === 0) throw new UsageError(`--only needs a value: ${found.join(',')}`);
  for (const d of asked) {
    if (!found.includes(d))
      throw new UsageError(
        `--only: no document ${JSON.stringify(d)} in ${shown(templates)} (it holds ${found.length ? found.join(', ') : 'no NAME.md.hbs templates'})`,
      );
  }
  const chosen = found.filter((d) => asked.includes(d));
  // A document made only against an earlier version, asked for without one, would write nothing: say so before anything is made.
  const waiting = since ? [] : chosen.filter((d) => needsChanges(templates, d));
  if (waiting.length)
    throw new UsageError(
      `--only ${waiting.join(',')}: ${waiting.length === 1 ? 'this document lists' : 'these documents list'} what changed since an earlier version: give --since (a file or a git revision)`,
    );
  return chosen;
}

export async function main(argv: string[], io: Io = defaultIo, hooks?: SwapHooks): Promise<number> {
  let options;
  try {
    options = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`brief: ${err.message} (see --help)`);
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

  // One earlier file is the earlier version of one dataset, not of every dataset in a folder.
  if (
    options.since &&
    'file' in options.since &&
    options.data !== '-' &&
    (await findDatasets(options.data, () => {}).catch(() => [])).length > 1
  ) {
    io.err(
      "brief: --since FILE compares one dataset: give --data that dataset's file, or --since a git revision (see --help)",
    );
    return 2;
  }
  const reporter = new Reporter(io, options.quiet);
  if (options.list) return listDocuments(options.templates, io, reporter);
  const runOptions = runOptionsOf(options, hooks);
  const session = new Session(runOptions, reporter);
  return run(options, session, io, hooks);
}

/** The run itself, once the options are read: --watch, --check or a build, and what stopped it. */
async function run(options: Options, session: Session, io: Io, hooks: SwapHooks | undefined): Promise<number> {
  const { reporter, options: runOptions } = session;
  // Ctrl-C, SIGTERM, SIGHUP: no lock or hidden folder left, the outputs complete (run/signals.ts). --watch takes the first one itself.
  let watching: Watching | undefined;
  registerRun(options.out, () => (watching ? (watching.stop(), true) : false));
  try {
    // Whatever an interrupted run left in --out is finished or undone first (also by --check).
    reportRecovered(await recover(options.out), options.out, reporter);
    if (options.watch) {
      // The first Ctrl-C (or SIGTERM) stops the watch, and the preview's server with it (run/signals.ts asks `watching`).
      watching = options.preview
        ? await previewAndBuild(session, options.data, options.preview)
        : await watchAndBuild(session, options.data);
      await watching.done;
      return 0;
    }
    // The recipients are read and checked before anything is built: a mistake there writes nothing.
    if (options.recipients) session.recipients = await loadRecipients(options.recipients);
    const files = await findDatasets(options.data, (w) => reporter.warn(w));
    if (options.check) return (await session.check(files)) ? 1 : 0;
    // Templates are loaded and checked once, before any dataset is written.
    if (!(await session.loadTemplates())) return 1;
    // Several datasets: on worker threads, unless one job is asked for (or a test watches the folder swap).
    const result =
      options.jobs > 1 && files.length > 1 && !hooks
        ? await writeInParallel(
            files,
            options.jobs,
            {
              options: runOptions,
              ...(session.recipients ? { recipients: session.recipients } : {}),
              colour: !!io.colour,
            },
            (l) => (l.stream === 'out' ? io.out(l.text) : io.err(l.text)),
          )
        : await session.write(files);
    reporter.summary(result, files.length);
    return result.failed ? 1 : 0;
  } catch (err) {
    if (err instanceof UserError) {
      reporter.problems(err.diagnostics);
      return exitCodeFor(err.diagnostics);
    }
    if (err instanceof Interrupted) {
      // The swap in progress has undone itself; anything else of this process in --out goes too.
      sweep(options.out);
      io.err(`brief: stopped by ${err.signal}; nothing half-written is left in the output folder`);
      return exitCodeOf(err.signal);
    }
    throw err;
  }
}

/** What an interrupted run had left in --out and recovery finished or undid. */
function reportRecovered(recovered: Awaited<ReturnType<typeof recover>>, out: string, reporter: Reporter): void {
  for (const r of recovered.restored)
    reporter.warn(`${r}: put back the previous outputs, which an interrupted run had moved aside`);
  for (const f of recovered.failed) reporter.warn(f);
  if (recovered.removed.length)
    reporter.warn(
      `${shown(out)}: removed ${recovered.removed.length} temporary item${recovered.removed.length === 1 ? '' : 's'} left by an interrupted run`,
    );
}

/** What a build of the datasets is given (the options that --jobs hands to each worker too). */
function runOptionsOf(options: Options, hooks: SwapHooks | undefined): RunOptions {
  return {
    templates: options.templates,
    out: options.out,
    ...(options.pdfa ? { pdfa: options.pdfa } : {}),
    ...(options.since ? { since: options.since } : {}),
    ...(options.trackChanges ? { trackChanges: true } : {}),
    ...(options.audiences ? { audiences: options.audiences } : {}),
    ...(options.referenceDoc ? { referenceDoc: options.referenceDoc } : {}),
    ...(options.only ? { only: options.only } : {}),
    formats: options.formats,
    quiet: options.quiet,
    ...(options.sources ? { sources: options.sources } : {}),
    ...(hooks ? { hooks } : {}),
  };
}

/** --list: each document of the templates folder with its settings (the folder is checked on the way). */
async function listDocuments(dir: string, io: Io, reporter: Reporter): Promise<number> {
  let set;
  try {
    set = await loadTemplates(dir);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    reporter.problems(err.diagnostics);
    return exitCodeFor(err.diagnostics);
  }
  io.out(`${shown(dir)}: ${set.templates.size} document${set.templates.size === 1 ? '' : 's'}`);
  // Names as wide as the longest, so that the settings line up however long a document's name is.
  const width = Math.max(12, ...[...set.templates.keys()].map((n) => n.length));
  for (const [name, t] of set.templates) {
    const f = t.front;
    const settings = [
      `kind: ${f.kind}`,
      f.orientation,
      f.paper ?? set.theme.page.size,
      `marking: ${f.marking ?? set.theme.marking}`,
      ...(f.language ? [`language: ${f.language}`] : []),
      ...(f.pages ? [`pages: ${f.pages}`] : []),
      ...(f.needs ? [`needs: ${f.needs} (--since)`] : []),
    ];
    io.out(`  ${name.padEnd(width)} ${settings.join('; ')}`);
  }
  return 0;
}

/**
 * Runs the command line as a process (src/run/process.ts: exit code, a closed pipe, an internal error's stack).
 * `hooks`: the tests' seam into the folder swap (test/support/signal-at.mjs signals the built CLI at a step).
 */
export function runProcess(argv: string[], hooks?: SwapHooks): void {
  handleSignals((line) => process.stderr.write(`${line}\n`));
  runAsProcess(() => main(argv, defaultIo, hooks));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  runProcess(process.argv.slice(2));
