/**
 * Diagnostics: every problem a user can cause, with the place it comes from.
 * Formatted as `file:line:col: path: message` so that editors and terminals
 * can jump to it.
 */

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
  /** A stable code for tests and tooling, for example `yaml/DUPLICATE_KEY` or `ref/unknown-source`. */
  code: string;
  /** Optional second line: how to fix it. */
  hint?: string;
}

/** Thrown for a user's mistake: reported as diagnostics, never as a stack trace. */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  constructor(diagnostics: Diagnostic[], exitCode = 1) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'UserError';
    this.diagnostics = diagnostics;
    this.exitCode = exitCode;
  }
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
  const path = d.path ? `${d.path}: ` : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}: ${path}${d.message}${hint}`;
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
