/**
 * What the preview page shows: the outputs the last builds wrote (by URL,
 * each mapped to its file in the output folder) and the problems of the last
 * build, each with its source line. Fed by the Reporter as a run reports
 * (ReportObserver), so the page says exactly what the terminal says.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics.js';
import type { WrittenFile } from '../pipeline.js';
import type { ReportObserver } from '../report.js';
import type { Session } from '../session.js';

/** The formats the page links to, and how each is served. */
export const OUTPUT_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.md': 'text/plain; charset=utf-8',
};

/** A name the page may put in a URL: what Brief writes, never a path. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface ShownProblem {
  severity: 'error' | 'warning';
  /** file:line:col as the terminal prints it (the file alone when there is no place). */
  where: string;
  path: string;
  message: string;
  hint?: string;
  code: string;
  /** The source line and the column the marker goes under (1-based). */
  source?: { line: string; col: number };
}

export interface PreviewDocument {
  name: string;
  /** The template's page budget (its front matter's pages:), when it has one. */
  budget?: number;
  /** `version` changes when the file does (its modification time): the page redraws only then. */
  pdf?: { url: string; pages?: number; version: number };
  docx?: string;
  md?: string;
}

export interface PreviewSnapshot {
  /** Counts the builds: the page reloads what changed when it moves on. */
  generation: number;
  datasets: { name: string; documents: PreviewDocument[] }[];
  problems: ShownProblem[];
}

export class PreviewState implements ReportObserver {
  generation = 0;
  /** URL path (/out/<dataset>/<file>) -> the file it serves, with the page count a PDF was written with. */
  private readonly outputs = new Map<string, { file: string; pages?: number }>();
  private collecting: (Diagnostic | ShownProblem)[] = [];
  private shown: ShownProblem[] = [];
  /**
   * Every document the templates have held, in their order, with its page
   * budget as last loaded: a broken template (which the next build leaves
   * out while it builds the others) keeps its place and budget on the page.
   */
  private readonly known = new Map<string, { budget?: number }>();

  constructor(private readonly session: Session) {}

  problems(diagnostics: Diagnostic[]): void {
    this.collecting.push(...diagnostics);
  }

  warn(line: string): void {
    const at = line.indexOf(': ');
    this.collecting.push({
      severity: 'warning',
      where: at > 0 ? line.slice(0, at) : '',
      path: '',
      message: at > 0 ? line.slice(at + 2) : line,
      code: 'warning',
    });
  }

  file(w: WrittenFile): void {
    const parts = relative(resolve(this.session.options.out), w.path).split(sep);
    // Only a dataset's own documents (not numbered copies in a subfolder, nothing outside --out).
    if (parts.length !== 2 || !parts.every((p) => SAFE_NAME.test(p)) || !OUTPUT_TYPES[extname(parts[1]!)]) return;
    this.outputs.set(`/out/${parts[0]}/${parts[1]}`, {
      file: w.path,
      ...(w.pages !== undefined ? { pages: w.pages } : {}),
    });
  }

  /** A build ended: its problems replace the last build's (the source lines read now, as they were built). */
  built(): void {
    this.shown = this.collecting.map((p) => ('where' in p ? p : showProblem(p)));
    for (const [name, t] of this.session.templates?.templates ?? [])
      this.known.set(name, t.front.pages !== undefined ? { budget: t.front.pages } : {});
    this.collecting = [];
    this.generation++;
  }

  /** The file a URL path names, only when it is an output a build wrote and it is still there. */
  output(urlPath: string): { file: string; type: string } | undefined {
    const o = this.outputs.get(urlPath);
    if (!o || !existsSync(o.file)) return undefined;
    return { file: o.file, type: OUTPUT_TYPES[extname(o.file)]! };
  }

  snapshot(): PreviewSnapshot {
    const order = [...this.known.keys()];
    const byDataset = new Map<string, Map<string, PreviewDocument>>();
    for (const [url, o] of this.outputs) {
      const info = statSync(o.file, { throwIfNoEntry: false });
      if (!info) continue;
      const [, , dataset, file] = url.split('/') as [string, string, string, string];
      const ext = extname(file);
      const name = file.slice(0, -ext.length);
      const docs = byDataset.get(dataset) ?? new Map<string, PreviewDocument>();
      byDataset.set(dataset, docs);
      const budget = this.known.get(name)?.budget;
      const doc = docs.get(name) ?? { name, ...(budget !== undefined ? { budget } : {}) };
      docs.set(name, doc);
      if (ext === '.pdf')
        doc.pdf = { url, version: info.mtimeMs, ...(o.pages !== undefined ? { pages: o.pages } : {}) };
      else if (ext === '.docx') doc.docx = url;
      else doc.md = url;
    }
    const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : order.length);
    const datasets = [...byDataset]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, docs]) => ({
        name,
        documents: [...docs.values()].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name)),
      }));
    return { generation: this.generation, datasets, problems: this.shown };
  }
}

/** A problem as the page shows it: the terminal's file:line:col, and the line it points at. */
export function showProblem(d: Diagnostic): ShownProblem {
  const p: ShownProblem = {
    severity: d.severity === 'warning' ? 'warning' : 'error',
    where: d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file,
    path: d.path,
    message: d.message,
    code: d.code,
  };
  if (d.hint) p.hint = d.hint;
  const line = d.line > 0 ? sourceLine(d.file, d.line) : undefined;
  if (line !== undefined) p.source = { line, col: Math.max(1, d.col) };
  return p;
}

/** The user's own file, as the diagnostic names it (relative to the working folder). */
function sourceLine(file: string, line: number): string | undefined {
  try {
    return readFileSync(resolve(file), 'utf8').split(/\r?\n/)[line - 1];
  } catch {
    return undefined;
  }
}
