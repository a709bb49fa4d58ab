/**
 * Render: the view through a document's template -> Markdown, with the
 * footnotes numbered and placed, plus the document's settings from its front
 * matter. All documents are rendered before any file is written, so that a
 * template mistake never leaves half the outputs replaced.
 */
import { UserError, type Diagnostic } from '../data/diagnostics.js';
import type { View } from '../view/build.js';
import { VIEW_SHAPE } from '../view/shape.js';
import { checkFields } from './fields.js';
import { HelperError } from './helpers.js';
import { Notes } from './notes.js';
import { strictView, UnknownField } from './strict.js';
import type { DocumentName, Template, TemplateSet } from './templates.js';
import type { Theme } from './theme.js';

export interface DocumentSettings {
  title: string;
  kind: string;
  orientation: 'portrait' | 'landscape';
}

export interface RenderedDocument {
  name: DocumentName;
  settings: DocumentSettings;
  markdown: string;
  /** How many footnotes the document has. */
  notes: number;
  theme: Theme;
}

export function renderDocuments(set: TemplateSet, view: View, only?: readonly DocumentName[]): RenderedDocument[] {
  const problems: Diagnostic[] = [];
  const out: RenderedDocument[] = [];
  const strict = strictView(view);
  for (const t of set.templates.values()) {
    if (only && !only.includes(t.name)) continue;
    // Every field named anywhere in the template, run or not with this dataset, must exist.
    const unknown = checkFields(set, t, VIEW_SHAPE, set.helpers);
    if (unknown.length) {
      problems.push(...unknown);
      continue;
    }
    try {
      out.push(renderOne(t, strict, view, set));
    } catch (err) {
      problems.push(toDiagnostic(err, t, set));
    }
  }
  if (problems.length) throw new UserError(problems);
  return out;
}

function renderOne(t: Template, strict: View, view: View, set: TemplateSet): RenderedDocument {
  const notes = new Notes(view.sources);
  const data = { notes };
  const body = t.render(strict, { data });
  const settings: DocumentSettings = {
    title: plain(t.frontRender.title(strict, { data })),
    kind: plain(t.frontRender.kind(strict, { data })),
    orientation: t.front.orientation,
  };
  return { name: t.name, settings, markdown: tidy(notes.finish(body)), notes: notes.count, theme: set.theme };
}

/** Front matter values become metadata and running heads: no Markdown escapes there. */
function plain(s: string): string {
  return s.replace(/\\([\\`*_[\]<>|~#+=&.)-])/g, '$1').trim();
}

/** Removes the blank lines that absent sections leave, and ends the file with one newline. */
function tidy(markdown: string): string {
  return markdown.replace(/[ \t]+$/gm, (m, offset: number, s: string) => (s[offset - 1] === '\\' ? m : '')).replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function toDiagnostic(err: unknown, t: Template, set: TemplateSet): Diagnostic {
  const base = { path: '' };
  if (err instanceof UnknownField) {
    const at = set.locate(err.field, t);
    return { ...base, ...at, code: 'template/field', message: `unknown field ${JSON.stringify(err.field)}`, hint: err.hint };
  }
  if (err instanceof HelperError) {
    const at = set.locate(err.helper, t);
    return { ...base, ...at, code: 'template/helper-use', message: err.message };
  }
  const e = err as Error & { lineNumber?: number; column?: number };
  const m = /^"([^"]+)" not defined in/.exec(e.message ?? '');
  if (m) {
    const at = typeof e.lineNumber === 'number' ? set.locateAt(m[1]!, e.lineNumber, t) : set.locate(m[1]!, t);
    return { ...base, ...at, code: 'template/field', message: `unknown field ${JSON.stringify(m[1])}` };
  }
  if (/The partial .* could not be found/.test(e.message ?? '')) {
    return { ...base, file: t.file, line: t.lineOffset + 1, col: 1, code: 'template/partial', message: e.message };
  }
  if (err instanceof TypeError && /read-only/.test(err.message)) {
    return { ...base, file: t.file, line: t.lineOffset + 1, col: 1, code: 'template/read-only', message: 'a template tried to change the view, which is read-only' };
  }
  throw err;
}
