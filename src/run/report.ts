/** What a run prints: one line per file, problems on standard error, a summary; colour only when asked. */
import { formatDiagnostic, type Diagnostic } from '../shared/diagnostics.js';
import { escapeControls, shown } from '../shared/show.js';
import type { WrittenFile } from './pipeline.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether to colour the output (a terminal, and NO_COLOR unset). */
  colour?: boolean;
}

export interface RunResult {
  failed: number;
  written: number;
  bytes: number;
  ms: number;
}

const ANSI = {
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  reset: '\x1b[0m',
};

/** Someone else who wants what a run reports as it is reported (the --preview page). */
export interface ReportObserver {
  problems(diagnostics: Diagnostic[]): void;
  file(w: WrittenFile): void;
  /** A warning with no place in a file (a skipped file, a repaired output folder). */
  warn(line: string): void;
}

export class Reporter {
  observer: ReportObserver | undefined;

  constructor(
    private readonly io: Io,
    private readonly quiet: boolean,
  ) {}

  private paint(code: keyof typeof ANSI, text: string): string {
    return this.io.colour ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  }

  info(line: string): void {
    if (!this.quiet) this.io.out(line);
  }

  /** What the user needs even with --quiet (where the preview listens). */
  notice(line: string): void {
    this.io.out(line);
  }

  /** Brief's own failure (a bug), not the user's: on standard error, with what is known. */
  internal(message: string): void {
    this.io.err(`brief: internal error: ${message}`);
  }

  /** Something skipped or repaired: on standard error, even with --quiet. */
  warn(text: string): void {
    const line = escapeControls(text);
    this.observer?.warn(line);
    const at = line.indexOf(': ');
    this.io.err(
      at > 0
        ? `${this.paint('bold', line.slice(0, at))}: ${this.paint('yellow', line.slice(at + 2))}`
        : this.paint('yellow', line),
    );
  }

  file(w: WrittenFile): void {
    this.observer?.file(w);
    const pages = w.pages !== undefined ? `${w.pages} p` : '';
    this.info(
      `${shown(w.path).padEnd(48)} ${pages.padStart(5)} ${size(w.bytes).padStart(9)} ${this.paint('dim', `${Math.round(w.ms)} ms`.padStart(7))}`,
    );
  }

  problems(diagnostics: Diagnostic[], file?: string): void {
    this.observer?.problems(diagnostics);
    for (const d of diagnostics) {
      const [first, ...rest] = formatDiagnostic(d).split('\n');
      const at = first!.indexOf(': ');
      const colour = d.severity === 'warning' ? 'yellow' : 'red';
      this.io.err(
        at > 0
          ? `${this.paint('bold', first!.slice(0, at))}: ${this.paint(colour, first!.slice(at + 2))}`
          : this.paint(colour, first!),
      );
      for (const r of rest) this.io.err(this.paint('dim', r));
    }
    if (file) {
      const line = closing(diagnostics, file);
      if (line) this.io.err(line);
    }
  }

  /** The line that ends a run or a rebuild, on standard output (its problems went to standard error before it); `cause` names what changed. */
  summary(r: RunResult, datasets: number, verb = 'wrote', cause?: string): void {
    const ok = datasets - r.failed;
    const tail = r.failed ? `; ${this.paint('red', `${r.failed} dataset${r.failed === 1 ? '' : 's'} failed`)}` : '';
    this.info(
      `${verb === 'wrote' ? '' : verb + ': '}${r.written} file${r.written === 1 ? '' : 's'} (${size(r.bytes)}) for ${ok} dataset${ok === 1 ? '' : 's'} in ${Math.round(r.ms)} ms${tail}${cause ? ` (${cause})` : ''}`,
    );
  }
}

/**
 * The line that ends a dataset's problems: counted by the file they are in,
 * so that a template's mistake is not taken for the dataset's.
 * "templates/memo.md.hbs: 1 problem; nothing written for data/x.yaml".
 */
export function closing(diagnostics: Diagnostic[], dataset: string): string | undefined {
  const counts = new Map<string, number>();
  for (const d of diagnostics)
    if (d.severity !== 'warning') counts.set(d.file || dataset, (counts.get(d.file || dataset) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  const parts = [...counts].map(([f, n]) => `${f}: ${n} problem${n === 1 ? '' : 's'}`);
  const own = counts.size === 1 && counts.has(dataset);
  return `${parts.join(', ')}; nothing written for ${own ? 'it' : dataset}`;
}

export function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
