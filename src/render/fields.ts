/**
 * Checks every field a template names against the view's shape before the
 * template runs, so that a misspelt field is reported with its position even
 * in a section the current dataset leaves empty. Follows Handlebars' scoping:
 * #each enters a list's items, #with an object, a partial its context;
 * ../ climbs out; @root starts again at the top; @index, @first, @last and
 * @key are always there.
 */
import type { Diagnostic } from '../shared/diagnostics.js';
import { closest } from '../shared/diagnostics.js';
import type { Shape } from '../view/shape.js';
import type { Template, TemplateSet } from './templates.js';

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [k: string]: unknown;
}
interface PathNode extends Node {
  type: 'PathExpression';
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}

/** A scope's shape; undefined where it cannot be known (nothing in it is checked). */
type Scope = Shape | undefined;
/** Block parameters in force, by name, with their shapes. */
type Env = Map<string, Scope>;

const DATA_VARS = new Set(['index', 'first', 'last', 'key', 'root']);
/** Helpers whose block body sees a different context. */
const SCOPES = new Set(['each', 'with']);

/** One check of a template and the partials it uses: the problems found, each field reported once. */
class FieldCheck {
  readonly problems: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  private readonly visitedPartials = new Set<string>();

  constructor(
    private readonly set: TemplateSet,
    private readonly root: Shape,
    private readonly helpers: Set<string>,
  ) {}

  /** An unknown field, once per place, with the likeliest field meant or the fields there are. */
  private report(file: string, offset: number, node: Node, name: string, fields: string[]): void {
    const line = (node.loc?.start.line ?? 1) + offset;
    const col = (node.loc?.start.column ?? 0) + 1;
    const key = `${file}:${line}:${col}:${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const guess = closest(name, fields);
    this.problems.push({
      file,
      line,
      col,
      path: '',
      code: 'template/field',
      message: `unknown field ${JSON.stringify(name)}`,
      hint: guess ? `did you mean ${JSON.stringify(guess)}?` : `fields here: ${fields.join(', ')}`,
    });
  }

  /** A list or mapping printed as text: how to loop over it, or which of its fields to print. */
  private printsStructure(file: string, offset: number, node: PathNode, shape: Shape, at: Node): void {
    const line = (at.loc?.start.line ?? 1) + offset;
    const col = (at.loc?.start.column ?? 0) + 1;
    const name = node.original === 'this' || node.original === '.' ? 'this' : node.original;
    const list = Array.isArray(shape);
    const item = list ? shape[0] : shape;
    const map = item && typeof item === 'object' && !Array.isArray(item) ? item : undefined;
    // Fields that print as text first; the likeliest one offered as the fix.
    const fields = map
      ? Object.keys(map)
          .filter((k) => k !== '*')
          .sort((a, b) => Number(map[a] !== '') - Number(map[b] !== ''))
      : [];
    const likely = ['text', 'name', 'label', 'title'].find((f) => map?.[f] === '');
    this.problems.push({
      file,
      line,
      col,
      path: '',
      code: 'template/field',
      message: list
        ? `{{${name}}} is a list: it would print as "[object Object]"`
        : `{{${name}}} is a mapping, not text: it would print as "[object Object]"`,
      hint: list
        ? `loop over it with {{#each ${name}}}…{{/each}}${fields.length ? `, printing a field of each: ${fields.slice(0, 8).join(', ')}` : ''}, or join it: {{join ${name} "name"}}`
        : `${likely ? `did you mean {{${name}.${likely}}}? ` : ''}${fields.length ? `its fields: ${fields.slice(0, 10).join(', ')}${fields.length > 10 ? '…' : ''}` : 'print one of its fields'}`,
    });
  }

  /** The shape a path leads to, or undefined when it cannot be known (reported when wrong). */
  private resolve(p: PathNode, scopes: Scope[], file: string, offset: number, env: Env): Shape | undefined {
    let parts = p.parts;
    let shape: Scope;
    if (!p.data && p.depth === 0 && parts.length && env.has(parts[0]!)) {
      // A block parameter ({{#each list as |item|}}, {{#with x as |y|}}): visible in every block inside.
      shape = env.get(parts[0]!);
      parts = parts.slice(1);
    } else if (p.data) {
      // @index, @first, @last, @key are values; @root starts again at the top.
      if (parts[0] !== 'root') return DATA_VARS.has(parts[0]!) ? '' : undefined;
      shape = this.root;
      parts = parts.slice(1);
    } else {
      shape = scopes[Math.max(0, scopes.length - 1 - p.depth)];
    }
    for (const part of parts) {
      if (shape === undefined || shape === '') return undefined;
      if (Array.isArray(shape)) {
        if (part === 'length') return '';
        if (/^\d+$/.test(part)) {
          shape = shape[0];
          continue;
        }
        this.report(file, offset, p, part, ['length']);
        return undefined;
      }
      // A map whose keys are the dataset's ('*'): any key is a field, of the map's shape.
      const next: Shape | undefined = Object.hasOwn(shape, part)
        ? shape[part]
        : Object.hasOwn(shape, '*')
          ? shape['*']
          : undefined;
      if (next === undefined) {
        this.report(file, offset, p, part, Object.keys(shape));
        return undefined;
      }
      shape = next;
    }
    return shape;
  }

  /** An expression's shape: a path's, or what a helper that passes a list on keeps of it. */
  private expr(n: Node | undefined, scopes: Scope[], file: string, offset: number, env: Env): Shape | undefined {
    if (!n) return undefined;
    if (n.type === 'PathExpression') return this.resolve(n as PathNode, scopes, file, offset, env);
    if (n.type === 'SubExpression') {
      this.call(n, scopes, file, offset, env);
      // Helpers that pass a list on keep its shape, so that what is inside them is still checked.
      const name = (n.path as PathNode).original;
      const arg = (i: number) => this.expr((n.params as Node[])[i], scopes, file, offset, env);
      if (name === 'first' || name === 'fit') return arg(0);
      if (name === 'chunks') {
        const list = arg(0);
        return list === undefined ? undefined : [list];
      }
      if (name === 'cells_for') {
        const position = arg(0);
        return position && typeof position === 'object' && !Array.isArray(position) ? position.cells : undefined;
      }
      return name === 'more' || name === 'rest' ? '' : undefined; // another helper's result: its shape cannot be known
    }
    return '';
  }

  /** A helper call's arguments are expressions in the current scope. */
  private call(n: Node, scopes: Scope[], file: string, offset: number, env: Env): void {
    for (const param of (n.params as Node[]) ?? []) this.expr(param, scopes, file, offset, env);
    const hash = n.hash as { pairs?: { value: Node }[] } | undefined;
    for (const pair of hash?.pairs ?? []) this.expr(pair.value, scopes, file, offset, env);
  }

  /** A template's (or a block's) statements, in the scopes given. */
  program(
    prog: { body?: Node[]; blockParams?: string[] } | undefined,
    scopes: Scope[],
    file: string,
    offset: number,
    env: Env,
  ): void {
    for (const n of prog?.body ?? []) this.statement(n, scopes, file, offset, env);
  }

  /** A statement, by its type; text and comments have no fields. */
  private statement(n: Node, scopes: Scope[], file: string, offset: number, env: Env): void {
    if (n.type === 'MustacheStatement') this.mustache(n, scopes, file, offset, env);
    else if (n.type === 'BlockStatement') this.block(n, scopes, file, offset, env);
    else if (n.type === 'PartialStatement') this.partial(n, scopes, file, offset, env);
  }

  /** {{x}} or {{helper args}}: a helper's arguments are checked; a field printed must be text. */
  private mustache(n: Node, scopes: Scope[], file: string, offset: number, env: Env): void {
    const path = n.path as PathNode;
    const isHelper =
      path.type === 'PathExpression' && !path.data && path.parts.length === 1 && this.helpers.has(path.original);
    if (isHelper || ((n.params as Node[]).length > 0 && path.type === 'PathExpression'))
      this.call(n, scopes, file, offset, env);
    else {
      // Printing a mapping or a list would put "[object Object]" in the document: say which fields it has.
      const shape = this.expr(path, scopes, file, offset, env);
      if (shape !== undefined && shape !== '') this.printsStructure(file, offset, path, shape, n);
    }
  }

  /** {{#each}}, {{#with}}, {{#if}}, a helper's block or a section: the scope its body sees, and its {{else}}. */
  private block(n: Node, scopes: Scope[], file: string, offset: number, env: Env): void {
    const path = n.path as PathNode;
    const name = path.original;
    const params = (n.params as Node[]) ?? [];
    let inner = scopes;
    let innerEnv = env;
    const blockParams = (n.program as { blockParams?: string[] } | undefined)?.blockParams ?? [];
    if (SCOPES.has(name) && params[0]) {
      const target = this.expr(params[0], scopes, file, offset, env);
      const into =
        name === 'each'
          ? Array.isArray(target)
            ? target[0]
            : target === undefined || target === ''
              ? undefined
              : ''
          : target;
      // A scope whose shape is unknown: nothing inside can be checked against it.
      inner = [...scopes, into];
      for (const p of params.slice(1)) this.expr(p, scopes, file, offset, env);
      if (blockParams.length) {
        innerEnv = new Map(env);
        innerEnv.set(blockParams[0]!, into);
        if (blockParams[1]) innerEnv.set(blockParams[1], '');
      }
    } else if (this.helpers.has(name) || name === 'if' || name === 'unless') {
      this.call(n, scopes, file, offset, env);
    } else {
      // {{#field}}…{{/field}}: a section on a field.
      const target = this.expr(path, scopes, file, offset, env);
      inner = [...scopes, Array.isArray(target) ? target[0] : target];
    }
    this.program(n.program as { body?: Node[] }, inner, file, offset, innerEnv);
    this.program(n.inverse as { body?: Node[] } | undefined, scopes, file, offset, env);
  }

  /** {{> partial ctx}}: the partial's fields, checked once for each context it is given. */
  private partial(n: Node, scopes: Scope[], file: string, offset: number, env: Env): void {
    const name = (n.name as { original?: unknown }).original;
    const partial = typeof name === 'string' ? this.set.partials.get(name) : undefined;
    if (!partial) return; // reported when the templates were loaded
    const params = (n.params as Node[]) ?? [];
    const ctx = params[0] ? this.expr(params[0], scopes, file, offset, env) : scopes[scopes.length - 1];
    const key = `${name}:${JSON.stringify(ctx)}`;
    if (this.visitedPartials.has(key)) return;
    this.visitedPartials.add(key);
    this.program(partial.ast as unknown as { body?: Node[] }, [this.root, ctx], partial.file, 0, new Map());
  }
}

/** Every unknown field a template (its body and front matter, and the partials it uses) names, and every structure it prints. */
export function checkFields(set: TemplateSet, t: Template, root: Shape, helpers: Set<string>): Diagnostic[] {
  const check = new FieldCheck(set, root, helpers);
  check.program(t.ast as unknown as { body?: Node[] }, [root], t.file, t.lineOffset, new Map());
  // The front matter's templated values (title, kind), each placed on its own line of the front matter.
  for (const [key, ast] of Object.entries(t.frontAsts) as [keyof Template['frontAsts'], unknown][]) {
    const from = check.problems.length;
    check.program(ast as { body?: Node[] }, [root], t.file, 0, new Map());
    for (const d of check.problems.slice(from)) Object.assign(d, t.frontPlacers[key](d.line, d.col));
  }
  return check.problems;
}
