/**
 * The fast way to read a dataset: js-yaml for the values, and the careful
 * parse of yaml.ts only when something is unusual or a problem needs a
 * position.
 */
import jsyaml from 'js-yaml';
import { LIMITS } from './limits.js';
import { CONTROL } from './controls.js';
import { parseYaml, SourceMap } from './yaml.js';

/**
 * A dataset parsed fast (js-yaml, about ten times faster than the yaml
 * package on large files) when nothing in its text needs the careful path,
 * with the places of its values found only if a problem is reported (the
 * careful parse runs then, once). Anything unusual (anchors, aliases, tags,
 * several documents, whole values that are numbers with underscores or in binary, __proto__ keys,
 * bytes that are not UTF-8, a value over a limit, a syntax error) takes the
 * careful path from the start, so that what is accepted, what is refused and
 * every message are the same as with parseYaml.
 */
export function parseYamlFast(
  bytes: Uint8Array | string,
  file: string,
  emptyMessage: string,
  top: 'mapping' | 'list' = 'mapping',
): { data: unknown; map: SourceMap } {
  const careful = () => parseYaml(bytes, file, emptyMessage, 0, top);
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return careful();
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.includes('\u0000') || UNUSUAL.test(text)) return careful();
  let data: unknown;
  try {
    data = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return careful();
  }
  const shape = top === 'list' ? Array.isArray(data) : !!data && typeof data === 'object' && !Array.isArray(data);
  if (!shape || !withinLimits(data)) return careful();
  return { data, map: new SourceMap(file, () => careful().map) };
}

/**
 * What the fast parse leaves to the careful one: anchors, aliases and tags
 * (& * ! starting a token), document markers, numbers YAML 1.1 reads but
 * YAML 1.2 does not (1_000, 0b101: js-yaml's core schema takes them as
 * numbers, the yaml package as text), and __proto__.
 */
const UNUSUAL =
  /(?:^|[\s,[{:-])[&*!][^\s]|^(?:---|\.\.\.)|(?:^|[\s,[{:-])[-+]?(?:0b[01_]+|0[xo][0-9a-fA-F_]*_[0-9a-fA-F_]*|\.?[0-9][0-9_]*_[0-9_.eE+-]*)[ \t]*(?:$|[,\]}#])|__proto__/m;

/** The limits checkNodes enforces, on the parsed value: nesting, string length, control characters, whole numbers JavaScript keeps exactly. */
function withinLimits(root: unknown): boolean {
  const todo: { v: unknown; depth: number }[] = [{ v: root, depth: 1 }];
  while (todo.length) {
    const { v, depth } = todo.pop()!;
    if (typeof v === 'string') {
      if (v.length > LIMITS.stringChars || CONTROL.test(v)) return false;
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) return false;
    } else if (Array.isArray(v) || (v && typeof v === 'object')) {
      if (depth > LIMITS.depth) return false;
      if (Array.isArray(v)) for (const x of v) todo.push({ v: x, depth: depth + 1 });
      else
        for (const [k, x] of Object.entries(v)) {
          if (k.length > LIMITS.stringChars || CONTROL.test(k)) return false;
          todo.push({ v: x, depth: depth + 1 });
        }
    } else if (v !== null && typeof v !== 'boolean') return false;
  }
  return true;
}
