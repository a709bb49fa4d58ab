/**
 * Diagnostics: every problem a user can cause, with the place it comes from.
 * Formatted as `file:line:col: path: message` so that editors and terminals
 * can jump to it.
 */
import { escapeControls } from './show.js';

/** What a problem is about; the CLI turns a usage problem into exit code 2 and any other into 1. */
export type ProblemKind =
  | 'usage'
  | 'file'
  | 'yaml'
  | 'schema'
  | 'ref'
  | 'quote'
  | 'template'
  | 'theme'
  | 'font'
  | 'io'
  | 'control'
  | 'recipients'
  | 'date'
  | 'reference';

export interface Diagnostic {
  /** File the problem is in, as the user named it (relative to the cwd where possible). */
  file: string;
  /** 1-based line; 0 when the problem has no place in the file. */
  line: number;
  /** 1-based column; 0 when the problem has no place in the file. */
  col: number;
  /** Data path in the dataset (`people[3].name`), or '' when the problem is not about one value. */
  path: string;
  /** What is wrong, one line. */
  message: string;
  /** A stable code for tests and tooling, its kind first: `yaml/DUPLICATE_KEY`, `ref/unknown-source`. */
  code: `${ProblemKind}/${string}`;
  /** Optional second line: how to fix it. */
  hint?: string;
  /** A warning is reported but fails nothing; everything else is an error. */
  severity?: 'warning';
}

/** A problem with a file as a whole (no line or column). */
export function problem(file: string, code: Diagnostic['code'], message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file, line: 0, col: 0, path: '', code, message };
  if (hint) d.hint = hint;
  return d;
}

/**
 * The one sink problems are collected in while a stage runs (as yaml's
 * composer collects its errors): add as many as are found, then throw them
 * all at once at the stage's end.
 */
export class Problems {
  readonly list: Diagnostic[] = [];

  add(...ds: Diagnostic[]): void {
    this.list.push(...ds);
  }

  /** Runs a step that may throw a UserError, keeping its problems; returns undefined then. */
  collect<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.add(...err.diagnostics);
      return undefined;
    }
  }

  async collectAsync<T>(step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      this.add(...err.diagnostics);
      return undefined;
    }
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Ends the stage: throws every problem found, sorted by place, if there were any. */
  throwIfAny(): void {
    if (this.any) throw new UserError(sortDiagnostics(this.list));
  }
}

/** Thrown at a stage's end for a user's mistakes: reported as diagnostics, never as a stack trace. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'UserError';
    this.diagnostics = diagnostics;
  }
}

/** The exit code for problems: 2 when any is a usage problem, else 1. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): 1 | 2 {
  return diagnostics.some((d) => d.code.startsWith('usage/')) ? 2 : 1;
}

/** Renders `people[3].name` from JSON-pointer segments. */
export function displayPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const path = `${d.severity === 'warning' ? 'warning: ' : ''}${d.path ? `${d.path}: ` : ''}`;
  // Whatever a value or path holds, no control character reaches the terminal raw (escapeControls).
  const hint = d.hint ? `\n  hint: ${escapeControls(d.hint)}` : '';
  return `${escapeControls(`${where}: ${path}${d.message}`)}${hint}`;
}

/** Sorts diagnostics by file, then position, keeping the order of equal places stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.file.localeCompare(b.d.file) || a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i)
    .map(({ d }) => d);
}

/** Closest candidate by edit distance, for "did you mean" hints; undefined when none is close. */
/** Words longer than this get no did-you-mean hint. */
export const CLOSEST_LIMIT = 64;

export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // Edit distance costs length x length: a long value is no misspelling of a short name.
  if (word.length > CLOSEST_LIMIT) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c.length > CLOSEST_LIMIT) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
