/**
 * YAML with positions, for every file Brief reads as YAML (datasets, the
 * theme, template front matter): text -> plain data + a map from JSON pointer
 * to file:line:col. Every YAML problem (syntax, tabs, duplicate keys, unknown
 * tags, alias bombs, nesting and length limits, empty or non-YAML files)
 * becomes a Diagnostic at its position.
 */
import {
  Alias,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { displayPath, UserError, type Diagnostic } from './diagnostics.js';
import { LIMITS } from './limits.js';
import { checkNodes } from './yaml-check.js';

/** How many times aliases may be expanded in one dataset: bounds "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 200;

type Range = readonly [number, number];
export type Segment = string | number;

interface Place {
  value: Range;
  key?: Range;
}

/** Where each value of a loaded dataset came from. */
export class SourceMap {
  readonly file: string;
  private parts: { lines: LineCounter; places: Map<string, Place> } | (() => SourceMap);

  /** The places, or a way to find them when first asked (the fast parse finds none: yaml-fast.ts). */
  constructor(file: string, lines: LineCounter | (() => SourceMap), places?: Map<string, Place>) {
    this.file = file;
    this.parts = typeof lines === 'function' ? lines : { lines, places: places! };
  }

  private get lines(): LineCounter {
    return this.resolved().lines;
  }
  private get places(): Map<string, Place> {
    return this.resolved().places;
  }
  private resolved(): { lines: LineCounter; places: Map<string, Place> } {
    if (typeof this.parts === 'function') this.parts = this.parts().resolved();
    return this.parts;
  }

  /**
   * Line and column of the value at `segments` (or of its key, when asked and
   * there is one). A path that does not exist (a missing property) falls back
   * to its nearest existing ancestor.
   */
  locate(segments: readonly Segment[], which: 'value' | 'key' = 'value'): { line: number; col: number } {
    for (let n = segments.length; n >= 0; n--) {
      const place = this.places.get(toPointer(segments.slice(0, n)));
      if (!place) continue;
      const range = which === 'key' && n === segments.length && place.key ? place.key : place.value;
      return this.lines.linePos(range[0]);
    }
    return { line: 1, col: 1 };
  }

  /** Offsets of the value at `segments` in the text, when it has a place of its own. */
  range(segments: readonly Segment[]): Range | undefined {
    return this.places.get(toPointer(segments))?.value;
  }

  /** Line and column of an offset in the text. */
  position(offset: number): { line: number; col: number } {
    return this.lines.linePos(offset);
  }

  /** A diagnostic at the value (or key) at `segments`. */
  at(
    segments: readonly Segment[],
    code: Diagnostic['code'],
    message: string,
    opts: { which?: 'value' | 'key'; hint?: string } = {},
  ): Diagnostic {
    const { line, col } = this.locate(segments, opts.which);
    const d: Diagnostic = { file: this.file, line, col, path: displayPath(segments), message, code };
    if (opts.hint) d.hint = opts.hint;
    return d;
  }
}

export function toPointer(segments: readonly Segment[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/**
 * Parses one YAML mapping (a dataset, the theme, a template's front matter),
 * or a list (recipients),
 * with positions; throws UserError with every problem found. `emptyMessage`
 * says what an empty file should have held.
 */
export function parseYaml(
  bytes: Uint8Array | string,
  file: string,
  emptyMessage: string,
  lineOffset = 0,
  top: 'mapping' | 'list' = 'mapping',
): { data: unknown; map: SourceMap } {
  const fail = (code: Diagnostic['code'], message: string, line = 1, col = 1, hint?: string): never =>
    failAt(file, code, message, line, col, hint);
  const text = decodeText(bytes, file);

  const lines = new OffsetLineCounter(lineOffset);
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const pos = (offset: number) => lines.linePos(offset);

  if (list.length === 0 || list.every((d) => d.contents === null)) {
    fail('file/empty', emptyMessage);
  }

  const diagnostics = syntaxProblems(list, text, file, lines);
  if (list.length > 1) {
    const second = list[1]!;
    const { line, col } = pos(second.range[0]);
    diagnostics.push({
      file,
      line,
      col,
      path: '',
      code: 'yaml/MULTIPLE_DOCUMENTS',
      message: 'a dataset file holds one YAML document; found a second one here',
      hint: 'remove the `---` separator or split the datasets into separate files',
    });
  }
  if (diagnostics.length > 0) throw new UserError(dedupe(diagnostics));

  const doc = list[0]!;
  if (top === 'list' ? !isSeq(doc.contents) : !isMap(doc.contents)) {
    const start = doc.contents?.range?.[0] ?? 0;
    const { line, col } = pos(start);
    fail(
      'file/not-mapping',
      `expected a YAML ${top === 'list' ? 'list (lines starting with "- ")' : 'mapping (key: value lines)'} at the top level, found ${describeNode(doc.contents)}`,
      line,
      col,
    );
  }

  // Limits and values JavaScript cannot hold, each at its place, before anything walks the tree recursively.
  const limits = checkNodes(doc.contents as YamlNode, text, file, lines);
  if (limits.length) throw new UserError(limits);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    throw new UserError([aliasDiagnostic(doc, err.message, file, lines)]);
  }

  const places = new Map<string, Place>();
  collectPlaces(doc.contents as YamlNode, [], places, undefined);
  return { data, map: new SourceMap(file, lines, places) };
}

/** Stops the read with one problem at a place. */
function failAt(
  file: string,
  code: Diagnostic['code'],
  message: string,
  line: number,
  col: number,
  hint?: string,
): never {
  const d: Diagnostic = { file, line, col, path: '', code, message };
  if (hint) d.hint = hint;
  throw new UserError([d]);
}

/** The file's text: UTF-8 without a byte order mark; a binary file or bad UTF-8 is a problem at 1:1. */
function decodeText(bytes: Uint8Array | string, file: string): string {
  let text: string;
  if (typeof bytes === 'string') text = bytes;
  else {
    if (bytes.indexOf(0) !== -1) failAt(file, 'file/binary', 'this is a binary file, not YAML text', 1, 1);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      failAt(file, 'file/encoding', 'the file is not valid UTF-8 text', 1, 1, 'save the file as UTF-8');
    }
  }
  return text!.replace(/^\uFEFF/, '');
}

/** The YAML parser's errors and warnings, each at its place. */
function syntaxProblems(
  list: readonly Pick<Document, 'errors' | 'warnings'>[],
  text: string,
  file: string,
  lines: OffsetLineCounter,
): Diagnostic[] {
  const pos = (offset: number) => lines.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const { line, col } = pos(e.pos[0]);
      diagnostics.push({
        file,
        line,
        col,
        path: '',
        code: `yaml/${e.code}`,
        message: yamlMessage(e.code, e.message, text, e.pos),
      });
    }
  }
  return diagnostics;
}

/** A LineCounter whose lines start further down a file (YAML front matter inside a template). */
class OffsetLineCounter extends LineCounter {
  constructor(offset: number) {
    super();
    if (offset === 0) return;
    const base = this.linePos;
    this.linePos = (pos: number) => {
      const p = base(pos);
      return { line: p.line + offset, col: p.col };
    };
  }
}

function yamlMessage(code: string, message: string, text: string, range: readonly [number, number]): string {
  if (/call stack/i.test(message))
    return `mappings and lists nest too deeply here; Brief reads at most ${LIMITS.depth} levels`;
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*)/
        .exec(text.slice(range[0]))![1]!
        .trim()
        .replace(/^["']|["']$/g, '');
      return `duplicate key ${JSON.stringify(key)}: each key may appear once in a mapping`;
    }
    case 'TAB_AS_INDENT':
      return 'tab used for indentation: YAML indents with spaces only';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `${message.replace(/\.$/, '')}: a value that contains ": " must be put in quotes`;
    case 'TAG_RESOLVE_FAILED':
      return `${message.replace(/\.$/, '')}: datasets use plain YAML, without custom tags`;
    default:
      return message.replace(/\s+/g, ' ').trim();
  }
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.line}:${d.col}:${d.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the text ${JSON.stringify(String(node.value)).slice(0, 40)}`;
  return 'something else';
}

function aliasDiagnostic(doc: Document, message: string, file: string, lines: LineCounter): Diagnostic {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_k, node) => void aliases.push(node) });
  if (/Excessive alias count/.test(message)) {
    const first = aliases[0];
    const { line, col } = lines.linePos(first?.range?.[0] ?? 0);
    return {
      file,
      line,
      col,
      path: '',
      code: 'yaml/ALIAS_LIMIT',
      message: `aliases expand into too large a document (more than ${MAX_ALIAS_COUNT} expansions); refusing to load it`,
      hint: 'write the values out instead of nesting aliases of aliases',
    };
  }
  const name = /alias[^:]*: (.+)$/.exec(message)?.[1]?.trim();
  const culprit = aliases.find((a) => a.source === name) ?? aliases[0];
  const { line, col } = lines.linePos(culprit?.range?.[0] ?? 0);
  return {
    file,
    line,
    col,
    path: '',
    code: 'yaml/UNRESOLVED_ALIAS',
    message: `alias *${name ?? '?'} refers to no anchor defined before it`,
    hint: 'define the anchor (&name) above the alias, or write the value out',
  };
}

function collectPlaces(
  node: YamlNode | null | undefined,
  path: Segment[],
  out: Map<string, Place>,
  key: Range | undefined,
): void {
  if (!node) return;
  const range = node.range ? ([node.range[0], node.range[1]] as const) : undefined;
  if (range) out.set(toPointer(path), key ? { value: range, key } : { value: range });
  if (isAlias(node)) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YamlNode | null;
      const name = isScalar(k) ? String(k.value) : String(k);
      const keyRange = k?.range ? ([k.range[0], k.range[1]] as const) : undefined;
      const child = [...path, name];
      const valueNode = pair.value as YamlNode | null;
      if (valueNode) collectPlaces(valueNode, child, out, keyRange);
      else if (keyRange) out.set(toPointer(child), { value: keyRange, key: keyRange });
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectPlaces(item as YamlNode, [...path, i], out, undefined));
  }
}
