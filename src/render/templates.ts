/**
 * Loading templates: templates/<doc>.md.hbs with YAML front matter, the
 * partials in templates/partials/, and the theme. Syntax errors, unknown
 * helpers, missing partials and bad front matter are found here, each as
 * `templates/<file>:line:col: message`, before anything is rendered.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { closest, UserError, type Diagnostic } from '../data/diagnostics.js';
import { parseYaml, type SourceMap } from '../data/load.js';
import { shown } from '../datasets.js';
import { readUserFile } from '../shared/files.js';
import { LIMITS } from '../shared/limits.js';
import { BUILT_IN_ARITY, BUILT_IN_HELPERS, HelperError, makeHelpers } from './helpers.js';
import { loadThemeWithMap, type Theme } from './theme.js';

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
  /** The partials being rendered, innermost last (empty between renders). */
  partialStack: string[];
  /** The theme file as messages show it, and a diagnostic at any of its values. */
  themeFile: string;
  themeAt: (segments: (string | number)[], code: string, message: string, hint?: string) => Diagnostic;
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
  let themeMap: SourceMap | undefined;
  const themeFile = shown(join(dir, 'theme.yaml'));
  try {
    ({ theme, map: themeMap } = await loadThemeWithMap(join(dir, 'theme.yaml'), themeFile));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    problems.push(...err.diagnostics);
  }

  const hb = Handlebars.create();
  const helpers = makeHelpers(theme ?? ({ categories: {} } as Theme));
  hb.registerHelper(withCallSite(helpers));
  // Handlebars' log helper writes to the console, which is ours to print on: templates do not get it.
  hb.unregisterHelper('log');
  const partialStack: string[] = [];
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
    const text = await readTemplateFile(join(partialDir, f), file, 'partial', problems);
    if (text === undefined) continue;
    const ast = parseTemplate(text, file, 0, problems);
    if (!ast) continue;
    const name = f.replace(/\.hbs$/, '').replace(/\.md$/, '');
    partials.set(name, { name, file, ast });
    hb.registerPartial(name, guardedPartial(name, hb.compile(ast, { ...COMPILE_OPTIONS, knownHelpers }), partialStack));
  }

  const templates = new Map<DocumentName, Template>();
  for (const name of which) {
    const path = join(dir, `${name}.md.hbs`);
    const file = shown(path);
    if (!(await stat(path).catch(() => undefined))) {
      problems.push({ file, line: 0, col: 0, path: '', code: 'template/missing', message: `no template for the ${name}: expected ${basename(path)}` });
      continue;
    }
    const text = await readTemplateFile(path, file, 'template', problems);
    if (text === undefined) continue;
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
  // Inline partials ({{#*inline "name"}}) are partials too, for the static check.
  const inline = new Set<string>();
  for (const ast of [...[...partials.values()].map((p) => p.ast), ...[...templates.values()].map((t) => t.ast)]) {
    walk(ast, (n) => {
      const params = n.params as { type: string; value?: unknown }[] | undefined;
      if (n.type === 'DecoratorBlock' && (n.path as { original?: string }).original === 'inline' && params?.[0]?.type === 'StringLiteral') inline.add(String(params[0].value));
    });
  }
  const check = (ast: AST, file: string, offset: number) => checkAst(ast, file, offset, known, partials, inline, problems);
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
    dir, theme: theme!, templates, partials, uses, helpers: known, partialStack, themeFile,
    themeAt: (segments, code, message, hint) => themeMap!.at(segments, code, message, hint ? { hint } : {}),
    locate: (name, prefer) => find(name, prefer) ?? { file: prefer.file, line: prefer.lineOffset + 1, col: 1 },
    locateAt: (name, line, prefer) => find(name, prefer, line) ?? set.locate(name, prefer),
  };
  return set;
}

/** Thrown when partials include each other deeper than the limit (a partial that includes itself). */
export class PartialDepthError extends Error {
  constructor(readonly partial: string, readonly chain: string[]) {
    super(`partial ${JSON.stringify(partial)} is included more than ${LIMITS.partialDepth} levels deep (${chain.slice(-4).join(' > ')} > …): does it include itself?`);
  }
}

/** An error from inside partials remembers which partials were rendering, innermost last, so that it can be placed. */
export function partialsOf(err: unknown): string[] {
  return (err as { briefPartials?: string[] } | null)?.briefPartials ?? [];
}

/** A partial that counts how deep partials are nested and marks errors with where they happened. */
function guardedPartial(name: string, render: Handlebars.TemplateDelegate, stack: string[]): Handlebars.TemplateDelegate {
  return (context, options) => {
    if (stack.length >= LIMITS.partialDepth) throw new PartialDepthError(name, [...stack]);
    stack.push(name);
    try {
      return render(context, options);
    } catch (err) {
      if (err && typeof err === 'object' && !('briefPartials' in err)) Object.defineProperty(err, 'briefPartials', { value: [...stack] });
      throw err;
    } finally {
      stack.pop();
    }
  };
}

/** Helpers whose errors carry the position of the call that failed (Handlebars passes it in options.loc). */
function withCallSite(helpers: Record<string, (...args: unknown[]) => unknown>): Record<string, (...args: unknown[]) => unknown> {
  const out: Record<string, (...args: unknown[]) => unknown> = Object.create(null) as Record<string, (...args: unknown[]) => unknown>;
  for (const [name, helper] of Object.entries(helpers)) {
    out[name] = function (this: unknown, ...args: unknown[]) {
      try {
        return helper.apply(this, args);
      } catch (err) {
        const loc = (args[args.length - 1] as { loc?: { start?: { line: number; column: number } } } | undefined)?.loc?.start;
        if (err instanceof HelperError && !err.loc && loc) err.loc = { line: loc.line, column: loc.column };
        throw err;
      }
    };
  }
  return out;
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

/** A template or partial's text: a regular file within the size limit, valid UTF-8. */
async function readTemplateFile(path: string, file: string, what: string, problems: Diagnostic[]): Promise<string | undefined> {
  try {
    const bytes = await readUserFile(path, { max: LIMITS.templateBytes, shownAs: file, what, code: 'template/read' });
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (err) {
    if (err instanceof UserError) problems.push(...err.diagnostics);
    else problems.push({ file, line: 0, col: 0, path: '', code: 'template/read', message: `the ${what} is not valid UTF-8 text` });
    return undefined;
  }
}

/**
 * The first place where blocks ({{#if}}, {{#each}}...) or sub-expressions nest
 * deeper than the limit: Handlebars' parser is recursive and would overflow
 * the stack long before it said where.
 */
function tooDeep(text: string): { line: number; col: number; what: string } | undefined {
  let blocks = 0;
  const at = (index: number, what: string) => {
    const before = text.slice(0, index);
    return { line: before.split('\n').length, col: index - before.lastIndexOf('\n'), what };
  };
  for (const m of text.matchAll(/\{\{~?\s*([#/^]|else\b)?[^}]*/g)) {
    const kind = m[1];
    if (kind === '#' || (kind === '^' && !/^\{\{~?\s*\^\s*~?$/.test(m[0]))) {
      if (++blocks > LIMITS.blockDepth) return at(m.index, `blocks nest more than ${LIMITS.blockDepth} deep`);
    } else if (kind === '/') blocks = Math.max(0, blocks - 1);
    let parens = 0;
    for (let i = 0; i < m[0].length; i++) {
      if (m[0][i] === '(' && ++parens > LIMITS.blockDepth) return at(m.index + i, `sub-expressions nest more than ${LIMITS.blockDepth} deep`);
      if (m[0][i] === ')') parens--;
    }
  }
  return undefined;
}

function parseTemplate(text: string, file: string, offset: number, problems: Diagnostic[]): AST | undefined {
  const deep = tooDeep(text);
  if (deep) {
    problems.push({ file, line: deep.line + offset, col: deep.col, path: '', code: 'template/too-deep', message: `${deep.what}; a template may nest at most ${LIMITS.blockDepth} levels` });
    return undefined;
  }
  try {
    return Handlebars.parse(text);
  } catch (err) {
    if (err instanceof RangeError) {
      problems.push({ file, line: 1 + offset, col: 1, path: '', code: 'template/too-deep', message: 'the template nests too deeply to read' });
      return undefined;
    }
    const e = err as Error & { lineNumber?: number; column?: number };
    let line: number;
    let col: number;
    let message: string;
    const lexical = /^Lexical error on line (\d+)/.exec(e.message);
    if (lexical) {
      // The lexer stopped where it could not go on: say what is there.
      const loc = (Handlebars as unknown as { Parser: { lexer: { yylloc: { last_line: number; last_column: number } } } }).Parser.lexer.yylloc;
      const lines = text.split('\n');
      line = loc?.last_line ?? Number(lexical[1]);
      col = (loc?.last_column ?? 0) + 1;
      const rest = (lines[line - 1] ?? '').slice(col - 1);
      const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
      if (/^\{\{~?!--/.test(rest) || (/\{\{~?!--/.test(text) && !/--~?\}\}/.test(text.slice(text.lastIndexOf('{{!--'))))) {
        message = 'a comment opened with {{!-- is never closed with --}}';
      } else if (bad) {
        const before = text.slice(0, bad.index);
        line = before.split('\n').length;
        col = bad.index - before.lastIndexOf('\n');
        message = `a control character (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) that a template cannot hold`;
      } else message = 'Handlebars cannot read the text here';
      problems.push({ file, line: line + offset, col, path: '', code: 'template/syntax', message });
      return undefined;
    }
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

function checkAst(ast: AST, file: string, offset: number, known: Set<string>, partials: Map<string, Partial>, inline: Set<string>, problems: Diagnostic[]): void {
  walk(ast, (n) => {
    const at = (loc: Loc | undefined) => ({ line: (loc?.start.line ?? 1) + offset, col: (loc?.start.column ?? 0) + 1 });
    if (n.type === 'Decorator' || (n.type === 'DecoratorBlock' && (n.path as { original?: string }).original !== 'inline')) {
      problems.push({ file, ...at(n.loc), path: '', code: 'template/decorator', message: `decorators ({{*${String((n.path as { original?: string }).original)}}}) are not supported; only {{#*inline "name"}} partials are` });
    }
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
      const nameNode = n.name as { type: string; original?: string; path?: { type: string } };
      const name = nameNode.original;
      if (nameNode.type === 'SubExpression' && nameNode.path?.type !== 'PathExpression') {
        problems.push({ file, ...at(n.loc), path: '', code: 'template/partial', message: 'a computed partial name must call a helper, as in {{> (lookup . "field")}}' });
      }
      if (typeof name === 'string' && !partials.has(name) && !inline.has(name)) {
        problems.push({ file, ...at(n.loc), path: '', code: 'template/partial', message: `no partial named ${JSON.stringify(name)} in templates/partials/`, ...hintFor(name, partials.keys()) });
      }
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const path = n.path as { type: string; original?: string; data?: boolean };
      const hasArgs = (n.params as unknown[]).length > 0 || !!n.hash;
      const arity = path.type === 'PathExpression' && Object.hasOwn(BUILT_IN_ARITY, path.original!) ? BUILT_IN_ARITY[path.original!] : undefined;
      if (arity !== undefined && (n.params as unknown[]).length !== arity) {
        problems.push({ file, ...at(n.loc), path: '', code: 'template/helper-args', message: `{{${n.type === 'BlockStatement' ? '#' : ''}${path.original}}} takes ${arity === 1 ? 'one argument' : `${arity} arguments`}, found ${(n.params as unknown[]).length}` });
      }
      if (n.type === 'SubExpression' && path.type !== 'PathExpression') {
        problems.push({ file, ...at(n.loc), path: '', code: 'template/helper', message: 'a sub-expression must start with a helper name, as in (join list "name")' });
      }
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
    if (found) return;
    if (line !== undefined && n.loc?.start.line !== line) return;
    if (n.type === 'StringLiteral' && n.value === name) {
      found = n.loc?.start;
      return;
    }
    if (n.type !== 'PathExpression') return;
    const parts = n.parts as string[];
    if (parts.includes(name) || n.original === name) found = n.loc?.start;
  });
  return found;
}
