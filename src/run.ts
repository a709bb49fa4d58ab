/**
 * A run of Brief over some datasets: check each, render, write, and say what
 * was written. A Session keeps the loaded templates and checked datasets, so
 * that watch mode rebuilds only what a change affects.
 */
import { buildDataset, checkFile, type Format, type WrittenFile } from './build.js';
import { summarise } from './data/check.js';
import { formatDiagnostic, UserError, type Diagnostic } from './data/diagnostics.js';
import { shown, type DatasetFile } from './datasets.js';
import type { SwapHooks } from './output/swap.js';
import { loadTemplates, type DocumentName, type TemplateSet } from './render/templates.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether to colour the output (a terminal, and NO_COLOR unset). */
  colour?: boolean;
}

export interface RunOptions {
  templates: string;
  out: string;
  sources?: string;
  only: DocumentName[];
  formats: Format[];
  quiet: boolean;
  /** Test-only seam into the output folder swap. */
  hooks?: SwapHooks;
}

export interface RunResult {
  failed: number;
  written: number;
  bytes: number;
  ms: number;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', reset: '\x1b[0m' };

export class Reporter {
  constructor(private readonly io: Io, private readonly quiet: boolean) {}

  private paint(code: keyof typeof ANSI, text: string): string {
    return this.io.colour ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  }

  info(line: string): void {
    if (!this.quiet) this.io.out(line);
  }

  /** Something skipped or repaired: on standard error, even with --quiet. */
  warn(line: string): void {
    const at = line.indexOf(': ');
    this.io.err(at > 0 ? `${this.paint('bold', line.slice(0, at))}: ${this.paint('yellow', line.slice(at + 2))}` : this.paint('yellow', line));
  }

  file(w: WrittenFile): void {
    const pages = w.pages !== undefined ? `${w.pages} p` : '';
    this.info(`${shown(w.path).padEnd(48)} ${pages.padStart(5)} ${size(w.bytes).padStart(9)} ${this.paint('dim', `${Math.round(w.ms)} ms`.padStart(7))}`);
  }

  problems(diagnostics: Diagnostic[], file?: string): void {
    for (const d of diagnostics) {
      const [first, ...rest] = formatDiagnostic(d).split('\n');
      const at = first!.indexOf(': ');
      this.io.err(at > 0 ? `${this.paint('bold', first!.slice(0, at))}: ${this.paint('red', first!.slice(at + 2))}` : this.paint('red', first!));
      for (const r of rest) this.io.err(this.paint('dim', r));
    }
    if (file) this.io.err(`${file}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}; nothing written for it`);
  }

  summary(r: RunResult, datasets: number, verb = 'wrote'): void {
    const ok = datasets - r.failed;
    const tail = r.failed ? `; ${this.paint('red', `${r.failed} dataset${r.failed === 1 ? '' : 's'} failed`)}` : '';
    this.info(`${verb === 'wrote' ? '' : verb + ': '}${r.written} file${r.written === 1 ? '' : 's'} (${size(r.bytes)}) for ${ok} dataset${ok === 1 ? '' : 's'} in ${Math.round(r.ms)} ms${tail}`);
  }
}

export function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export class Session {
  templates: TemplateSet | undefined;
  private readonly datasets = new Map<string, Awaited<ReturnType<typeof checkFile>>>();

  constructor(readonly options: RunOptions, readonly reporter: Reporter) {}

  /** Loads (or reloads) the templates; on a mistake, reports it and returns false. */
  async loadTemplates(): Promise<boolean> {
    try {
      this.templates = await loadTemplates(this.options.templates, this.options.only);
      return true;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.templates = undefined;
      this.reporter.problems(err.diagnostics);
      return false;
    }
  }

  /** Checks the dataset file again (after a change). */
  forget(file: string): void {
    this.datasets.delete(file);
  }

  /** Builds the given documents of the given datasets; datasets already checked are not read again. */
  async build(files: DatasetFile[], docs: readonly DocumentName[] = this.options.only): Promise<RunResult> {
    const started = performance.now();
    const result: RunResult = { failed: 0, written: 0, bytes: 0, ms: 0 };
    if (!this.templates) {
      result.failed = files.length;
      return result;
    }
    for (const entry of files) {
      const file = entry.path;
      try {
        if (entry.problem) throw new UserError([entry.problem]);
        let dataset = this.datasets.get(file);
        if (!dataset) {
          dataset = await checkFile(entry, this.options.sources);
          this.datasets.set(file, dataset);
        }
        const written = await buildDataset(dataset, this.templates, { outDir: this.options.out, only: docs, formats: this.options.formats, ...(this.options.hooks ? { hooks: this.options.hooks } : {}) });
        for (const w of written) {
          result.written++;
          result.bytes += w.bytes;
          this.reporter.file(w);
        }
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        this.datasets.delete(file);
        this.reporter.problems(err.diagnostics, shown(file));
        result.failed++;
      }
    }
    result.ms = performance.now() - started;
    return result;
  }

  /** --check: every dataset checked, a summary line each, nothing written. */
  async check(files: DatasetFile[]): Promise<number> {
    let failed = 0;
    for (const entry of files) {
      const file = entry.path;
      try {
        if (entry.problem) throw new UserError([entry.problem]);
        this.reporter.info(summarise(await checkFile(entry, this.options.sources)));
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        this.reporter.problems(err.diagnostics, shown(file));
        failed++;
      }
    }
    return failed;
  }
}
