/**
 * Loading templates: templates/<doc>.md.hbs with YAML front matter, the
 * partials in templates/partials/, and the theme. Syntax errors, unknown
 * helpers, missing partials and bad front matter are found here, each as
 * `templates/<file>:line:col: message`, before anything is rendered.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { closest, UserError, type Diagnostic } from '../data/diagnostics.js';
import { parseYaml } from '../data/load.js';
import { shown } from '../datasets.js';
import { BUILT_IN_HELPERS, makeHelpers } from './helpers.js';
import { loadTheme, type Theme } from './theme.js';

export const DOCUMENTS = ['memo', 'faq', 'matrix'] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

type AST = ReturnType<typeof Handlebars.parse>;

export interface FrontMatter {
  /** Document title; may use the view, as in "{{brief.title}}". */
  title: string;
  /** What kind of document this is, for the header band: "Briefing memo". */
  kind: string;
  orientation: 'portrait' | 'landscape';
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
  /** Front matter string values compiled as templates. */
  frontRender: { [K in keyof FrontMatter]: Handlebars.TemplateDelegate };
}

export interface Partial { name: string; file: string; ast: AST }

export interface TemplateSet {
  dir: string;
  theme: Theme;
  templates: Map<DocumentName, Template>;
  partials: Map<string, Partial>;
  /** Names of the helpers templates may call (Brief's and Handlebars' own). */
  helpers: Set<string>;
  /** The partials each document uses, directly or through other partials: what a partial edit affects. */
  uses: Map<DocumentName, Set<string>>;
  /** Finds which file and position a field or helper name is used at, for runtime errors. */
  locate(name: string, prefer: Template): { file: string; line: number; col: number };
  /** The same, for a name Handlebars reports on a line of the template or of one of its partials. */
  locateAt(name: string, line: number, prefer: Template): { file: string; line: number; col: number };
}

const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true, knownHelpersOnly: true } as const;

export async function loadTemplates(dir: string, which: readonly DocumentName[] = DOCUMENTS): Promise<TemplateSet> {
  const problems: Diagnostic[] = [];
  let theme: Theme | undefined;
  try {
    theme = await loadTheme(join(dir, 'theme.yaml'), shown(join(dir, 'theme.yaml')));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.push(...err.diagnostics);
  }

  const hb = Handlebars.create();
  const helpers = makeHelpers(theme ?? ({ categories: {} } as Theme));
  hb.registerHelper(helpers);
  const knownHelpers = Object.fromEntries(Object.keys(helpers).map((h) => [h, true]));
  const known = new Set([...Object.keys(helpers), ...BUILT_IN_HELPERS]);

  // Partials: every *.hbs in partials/, named by file name without .hbs (and .md).
  const partials = new Map<string, Partial>();
  const partialDir = join(dir, 'partials');
  let partialFiles: string[] = [];
  try {
    partialFiles = (await readdir(partialDir)).filter((f) => f.endsWith('.hbs')).sort();
  } catch {
    /* no partials folder: fine */
  }
  for (const f of partialFiles) {
    const file = shown(join(partialDir, f));
    const text = await readFile(join(partialDir, f), 'utf8');
    const ast = parseTemplate(text, file, 0, problems);
    if (!ast) continue;
    const name = f.replace(/\.hbs$/, '').replace(/\.md$/, '');
    partials.set(name, { name, file, ast });
    hb.registerPartial(name, hb.compile(ast, { ...COMPILE_OPTIONS, knownHelpers }));
  }

  const templates = new Map<DocumentName, Template>();
  for (const name of which) {
    const path = join(dir, `${name}.md.hbs`);
    const file = shown(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      problems.push({ file, line: 0, col: 0, path: '', code: 'template/missing', message: `no template for the ${name}: expected ${basename(path)}` });
      continue;
    }
    const split = splitFrontMatter(text, file, problems);
    if (!split) continue;
    const ast = parseTemplate(split.body, file, split.lineOffset, problems);
    if (!ast) continue;
    const frontRender = {} as Template['frontRender'];
    for (const key of ['title', 'kind', 'orientation'] as const) {
      const fast = parseTemplate(String(split.front[key]), file, split.frontLine, problems);
      if (fast) frontRender[key] = hb.compile(fast, { ...COMPILE_OPTIONS, knownHelpers });
    }
    templates.set(name, {
      name, file, front: split.front, lineOffset: split.lineOffset, ast,
      render: hb.compile(ast, { ...COMPILE_OPTIONS, knownHelpers }), frontRender,
    });
  }

  // Static checks over every parsed template and partial.
  const check = (ast: AST, file: string, offset: number) => checkAst(ast, file, offset, known, partials, problems);
  for (const p of partials.values()) check(p.ast, p.file, 0);
  for (const t of templates.values()) check(t.ast, t.file, t.lineOffset);

  if (problems.length) throw new UserError(problems);

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

  // Where a name is used: the document's own template first, then the partials.
  const places = (prefer: Template) => [
    { ast: prefer.ast, file: prefer.file, offset: prefer.lineOffset },
    ...[...partials.values()].map((p) => ({ ast: p.ast, file: p.file, offset: 0 })),
  ];
  const find = (name: string, prefer: Template, line?: number) => {
    for (const o of places(prefer)) {
      const loc = findName(o.ast, name, line);
      if (loc) return { file: o.file, line: loc.line + o.offset, col: loc.column + 1 };
    }
    return undefined;
  };
  const set: TemplateSet = {
    dir, theme: theme!, templates, partials, uses, helpers: known,
    locate: (name, prefer) => find(name, prefer) ?? { file: prefer.file, line: prefer.lineOffset + 1, col: 1 },
    locateAt: (name, line, prefer) => find(name, prefer, line) ?? set.locate(name, prefer),
  };
  return set;
}

function splitFrontMatter(text: string, file: string, problems: Diagnostic[]) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) {
    problems.push({
      file, line: 1, col: 1, path: '', code: 'template/front-matter',
      message: 'missing front matter: a template starts with ---, then title, kind and orientation, then ---',
    });
    return undefined;
  }
  const lineOffset = m[0].split('\n').length - 1;
  try {
    const { data, map } = parseYaml(m[1]!, file, 'empty front matter', 1);
    const front = data as Record<string, unknown>;
    const bad = (key: string, message: string) => problems.push(map.at([key], 'template/front-matter', message));
    for (const key of Object.keys(front)) {
      if (!['title', 'kind', 'orientation'].includes(key)) bad(key, `unknown front matter setting ${JSON.stringify(key)} (known: title, kind, orientation)`);
    }
    for (const key of ['title', 'kind'] as const) {
      if (typeof front[key] !== 'string' || !front[key]) bad(key, `front matter needs ${key}: text`);
    }
    if (front.orientation !== 'portrait' && front.orientation !== 'landscape') bad('orientation', 'must be portrait or landscape');
    return { front: front as unknown as FrontMatter, body: text.slice(m[0].length), lineOffset, frontLine: 1 };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.push(...err.diagnostics);
    return undefined;
  }
}

const TOKEN_WORDS: Record<string, string> = {
  CLOSE: '}}', CLOSE_UNESCAPED: '}}}', OPEN_ENDBLOCK: '{{/…}}', INVERSE: '{{else}}', OPEN_INVERSE_CHAIN: '{{else …}}',
  EOF: 'the end of the file', INVALID: 'something Handlebars cannot read', ID: 'a name', CLOSE_SEXPR: ')',
};

function parseTemplate(text: string, file: string, offset: number, problems: Diagnostic[]): AST | undefined {
  try {
    return Handlebars.parse(text);
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    let line: number;
    let col: number;
    let message: string;
    if (typeof e.lineNumber === 'number') {
      line = e.lineNumber;
      col = (e.column ?? 0) + 1;
      message = e.message.replace(/ - \d+:\d+$/, '');
      message = message.replace(/^(\w+) doesn't match (\w+)$/, '{{/$1}} closes {{#$2}}: the block names must match');
    } else {
      const loc = (Handlebars as unknown as { Parser: { lexer: { yylloc: { first_line: number; first_column: number } } } }).Parser.lexer.yylloc;
      line = loc.first_line;
      col = loc.first_column + 1;
      const got = /got '(\w+)'/.exec(e.message)?.[1] ?? '';
      const expected = [...(e.message.match(/Expecting (.*), got/)?.[1]?.matchAll(/'(\w+)'/g) ?? [])].map((x) => x[1]!);
      const want = expected.map((t) => TOKEN_WORDS[t]).filter(Boolean).slice(0, 3);
      message = `syntax error: found ${TOKEN_WORDS[got] ?? got}${want.length ? `, expected ${want.join(' or ')}` : ''}`;
      if (got === 'EOF') {
        const open = unclosedBlock(text);
        if (open) {
          line = open.line;
          col = open.col;
          message = `{{#${open.name}}} is never closed: add {{/${open.name}}}`;
        }
      }
    }
    problems.push({ file, line: line + offset, col, path: '', code: 'template/syntax', message });
    return undefined;
  }
}

/** The innermost block opened and never closed, found by scanning the tags. */
function unclosedBlock(text: string): { name: string; line: number; col: number } | undefined {
  const stack: { name: string; index: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#/^])\s*>?\s*([\w.-]+)/g)) {
    if (m[1] === '#' || m[1] === '^') stack.push({ name: m[2]!, index: m.index });
    else if (stack.length && stack[stack.length - 1]!.name === m[2]) stack.pop();
  }
  const open = stack.pop();
  if (!open) return undefined;
  const before = text.slice(0, open.index);
  return { name: open.name, line: before.split('\n').length, col: open.index - before.lastIndexOf('\n') };
}

interface Loc { start: { line: number; column: number } }
interface AnyNode { type: string; loc?: Loc; [k: string]: unknown }

function walk(node: unknown, visit: (n: AnyNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') walk(v, visit);
}

function checkAst(ast: AST, file: string, offset: number, known: Set<string>, partials: Map<string, Partial>, problems: Diagnostic[]): void {
  walk(ast, (n) => {
    const at = (loc: Loc | undefined) => ({ line: (loc?.start.line ?? 1) + offset, col: (loc?.start.column ?? 0) + 1 });
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const name = (n.name as { type: string; original?: string }).original;
      if (typeof name === 'string' && !partials.has(name)) {
        problems.push({ file, ...at(n.loc), path: '', code: 'template/partial', message: `no partial named ${JSON.stringify(name)} in templates/partials/`, ...hintFor(name, partials.keys()) });
      }
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const path = n.path as { type: string; original?: string; data?: boolean };
      const hasArgs = (n.params as unknown[]).length > 0 || !!n.hash;
      if (path.type === 'PathExpression' && !path.data && (hasArgs || n.type === 'SubExpression') && !known.has(path.original!)) {
        problems.push({ file, ...at(n.loc), path: '', code: 'template/helper', message: `unknown helper ${JSON.stringify(path.original)}`, ...hintFor(path.original!, known) });
      }
    }
  });
}

function hintFor(name: string, candidates: Iterable<string>): { hint?: string } {
  const list = [...candidates];
  const close = closest(name, list);
  return close ? { hint: `did you mean ${JSON.stringify(close)}?` } : list.length ? { hint: `known: ${list.join(', ')}` } : {};
}

/** First place a path segment or helper name is used in a template. */
function findName(ast: AST, name: string, line?: number): { line: number; column: number } | undefined {
  let found: { line: number; column: number } | undefined;
  walk(ast, (n) => {
    if (found || n.type !== 'PathExpression') return;
    if (line !== undefined && n.loc?.start.line !== line) return;
    const parts = n.parts as string[];
    if (parts.includes(name) || n.original === name) found = n.loc?.start;
  });
  return found;
}
