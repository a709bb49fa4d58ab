/**
 * markdown-it-footnote's last step, the notes appended after the text, with
 * the same tokens in the same order (test/markdown.test.ts compares the two).
 * The plugin's own version copies the whole token list once per note
 * (`tokens = tokens.concat(...)`), so that a document with thousands of
 * citations spent most of its parse there: 0.7 s of the 100x FAQ. This one
 * appends. parse.ts puts it in the plugin's place. And the notes' numbers:
 * the renderer's own where it gave them, then in order of first reference.
 */
import type MarkdownIt from 'markdown-it';
import type { Block, Note } from './tree.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export interface FootnoteMeta {
  id: number;
  label?: string;
  subId?: number;
}
type CoreState = Parameters<Parameters<InstanceType<typeof MarkdownIt>['core']['ruler']['push']>[1]>[0];
interface FootnoteEnv {
  footnotes?: { list?: { label?: string; content?: string; count: number; tokens?: Token[] }[] };
}

/** The notes' tokens after the text's, as markdown-it-footnote's tail rule gives them. */
export function footnoteTail(state: CoreState): void {
  const env = state.env as FootnoteEnv;
  if (!env.footnotes) return;
  // Reference-style definitions ([^a]: text) were parsed in place; lift their tokens out of the text.
  const refTokens = new Map<string, Token[]>();
  const kept: Token[] = [];
  let current: Token[] | undefined;
  for (const tok of state.tokens) {
    if (tok.type === 'footnote_reference_open') {
      current = [];
      refTokens.set(String((tok.meta as { label: string }).label), current);
    } else if (tok.type === 'footnote_reference_close') current = undefined;
    else if (current) current.push(tok);
    else kept.push(tok);
  }
  state.tokens = kept;
  const list = env.footnotes.list;
  if (!list) return;
  const out = state.tokens;
  const token = (type: string, tag: string, nesting: -1 | 0 | 1) => new state.Token(type, tag, nesting);
  out.push(token('footnote_block_open', '', 1));
  list.forEach((note, i) => {
    const open = token('footnote_open', '', 1);
    open.meta = { id: i, label: note.label };
    out.push(open);
    if (note.tokens) {
      const po = token('paragraph_open', 'p', 1);
      po.block = true;
      const inline = token('inline', '', 0);
      inline.children = note.tokens;
      inline.content = note.content ?? '';
      const pc = token('paragraph_close', 'p', -1);
      pc.block = true;
      out.push(po, inline, pc);
    } else if (note.label !== undefined) {
      for (const t of refTokens.get(note.label) ?? []) out.push(t);
    }
    const lastParagraph = out[out.length - 1]!.type === 'paragraph_close' ? out.pop() : undefined;
    for (let j = 0, n = note.count > 0 ? note.count : 1; j < n; j++) {
      const anchor = token('footnote_anchor', '', 0);
      anchor.meta = { id: i, subId: j, label: note.label };
      out.push(anchor);
    }
    if (lastParagraph) out.push(lastParagraph);
    out.push(token('footnote_close', '', -1));
  });
  out.push(token('footnote_block_close', '', -1));
}

// ---- numbering -------------------------------------------------------

export type NotesEnv = { footnotes?: { list?: { label?: string; tokens?: Token[] }[] } };

/** A note's number, and the numbers given so far (in the order first referenced). */
export interface NoteNumbers {
  numberOf: (id: number) => number;
  numbers: Map<number, number>;
}

/**
 * A note's number is its label when the label is a number (the renderer
 * writes [^1], [^2]...); a template's own named notes ([^a]) follow,
 * numbered by first reference.
 */
export function noteNumbers(env: NotesEnv): NoteNumbers {
  const numbers = new Map<number, number>();
  const labels = env.footnotes?.list ?? [];
  const taken = new Set(
    labels.map((l) => (/^[1-9]\d*$/.test(l.label ?? '') ? Number(l.label) : NaN)).filter((n) => !Number.isNaN(n)),
  );
  let next = Math.max(0, ...taken);
  const numberOf = (id: number) => {
    let n = numbers.get(id);
    if (n === undefined) {
      const label = labels[id]?.label ?? '';
      n = /^[1-9]\d*$/.test(label) ? Number(label) : ++next;
      numbers.set(id, n);
    }
    return n;
  };
  return { numberOf, numbers };
}

/** Notes, numbered as referenced; a note may reference further notes. */
export function notesOf(
  tokens: readonly Token[],
  numbers: Map<number, number>,
  read: (tokens: Token[]) => Block[],
): Note[] {
  const defs = new Map<number, Token[]>();
  let current: number | undefined;
  let collected: Token[] = [];
  for (const t of tokens) {
    if (t.type === 'footnote_open') {
      current = (t.meta as unknown as FootnoteMeta).id;
      collected = [];
    } else if (t.type === 'footnote_close') {
      if (current !== undefined) defs.set(current, collected);
      current = undefined;
    } else if (current !== undefined && t.type !== 'footnote_anchor') {
      if (t.type === 'inline') t.children = (t.children ?? []).filter((c: Token) => c.type !== 'footnote_anchor');
      collected.push(t);
    }
  }
  const notes: Note[] = [];
  const done = new Set<number>();
  for (let more = true; more;) {
    more = false;
    for (const [id, n] of [...numbers.entries()].sort((a, b) => a[1] - b[1])) {
      if (done.has(id)) continue;
      done.add(id);
      more = true;
      notes.push({ n, children: read(defs.get(id) ?? []) });
    }
  }
  return notes.sort((a, b) => a.n - b.n);
}

/** More consecutive note marks than this are drawn as ranges ("7, 12–28"). */
export const NOTE_RUN_LIMIT = 3;

/**
 * How a run of consecutive note marks is drawn: as written when there are at
 * most NOTE_RUN_LIMIT of them; otherwise in order, with three or more
 * consecutive numbers as one range ({ from: 1, to: 5 }), so that twenty
 * sources do not push words onto lines of their own.
 */
export function noteGroups(ns: readonly number[]): { from: number; to: number }[] {
  if (ns.length <= NOTE_RUN_LIMIT) return ns.map((n) => ({ from: n, to: n }));
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const out: { from: number; to: number }[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last.to + 1) last.to = n;
    else out.push({ from: n, to: n });
  }
  // Two in a row read better as "4,5" than as "4–5".
  return out.flatMap((g) =>
    g.to === g.from + 1
      ? [
          { from: g.from, to: g.from },
          { from: g.to, to: g.to },
        ]
      : [g],
  );
}
