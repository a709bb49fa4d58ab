/**
 * Checks over a template's syntax tree before anything is rendered: unknown
 * helpers and partials (with did-you-mean), Handlebars' own helpers given the
 * wrong number of arguments, decorators; and where a name is used, for
 * messages about errors found while rendering.
 */
import { closest, type Problems } from '../shared/diagnostics.js';
import { HELPER_OPTIONS } from './helper-args.js';
import { BUILT_IN_ARITY, BUILT_IN_HELPERS } from './helpers.js';
import type { AST } from './syntax.js';

export interface Partial {
  name: string;
  file: string;
  ast: AST;
}

interface Loc {
  start: { line: number; column: number };
}
interface AnyNode {
  type: string;
  loc?: Loc;
  [k: string]: unknown;
}

export function walk(node: unknown, visit: (n: AnyNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type === 'string') visit(n);
  for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') walk(v, visit);
}

/** What the checks of a node read: the template's file and line offset, the helpers and partials known, where problems go. */
interface AstContext {
  file: string;
  offset: number;
  known: Set<string>;
  partials: Map<string, Partial>;
  inline: Set<string>;
  problems: Problems;
}

export function checkAst(
  ast: AST,
  file: string,
  offset: number,
  known: Set<string>,
  partials: Map<string, Partial>,
  inline: Set<string>,
  problems: Problems,
): void {
  const cx: AstContext = { file, offset, known, partials, inline, problems };
  walk(ast, (n) => {
    if (
      n.type === 'Decorator' ||
      (n.type === 'DecoratorBlock' && (n.path as { original?: string }).original !== 'inline')
    )
      checkDecorator(n, cx);
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') checkPartial(n, cx);
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') checkCall(n, cx);
  });
}

/** A node's place: its line in the file (the template's front matter is `offset` lines) and column. */
function placeOf(loc: Loc | undefined, offset: number): { line: number; col: number } {
  return { line: (loc?.start.line ?? 1) + offset, col: (loc?.start.column ?? 0) + 1 };
}

/** Decorators other than {{#*inline}}: not supported. */
function checkDecorator(n: AnyNode, { file, offset, problems }: AstContext): void {
  const at = (loc: Loc | undefined) => placeOf(loc, offset);
  problems.add({
    file,
    ...at(n.loc),
    path: '',
    code: 'template/decorator',
    message: `decorators ({{*${String((n.path as { original?: string }).original)}}}) are not supported; only {{#*inline "name"}} partials are`,
  });
}

/** A partial: a known name, or a computed one that calls a helper. */
function checkPartial(n: AnyNode, { file, offset, partials, inline, problems }: AstContext): void {
  const at = (loc: Loc | undefined) => placeOf(loc, offset);
  const nameNode = n.name as { type: string; original?: string; path?: { type: string } };
  const name = nameNode.original;
  if (nameNode.type === 'SubExpression' && nameNode.path?.type !== 'PathExpression') {
    problems.add({
      file,
      ...at(n.loc),
      path: '',
      code: 'template/partial',
      message: 'a computed partial name must call a helper, as in {{> (lookup . "field")}}',
    });
  }
  if (typeof name === 'string' && !partials.has(name) && !inline.has(name)) {
    problems.add({
      file,
      ...at(n.loc),
      path: '',
      code: 'template/partial',
      message: `no partial named ${JSON.stringify(name)} in templates/partials/`,
      ...hintFor(name, partials.keys()),
    });
  }
}

/** A helper call: a known helper, Handlebars' own with their number of arguments, Brief's with their options. */
function checkCall(n: AnyNode, { file, offset, known, problems }: AstContext): void {
  const at = (loc: Loc | undefined) => placeOf(loc, offset);
  const path = n.path as { type: string; original?: string; data?: boolean };
  const hasArgs = (n.params as unknown[]).length > 0 || !!n.hash;
  const arity =
    path.type === 'PathExpression' && Object.hasOwn(BUILT_IN_ARITY, path.original!)
      ? BUILT_IN_ARITY[path.original!]
      : undefined;
  if (arity !== undefined && (n.params as unknown[]).length !== arity) {
    problems.add({
      file,
      ...at(n.loc),
      path: '',
      code: 'template/helper-args',
      message: `{{${n.type === 'BlockStatement' ? '#' : ''}${path.original}}} takes ${arity === 1 ? 'one argument' : `${arity} arguments`}, found ${(n.params as unknown[]).length}`,
    });
  }
  if (n.type === 'SubExpression' && path.type !== 'PathExpression') {
    problems.add({
      file,
      ...at(n.loc),
      path: '',
      code: 'template/helper',
      message: 'a sub-expression must start with a helper name, as in (join list "name")',
    });
  }
  if (
    path.type === 'PathExpression' &&
    !path.data &&
    n.hash &&
    known.has(path.original!) &&
    !BUILT_IN_HELPERS.includes(path.original!)
  ) {
    checkOptions(path.original!, n.hash as { pairs: HashPair[] }, (loc) => ({ file, ...at(loc) }), problems);
  }
  if (
    path.type === 'PathExpression' &&
    !path.data &&
    (hasArgs || n.type === 'SubExpression') &&
    !known.has(path.original!)
  ) {
    problems.add({
      file,
      ...at(n.loc),
      path: '',
      code: 'template/helper',
      message: `unknown helper ${JSON.stringify(path.original)}`,
      ...hintFor(path.original!, known),
    });
  }
}

interface HashPair {
  key: string;
  value: { type: string; value?: unknown };
  loc?: Loc;
}

/** A Brief helper's options (name=value): each one it takes, with a literal value of the right kind. */
function checkOptions(
  helper: string,
  hash: { pairs: HashPair[] },
  place: (loc: Loc | undefined) => { file: string; line: number; col: number },
  problems: Problems,
): void {
  const table = HELPER_OPTIONS[helper] ?? {};
  const names = Object.keys(table);
  const canonical = (k: string) => table[k]?.alias ?? k;
  for (const pair of hash.pairs) {
    const where = { ...place(pair.loc), path: '', code: 'template/helper-args' as const };
    if (!Object.hasOwn(table, pair.key)) {
      const close = closest(pair.key, names) ?? names.find((k) => k.startsWith(pair.key));
      const offered = names.filter((k) => !table[k]!.alias).map((k) => `${k}=`);
      problems.add({
        ...where,
        message: names.length
          ? `{{${helper}}} has no option ${pair.key}=`
          : `{{${helper}}} takes no options, found ${pair.key}=`,
        ...(close
          ? { hint: `did you mean ${canonical(close)}=? ({{${helper}}} takes ${offered.join(', ')})` }
          : names.length
            ? { hint: `{{${helper}}} takes ${offered.join(', ')}` }
            : {}),
      });
      continue;
    }
    const kind = table[pair.key]!.kind;
    const literal =
      pair.value.type === 'StringLiteral'
        ? 'text'
        : pair.value.type === 'NumberLiteral'
          ? 'number'
          : pair.value.type === 'BooleanLiteral'
            ? 'true or false'
            : pair.value.type === 'NullLiteral' || pair.value.type === 'UndefinedLiteral'
              ? 'nothing'
              : undefined;
    if (literal !== undefined && literal !== kind) {
      problems.add({
        ...where,
        message: `{{${helper}}}: ${pair.key}= takes ${kind === 'number' ? 'a number, as in max=8' : 'text, as in conjunction="or"'}; found ${literal === 'text' ? JSON.stringify(pair.value.value) : literal === 'number' ? String(pair.value.value) : literal}`,
      });
    }
  }
}

function hintFor(name: string, candidates: Iterable<string>): { hint?: string } {
  const list = [...candidates];
  const close = closest(name, list);
  return close
    ? { hint: `did you mean ${JSON.stringify(close)}?` }
    : list.length
      ? { hint: `known: ${list.join(', ')}` }
      : {};
}

/** First place a path segment or helper name is used in a template. */
export function findName(ast: AST, name: string, line?: number): { line: number; column: number } | undefined {
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
