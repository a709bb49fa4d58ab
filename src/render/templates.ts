/**
 * Loading templates: every templates/<doc>.md.hbs is a document named <doc>
 * (memo, faq and matrix are the shipped ones), with YAML front matter; the
 * partials in templates/partials/, and the theme. Syntax errors, unknown
 * helpers, missing partials and bad front matter are found here, each as
 * `templates/<file>:line:col: message`, before anything is rendered.
 */
import { readdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { Problems, type Diagnostic } from '../shared/diagnostics.js';
import { shown } from '../shared/show.js';
import { loadThemeWithMap, type Theme } from '../shared/theme.js';
import type { SourceMap } from '../shared/yaml.js';
import { FRONT_TEMPLATES, splitFrontMatter, type FrontMatter, type FrontTemplate, type Placer } from './front.js';
import { BUILT_IN_HELPERS, makeHelpers } from './helpers.js';
import { guardedPartial, withCallSite } from './runtime.js';
import { checkAst, findName, walk, type Partial } from './static.js';
import { parseTemplate, readTemplateFile, type AST } from './syntax.js';

export type { Partial } from './static.js';
export { needsChanges, type FrontMatter } from './front.js';

/** The documents Brief ships templates for; a templates folder may hold fewer, or others. */
export const SHIPPED = ['memo', 'faq', 'matrix', 'changes'] as const;
/** A document is named by its template file: press.md.hbs is the document "press". */
export type DocumentName = string;
/** What a document may be called: its output files are NAME.pdf, NAME.docx and NAME.md. */
export const DOCUMENT_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The documents a templates folder holds: every NAME.md.hbs at its top, with
 * a name fit for a file (lower-case letters, digits, - and _), the shipped
 * ones first in their order, then the others alphabetically.
 */
export function documentsIn(dir: string): DocumentName[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  const names = files
    .map((f) => /^(.+)\.md\.hbs$/.exec(f)?.[1])
    .filter((n): n is string => !!n && DOCUMENT_NAME.test(n));
  const shipped = SHIPPED.filter((n) => names.includes(n));
  return [...shipped, ...names.filter((n) => !(SHIPPED as readonly string[]).includes(n)).sort()];
}

export interface Template {
  name: DocumentName;
  /** File as shown in messages (templates/memo.md.hbs). */
  file: string;
  front: FrontMatter;
  /** Lines taken by the front matter, added to body positions. */
  lineOffset: number;
  ast: AST;
  render: Handlebars.TemplateDelegate;
  /** Front matter values that are templates (title, kind): their syntax trees, compiled, and where their characters are in the file. */
  frontAsts: Record<FrontTemplate, AST>;
  frontRender: Record<FrontTemplate, Handlebars.TemplateDelegate>;
  frontPlacers: Record<FrontTemplate, Placer>;
}

export interface TemplateSet {
  dir: string;
  theme: Theme;
  templates: Map<DocumentName, Template>;
  partials: Map<string, Partial>;
  /** Names of the helpers templates may call (Brief's and Handlebars' own). */
  helpers: Set<string>;
  /** The partials being rendered, innermost last (empty between renders). */
  partialStack: string[];
  /** The theme file as messages show it, and a diagnostic at any of its values. */
  themeFile: string;
  themeAt: (segments: (string | number)[], code: Diagnostic['code'], message: string, hint?: string) => Diagnostic;
  /** The partials each document uses, directly or through other partials: what a partial edit affects. */
  uses: Map<DocumentName, Set<string>>;
  /** Finds which file and position a field or helper name is used at, for runtime errors. */
  locate(name: string, prefer: Template): { file: string; line: number; col: number };
  /** The same, for a name Handlebars reports on a line of the template or of one of its partials. */
  locateAt(name: string, line: number, prefer: Template): { file: string; line: number; col: number };
}

const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true, knownHelpersOnly: true } as const;

/** The templates folder's documents (all of them, or `which`), partials and theme, checked. */
export async function loadTemplates(dir: string, which?: readonly DocumentName[]): Promise<TemplateSet> {
  const problems = new Problems();
  const themeFile = shown(join(dir, 'theme.yaml'));
  const loaded = await problems.collectAsync(() => loadThemeWithMap(join(dir, 'theme.yaml'), themeFile));
  const theme: Theme | undefined = loaded?.theme;
  const themeMap: SourceMap | undefined = loaded?.map;

  const hb = Handlebars.create();
  const helpers = makeHelpers();
  hb.registerHelper(withCallSite(helpers));
  // Handlebars' log helper writes to the console, which is ours to print on: templates do not get it.
  hb.unregisterHelper('log');
  const c: Compiler = {
    hb,
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])),
    partialStack: [],
    problems,
  };
  const known = new Set([...Object.keys(helpers), ...BUILT_IN_HELPERS]);

  const partials = await loadPartials(join(dir, 'partials'), c);
  const templates = await loadDocuments(dir, which, c);
  checkAll(partials, templates, known, problems);
  problems.throwIfAny();

  // Where a name is used: the document's own template first, then the partials.
  const find = (name: string, prefer: Template, line?: number) => {
    const places = [
      { ast: prefer.ast, file: prefer.file, offset: prefer.lineOffset },
      ...[...partials.values()].map((p) => ({ ast: p.ast, file: p.file, offset: 0 })),
    ];
    for (const o of places) {
      const loc = findName(o.ast, name, line);
      if (loc) return { file: o.file, line: loc.line + o.offset, col: loc.column + 1 };
    }
    return undefined;
  };
  const set: TemplateSet = {
    dir,
    theme: theme!,
    templates,
    partials,
    uses: partialUses(templates, partials),
    helpers: known,
    partialStack: c.partialStack,
    themeFile,
    themeAt: (segments, code, message, hint) => themeMap!.at(segments, code, message, hint ? { hint } : {}),
    locate: (name, prefer) => find(name, prefer) ?? { file: prefer.file, line: prefer.lineOffset + 1, col: 1 },
    locateAt: (name, line, prefer) => find(name, prefer, line) ?? set.locate(name, prefer),
  };
  return set;
}

/** What compiling a folder's templates shares: the Handlebars instance, its helpers, the partial guard's stack, the problems. */
interface Compiler {
  hb: typeof Handlebars;
  knownHelpers: Record<string, boolean>;
  partialStack: string[];
  problems: Problems;
}

/** Partials: every *.hbs in partials/, named by file name without .hbs (and .md), registered with the guard. */
async function loadPartials(partialDir: string, c: Compiler): Promise<Map<string, Partial>> {
  const partials = new Map<string, Partial>();
  let partialFiles: string[] = [];
  try {
    partialFiles = (await readdir(partialDir)).filter((f) => f.endsWith('.hbs')).sort();
  } catch {
    /* no partials folder: fine */
  }
  for (const f of partialFiles) {
    const file = shown(join(partialDir, f));
    const text = await readTemplateFile(join(partialDir, f), file, 'partial', c.problems);
    if (text === undefined) continue;
    const ast = parseTemplate(text, file, 0, c.problems);
    if (!ast) continue;
    const name = f.replace(/\.hbs$/, '').replace(/\.md$/, '');
    partials.set(name, { name, file, ast });
    c.hb.registerPartial(
      name,
      guardedPartial(name, c.hb.compile(ast, { ...COMPILE_OPTIONS, knownHelpers: c.knownHelpers }), c.partialStack),
    );
  }
  return partials;
}

/** The document templates asked for (or all the folder holds), each with its front matter compiled. */
async function loadDocuments(
  dir: string,
  which: readonly DocumentName[] | undefined,
  c: Compiler,
): Promise<Map<DocumentName, Template>> {
  const templates = new Map<DocumentName, Template>();
  const found = documentsIn(dir);
  if (!which && found.length === 0) {
    c.problems.add({
      file: shown(dir),
      line: 0,
      col: 0,
      path: '',
      code: 'template/missing',
      message: 'no document templates here: a document is a NAME.md.hbs file at the top of the templates folder',
    });
  }
  for (const name of which ?? found) {
    const path = join(dir, `${name}.md.hbs`);
    const file = shown(path);
    if (!(await stat(path).catch(() => undefined))) {
      c.problems.add({
        file,
        line: 0,
        col: 0,
        path: '',
        code: 'template/missing',
        message: `no template for the document ${JSON.stringify(name)}: expected ${name}.md.hbs`,
        hint: found.length
          ? `this folder's documents: ${found.join(', ')}`
          : 'this folder holds no NAME.md.hbs templates',
      });
      continue;
    }
    const text = await readTemplateFile(path, file, 'template', c.problems);
    if (text === undefined) continue;
    const split = splitFrontMatter(text, file, c.problems);
    if (!split) continue;
    const ast = parseTemplate(split.body, file, split.lineOffset, c.problems);
    if (!ast) continue;
    const front = compileFront(split, file, c);
    if (!front) continue;
    templates.set(name, {
      name,
      file,
      front: split.front,
      lineOffset: split.lineOffset,
      ast,
      render: c.hb.compile(ast, { ...COMPILE_OPTIONS, knownHelpers: c.knownHelpers }),
      ...front,
      frontPlacers: split.placers,
    });
  }
  return templates;
}

/** The front matter's templated values compiled, each problem placed at its own line and column; undefined if any fails. */
function compileFront(
  split: NonNullable<ReturnType<typeof splitFrontMatter>>,
  file: string,
  c: Compiler,
): Pick<Template, 'frontAsts' | 'frontRender'> | undefined {
  const frontAsts = {} as Template['frontAsts'];
  const frontRender = {} as Template['frontRender'];
  for (const key of FRONT_TEMPLATES) {
    // A value's own positions (line 1 is the value's first line), placed in the file.
    const own = new Problems();
    const fast = parseTemplate(String(split.front[key]), file, 0, own);
    c.problems.add(...own.list.map((d) => ({ ...d, ...split.placers[key](d.line, d.col) })));
    if (!fast) continue;
    frontAsts[key] = fast;
    frontRender[key] = c.hb.compile(fast, { ...COMPILE_OPTIONS, knownHelpers: c.knownHelpers });
  }
  return Object.keys(frontAsts).length < FRONT_TEMPLATES.length ? undefined : { frontAsts, frontRender };
}

/** Static checks over every parsed template and partial (inline partials, {{#*inline "name"}}, count as partials). */
function checkAll(
  partials: Map<string, Partial>,
  templates: Map<DocumentName, Template>,
  known: Set<string>,
  problems: Problems,
): void {
  const inline = new Set<string>();
  for (const ast of [...[...partials.values()].map((p) => p.ast), ...[...templates.values()].map((t) => t.ast)]) {
    walk(ast, (n) => {
      const params = n.params as { type: string; value?: unknown }[] | undefined;
      if (
        n.type === 'DecoratorBlock' &&
        (n.path as { original?: string }).original === 'inline' &&
        params?.[0]?.type === 'StringLiteral'
      )
        inline.add(String(params[0].value));
    });
  }
  const check = (ast: AST, file: string, offset: number) =>
    checkAst(ast, file, offset, known, partials, inline, problems);
  for (const p of partials.values()) check(p.ast, p.file, 0);
  for (const t of templates.values()) {
    check(t.ast, t.file, t.lineOffset);
    for (const key of FRONT_TEMPLATES) {
      const own = new Problems();
      checkAst(t.frontAsts[key], t.file, 0, known, partials, inline, own);
      problems.add(...own.list.map((d) => ({ ...d, ...t.frontPlacers[key](d.line, d.col) })));
    }
  }
}

/** Which partials each document uses, directly or through other partials (a change to one rebuilds those). */
function partialUses(
  templates: Map<DocumentName, Template>,
  partials: Map<string, Partial>,
): Map<DocumentName, Set<string>> {
  const direct = (ast: AST) => {
    const names = new Set<string>();
    walk(ast, (n) => {
      if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
        const name = (n.name as { original?: unknown }).original;
        if (typeof name === 'string') names.add(name);
      }
    });
    return names;
  };
  const uses = new Map<DocumentName, Set<string>>();
  for (const t of templates.values()) {
    const seen = new Set<string>();
    const todo = [...direct(t.ast)];
    while (todo.length) {
      const name = todo.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const p = partials.get(name);
      if (p) todo.push(...direct(p.ast));
    }
    uses.set(t.name, seen);
  }
  return uses;
}
