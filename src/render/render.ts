/**
 * Render: the view through a document's template -> Markdown, with the
 * footnotes numbered and placed, plus the document's settings from its front
 * matter. All documents are rendered before any file is written, so that a
 * template mistake never leaves half the outputs replaced.
 */
import { Problems, type Diagnostic } from '../shared/diagnostics.js';
import type { View } from '../view/view.js';
import Handlebars from 'handlebars';
import { VIEW_SHAPE } from '../view/shape.js';
import { factIndex } from '../view/coverage.js';
import { checkFields } from './fields.js';
import { HelperError } from './helpers.js';
import { Fitting, type FitPlan, type FitSite } from './fit.js';
import { Notes } from './notes.js';
import { strictView, UnknownField } from './strict.js';
import { partialsOf, PartialDepthError } from './runtime.js';
import type { DocumentName, Template, TemplateSet } from './templates.js';
import { quoted } from '../shared/show.js';
import { labelsFor, type Labels } from '../shared/labels.js';
import type { FontSize } from '../shared/theme.js';

export interface DocumentSettings {
  title: string;
  /** The title with brief.short_title in place of brief.title, for running heads; absent when the dataset has no short title or the title does not use brief.title. */
  running?: string;
  kind: string;
  orientation: 'portrait' | 'landscape';
  /** The template's page budget, if it gives one. */
  pages?: number;
  /** The front matter's own marking, paper and margins, where it sets them (its language is in the labels). */
  marking?: string;
  paper?: 'A4' | 'A5' | 'Letter' | 'Legal';
  margins?: { top: number; bottom: number; left: number; right: number };
  /** The front matter's type size, when it gives one. */
  fontSize?: FontSize;
  /** The front matter's portion_markings, when it sets it. */
  portionMarkings?: boolean;
}

export interface RenderedDocument {
  name: DocumentName;
  settings: DocumentSettings;
  /** The document as Markdown, its notes numbered as a reader sees them. */
  markdown: string;
  /** The words it was rendered with (its language's labels), for its page bands and metadata. */
  labels: Labels;
  /** The dataset's facts it printed ("quotes:q-kallas"), as the template read them (view/coverage.ts). */
  printed: Set<string>;
  /** The places its template may shrink ({{fit}}), as rendered. */
  fits: FitSite[];
}

export interface RenderOptions {
  /**
   * Citations carry the fact they cite (`<span data-fact="id">`), for tracked
   * changes to align by; 'marks' also names the actors of a list of them
   * (`actors:a+b`), for finding the handling markings a document holds.
   */
  facts?: boolean | 'marks';
  /** How many items each {{fit}} place keeps (src/run/fit.ts measures it); by default every list whole. */
  fit?: FitPlan;
}

/** A way to build the dataset's view in a document's language, with that language's words. */
export interface ViewSource {
  language: string;
  build: (labels: Labels) => View;
}

/**
 * Renders the documents. A document whose front matter sets another
 * `language:` gets the view built with that language's words
 * (templates/labels/<tag>.yaml), when `source` can build one. A document
 * whose front matter says `needs: changes` is left out when the view has no
 * changes (no earlier version was given).
 */
export function renderDocuments(
  set: TemplateSet,
  given: View | ViewSource,
  only?: readonly DocumentName[],
  options: RenderOptions = {},
): RenderedDocument[] {
  const problems = new Problems();
  const out: RenderedDocument[] = [];
  // A ready-made view serves every language (its words stay as built; the helpers' follow the document).
  const source: ViewSource = 'build' in given ? given : { language: given.brief.language, build: () => given };
  const views = new Map<string, { view: View; strict: View; labels: Labels }>();
  // The facts the document being rendered has printed: every read of a fact's words adds it.
  let printed = new Set<string>();
  const inLanguage = (language: string) => {
    let v = views.get(language);
    if (!v) {
      const labels = labelsFor(set.dir, language);
      const built = source.build(labels);
      const facts = factIndex(built);
      const onRead = (object: object, key: string) => {
        const fact = facts.get(object);
        if (fact?.fields.includes(key)) printed.add(fact.key);
      };
      v = { view: built, strict: strictView(built, onRead), labels };
      views.set(language, v);
    }
    return v;
  };
  for (const t of set.templates.values()) {
    if (only && !only.includes(t.name)) continue;
    // Every field named anywhere in the template, run or not with this dataset, must exist.
    const unknown = checkFields(set, t, VIEW_SHAPE, set.helpers);
    if (unknown.length) {
      problems.add(...unknown);
      continue;
    }
    try {
      const v = inLanguage(t.front.language ?? source.language);
      // A document that needs an earlier version (the changes list) is made only when there is one (--since).
      if (t.front.needs === 'changes' && !v.view.changes) continue;
      printed = new Set();
      out.push({ ...renderOne(t, v.strict, v.view, v.labels, options.facts ?? false, options.fit), printed });
    } catch (err) {
      problems.add(toDiagnostic(err, t, set));
    }
  }
  problems.throwIfAny();
  return out;
}

function renderOne(
  t: Template,
  strict: View,
  view: View,
  labels: Labels,
  facts: boolean | 'marks',
  plan?: FitPlan,
): Omit<RenderedDocument, 'printed'> {
  // Withdrawn items cite the sources they had, which the earlier version alone may hold.
  const notes = new Notes([...view.sources, ...(view.changes?.old_sources ?? [])], labels);
  // People named so far in this document ({{mention}}): the first mention gives the full name.
  const fit = new Fitting(plan);
  const data = { notes, labels, mentioned: new Set<string>(), facts, fit };
  const body = t.render(strict, { data });
  const title = plain(t.frontRender.title(strict, { data }));
  // The running head: the same title rendered again with the short title in the brief's (the plain view: it is not a fact printed).
  const running = view.brief.short_title
    ? plain(t.frontRender.title({ ...view, brief: { ...view.brief, title: view.brief.short_title } }, { data }))
    : title;
  const settings: DocumentSettings = {
    title,
    ...(running !== title ? { running } : {}),
    kind: plain(t.frontRender.kind(strict, { data })),
    orientation: t.front.orientation,
    ...(t.front.pages ? { pages: t.front.pages } : {}),
    ...(t.front.marking ? { marking: t.front.marking } : {}),
    ...(t.front.paper ? { paper: t.front.paper } : {}),
    ...(t.front.margins ? { margins: t.front.margins } : {}),
    ...(t.front.font_size !== undefined ? { fontSize: t.front.font_size } : {}),
    ...(t.front.portion_markings !== undefined ? { portionMarkings: t.front.portion_markings } : {}),
  };
  return { name: t.name, settings, markdown: tidy(notes.finish(body)), labels, fits: fit.sites };
}

/** Front matter values become metadata and running heads: no Markdown escapes there. */
function plain(s: string): string {
  // A language span (view/language.ts) marks text inside the document; a title or a kind is metadata, one string.
  // One pass, left to right: data's own "<" is escaped ("\\<"), so only the view's spans are taken out.
  return s
    .replace(/\\([\\`*_[\]<>|~#+=&.)-])|<span lang="[^"<>]*">|<\/span>/g, (_m, escaped?: string) => escaped ?? '')
    .trim();
}

/** Removes the blank lines that absent sections leave, and ends the file with one newline. */
function tidy(markdown: string): string {
  return (
    markdown
      .replace(/[ \t]+$/gm, (m, offset: number, s: string) => (s[offset - 1] === '\\' ? m : ''))
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

function toDiagnostic(err: unknown, t: Template, set: TemplateSet): Diagnostic {
  const base = { path: '' };
  // Which file was rendering when it failed: the innermost partial, or the document's template.
  const inside = partialsOf(err);
  const partial = inside.length ? set.partials.get(inside[inside.length - 1]!) : undefined;
  const file = partial?.file ?? t.file;
  const offset = partial ? 0 : t.lineOffset;
  const here = (loc: { line: number; column: number }) => ({ file, line: loc.line + offset, col: loc.column + 1 });
  const firstLine = { file, line: offset + 1, col: 1 };
  if (err instanceof UnknownField) {
    const at = set.locate(err.field, t);
    return { ...base, ...at, code: 'template/field', message: `unknown field ${quoted(err.field)}`, hint: err.hint };
  }
  if (err instanceof HelperError) {
    const at = err.loc ? here(err.loc) : set.locate(err.helper, t);
    const d: Diagnostic = { ...base, ...at, code: 'template/helper-use', message: err.message };
    if (err.hint) d.hint = err.hint;
    return d;
  }
  if (err instanceof PartialDepthError) {
    // Point at the {{> name}} inside the partial that kept including.
    const p = set.partials.get(err.chain[err.chain.length - 1] ?? err.partial);
    const loc = p ? findPartialCall(p.ast, err.partial) : undefined;
    return {
      ...base,
      ...(p && loc ? { file: p.file, line: loc.line, col: loc.column + 1 } : firstLine),
      code: 'template/partial-depth',
      message: err.message,
    };
  }
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { ...base, ...firstLine, code: 'template/too-deep', message: 'the template nests too deeply to render' };
  }
  return messageDiagnostic(err, t, set, { file, partial, here, firstLine });
}

/** Where a rendering failed: the file (a partial's or the template's), the partial, a place in it, its first line. */
interface FailedIn {
  file: string;
  partial: ReturnType<TemplateSet['partials']['get']>;
  here: (loc: { line: number; column: number }) => { file: string; line: number; col: number };
  firstLine: { file: string; line: number; col: number };
}

/** An error known by its message: an unknown field, a computed partial name that names none, Handlebars' own. */
function messageDiagnostic(
  err: unknown,
  t: Template,
  set: TemplateSet,
  { file, partial, here, firstLine }: FailedIn,
): Diagnostic {
  const base = { path: '' };
  const e = err as Error & { lineNumber?: number; column?: number };
  const m = /^"([^"]+)" not defined in/.exec(e.message ?? '');
  if (m) {
    const at =
      typeof e.lineNumber === 'number'
        ? partial
          ? { file, line: e.lineNumber, col: (e.column ?? 0) + 1 }
          : set.locateAt(m[1]!, e.lineNumber, t)
        : set.locate(m[1]!, t);
    return { ...base, ...at, code: 'template/field', message: `unknown field ${quoted(m[1])}` };
  }
  const missing = /^The partial (.*) could not be found/s.exec(e.message ?? '');
  if (missing) {
    // Static partial names are checked at load; this is a dynamic one, {{> (expression)}}.
    const ast = partial?.ast ?? t.ast;
    const loc = findDynamicPartial(ast);
    const name = missing[1]!;
    const what =
      name === '[object Object]'
        ? 'not a partial name but a mapping'
        : name === '' || name === 'undefined'
          ? 'nothing'
          : `${quoted(name)}, which no partial is called`;
    return {
      ...base,
      ...(loc ? here(loc) : firstLine),
      code: 'template/partial',
      message: `the partial name computed here is ${what}`,
      hint: `partials are: ${[...set.partials.keys()].join(', ')}`,
    };
  }
  if (err instanceof TypeError && /read-only/.test(err.message)) {
    return {
      ...base,
      ...firstLine,
      code: 'template/read-only',
      message: 'a template tried to change the view, which is read-only',
    };
  }
  // Anything else Handlebars itself refuses (its own helpers' checks, compile-time errors) is a template mistake.
  if (err instanceof Handlebars.Exception) {
    const at = /^(.*?)(?: - (\d+):(\d+))?$/s.exec(e.message)!;
    const loc =
      typeof e.lineNumber === 'number'
        ? { line: e.lineNumber, column: e.column ?? 0 }
        : at[2]
          ? { line: Number(at[2]), column: Number(at[3]) }
          : undefined;
    return {
      ...base,
      ...(loc ? here(loc) : firstLine),
      code: 'template/handlebars',
      message: at[1]!.replace(/\s+/g, ' ').trim(),
    };
  }
  throw err;
}

type AnyNode = {
  type?: string;
  loc?: { start: { line: number; column: number } };
  name?: { type?: string; original?: unknown };
};

function findNode(ast: unknown, match: (n: AnyNode) => boolean): { line: number; column: number } | undefined {
  const todo: unknown[] = [ast];
  while (todo.length) {
    const n = todo.shift();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      todo.push(...n);
      continue;
    }
    const node = n as AnyNode;
    if (node.type && match(node)) return node.loc?.start;
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') todo.push(v);
  }
  return undefined;
}

const isPartial = (n: AnyNode) => n.type === 'PartialStatement' || n.type === 'PartialBlockStatement';
const findPartialCall = (ast: unknown, name: string) => findNode(ast, (n) => isPartial(n) && n.name?.original === name);
const findDynamicPartial = (ast: unknown) => findNode(ast, (n) => isPartial(n) && n.name?.type === 'SubExpression');
