/**
 * The checks on a parsed YAML tree before anything walks it recursively:
 * nesting, control characters, lengths and whole numbers, each at its place
 * (README "Limits"). Used by yaml.ts for every YAML file Brief reads.
 */
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node as YamlNode } from 'yaml';
import { CONTROL, CONTROL_HINT, controlMessage } from './controls.js';
import { displayPath, type Diagnostic } from './diagnostics.js';
import { LIMITS } from './limits.js';
import { quoted } from './show.js';

type Segment = string | number;

/**
 * Walks the parsed YAML (iteratively: any depth is safe here) and reports
 * nesting beyond the limit, control characters in strings and keys, strings
 * and keys longer than their limits, and
 * whole numbers too large for JavaScript to keep exactly. Values are never
 * echoed whole.
 */
export function checkNodes(root: YamlNode, text: string, file: string, lines: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (
    node: { range?: readonly number[] | null } | null | undefined,
    code: Diagnostic['code'],
    message: string,
    hint?: string,
  ) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    const d: Diagnostic = { file, line, col, path: '', code, message };
    if (hint) d.hint = hint;
    out.push(d);
  };
  // Each entry knows its parent, so that a path is made only for a problem that needs one.
  type Entry = { node: YamlNode | null | undefined; depth: number; up?: Entry; seg?: Segment };
  const pathOf = (e: Entry): Segment[] => {
    const segs: Segment[] = [];
    for (let x: Entry | undefined = e; x?.up; x = x.up) segs.unshift(x.seg!);
    return segs;
  };
  const todo: Entry[] = [{ node: root, depth: 1 }];
  while (todo.length && out.length < 20) {
    const entry = todo.pop()!;
    const { node, depth } = entry;
    if (!node) continue;
    if (isMap(node) || isSeq(node)) {
      if (depth > LIMITS.depth) {
        at(
          node,
          'yaml/TOO_DEEP',
          `mappings and lists nest more than ${LIMITS.depth} levels deep here; Brief reads at most ${LIMITS.depth}`,
        );
        continue;
      }
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) {
          const seg = isScalar(item.key) ? String(item.key.value) : String(item.key);
          todo.push({ node: item.value as YamlNode, depth: depth + 1, up: entry, seg });
          todo.push({ node: item.key as YamlNode, depth: depth + 1, up: entry, seg });
        } else todo.push({ node: item as YamlNode, depth: depth + 1, up: entry, seg: i });
      }
    } else if (isScalar(node)) {
      const v = node.value;
      const control = typeof v === 'string' ? CONTROL.exec(v) : null;
      if (control) {
        // At the character itself when it is written raw, else at the value (an escape such as "\e").
        const raw = node.range ? text.slice(node.range[0], node.range[1]).indexOf(control[0]) : -1;
        const { line, col } = lines.linePos(raw >= 0 ? node.range![0] + raw : (node.range?.[0] ?? 0));
        out.push({
          file,
          line,
          col,
          path: displayPath(pathOf(entry)),
          code: 'yaml/CONTROL',
          message: controlMessage(control[0]),
          hint: CONTROL_HINT,
        });
      } else if (typeof v === 'string' && v.length > LIMITS.stringChars) {
        at(
          node,
          'yaml/TOO_LONG',
          `this value is ${v.length.toLocaleString('en-GB')} characters long; one value may hold at most ${LIMITS.stringChars.toLocaleString('en-GB')}`,
          'see "Limits" in the README',
        );
      } else if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
        const source = node.range ? text.slice(node.range[0], node.range[1]).trim() : String(v);
        if (/^[-+]?(0x[0-9a-f]+|0o[0-7]+|\d+)$/i.test(source)) {
          at(
            node,
            'yaml/BIG_INTEGER',
            `the whole number ${quoted(source, 40)} is too large to keep exactly (the largest is 9,007,199,254,740,991)`,
            'put it in quotes if it is text, such as an identifier',
          );
        }
      }
    }
  }
  return out;
}
