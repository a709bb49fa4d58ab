/**
 * Tracked changes between two renderings of one document: the earlier
 * version's document and the current one, aligned block by block (longest
 * common subsequence of their texts). Between blocks that are the same, a
 * block or list item is paired only with one that carries the same fact
 * (the `fact` attribute the cite helper puts on citations: a claim, quote or
 * position cell), or, when neither carries any, one whose words are mostly
 * the same; paired blocks are compared word by word (paragraphs, headings,
 * list items, and the cells of table rows that kept their first cell), and
 * anything unpaired is inserted or deleted whole, so that two unrelated
 * sentences are never merged word by word.
 * The result is the current document with what is new marked inserted and
 * what went marked deleted (spans of class INSERTED and DELETED, and a
 * paragraph's own mark in `revision`), for a writer that records revisions
 * (Word's w:ins and w:del). Accepting every revision gives the current
 * document; rejecting every one gives the earlier text. Citation marks are
 * compared by the note they point to, so renumbered notes are not changes;
 * a deleted citation is dropped with the text it followed.
 */
import { blocksText } from './walk.js';
import type { Attrs, Block, Cell, Doc, Inline, Note } from './tree.js';

export const INSERTED = 'brief-inserted';
export const DELETED = 'brief-deleted';

type Wrapper =
  | { type: 'strong' }
  | { type: 'emphasis' }
  | { type: 'delete' }
  | { type: 'span'; attrs: Attrs }
  | { type: 'link'; url: string };
type Atom =
  | { kind: 'text'; value: string; wrap: Wrapper[] }
  | { kind: 'break'; wrap: Wrapper[] }
  | { kind: 'code'; value: string; wrap: Wrapper[] }
  | { kind: 'ref'; n: number; note: string };

/** Longest common subsequence of two lists by key: pairs of indices, in order. */
function lcs<T>(a: readonly T[], b: readonly T[], keyA: (x: T) => string, keyB = keyA): [number, number][] {
  const ka = a.map(keyA);
  const kb = b.map(keyB);
  const n = a.length;
  const m = b.length;
  // Lengths of the common subsequences of the suffixes, row by row.
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] = ka[i] === kb[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ka[i] === kb[j]) out.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

function atoms(nodes: readonly Inline[], notes: readonly Note[], wrap: Wrapper[] = [], out: Atom[] = []): Atom[] {
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        for (const t of n.value.match(/\s+|[^\s]+/g) ?? []) out.push({ kind: 'text', value: t, wrap });
        break;
      case 'code':
        out.push({ kind: 'code', value: n.value, wrap });
        break;
      case 'break':
        out.push({ kind: 'break', wrap });
        break;
      case 'noteRef':
        out.push({ kind: 'ref', n: n.n, note: blocksText(notes[n.n - 1]?.children ?? []) });
        break;
      case 'link':
        atoms(n.children, notes, [...wrap, { type: 'link', url: n.url }], out);
        break;
      case 'span':
        atoms(n.children, notes, [...wrap, { type: 'span', attrs: n.attrs }], out);
        break;
      default:
        atoms(n.children, notes, [...wrap, { type: n.type }], out);
    }
  }
  return out;
}

const atomKey = (a: Atom) =>
  a.kind === 'ref'
    ? `ref\u0000${a.note}`
    : `${a.kind}\u0000${'value' in a ? a.value : ''}\u0000${JSON.stringify(a.wrap)}`;

/** An atom back as inline nodes, inside its wrappers and, when it changed, a revision span. */
function node(a: Exclude<Atom, { kind: 'ref' }>, revision?: string): Inline {
  let n: Inline =
    a.kind === 'text'
      ? { type: 'text', value: a.value }
      : a.kind === 'code'
        ? { type: 'code', value: a.value }
        : { type: 'break' };
  for (const w of [...a.wrap].reverse()) {
    n =
      w.type === 'link'
        ? { type: 'link', url: w.url, children: [n] }
        : w.type === 'span'
          ? { type: 'span', attrs: w.attrs, children: [n] }
          : { type: w.type, children: [n] };
  }
  return revision ? { type: 'span', attrs: { class: revision }, children: [n] } : n;
}

/** Adjacent text nodes of the same shape merged, so that a writer makes one run of them, not one a word. */
function merge(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (last && last.type === 'text' && n.type === 'text')
      out[out.length - 1] = { type: 'text', value: last.value + n.value };
    else if (
      last &&
      'children' in last &&
      'children' in n &&
      last.type === n.type &&
      JSON.stringify({ ...last, children: 0 }) === JSON.stringify({ ...n, children: 0 })
    ) {
      out[out.length - 1] = { ...last, children: merge([...last.children, ...n.children]) } as Inline;
    } else out.push(n);
  }
  return out;
}

/** The current inline content with what differs from the earlier one marked, word by word. */
export function trackInline(
  now: readonly Inline[],
  was: readonly Inline[],
  nowNotes: readonly Note[],
  wasNotes: readonly Note[],
): Inline[] {
  const a = atoms(was, wasNotes);
  const b = atoms(now, nowNotes);
  const pairs = lcs(a, b, atomKey);
  const out: Inline[] = [];
  let i = 0;
  let j = 0;
  const emit = (upto: [number, number]) => {
    // Deleted words first, then inserted ones, as Word shows a replacement; a deleted citation goes with its text.
    for (; i < upto[0]; i++) {
      const x = a[i]!;
      if (x.kind !== 'ref') out.push(node(x, DELETED));
    }
    for (; j < upto[1]; j++) {
      const y = b[j]!;
      out.push(
        y.kind === 'ref'
          ? { type: 'span', attrs: { class: INSERTED }, children: [{ type: 'noteRef', n: y.n }] }
          : node(y, INSERTED),
      );
    }
  };
  for (const [pi, pj] of pairs) {
    emit([pi, pj]);
    const y = b[pj]!;
    out.push(y.kind === 'ref' ? { type: 'noteRef', n: y.n } : node(y));
    i = pi + 1;
    j = pj + 1;
  }
  emit([a.length, b.length]);
  return merge(out);
}

/** Inline content wholly inserted or deleted (a deleted block keeps no citations). */
function whole(nodes: readonly Inline[], revision: string): Inline[] {
  const strip = (list: readonly Inline[]): Inline[] =>
    list.flatMap((n): Inline[] =>
      n.type === 'noteRef'
        ? revision === DELETED
          ? []
          : [n]
        : 'children' in n
          ? [{ ...n, children: strip(n.children) } as Inline]
          : [n],
    );
  return [{ type: 'span', attrs: { class: revision }, children: strip(nodes) }];
}

/** A block wholly inserted or deleted: its text in a revision span, its paragraphs' marks too. */
function wholeBlock(b: Block, revision: 'inserted' | 'deleted'): Block | undefined {
  const cls = revision === 'inserted' ? INSERTED : DELETED;
  switch (b.type) {
    case 'paragraph':
      return { ...b, children: whole(b.children, cls), revision };
    case 'heading':
      return { ...b, children: whole(b.children, cls), revision };
    case 'list':
      return {
        ...b,
        items: b.items.map((item) => item.map((c) => wholeBlock(c, revision)).filter((c): c is Block => !!c)),
      };
    case 'blockquote':
      return { ...b, children: b.children.map((c) => wholeBlock(c, revision)).filter((c): c is Block => !!c) };
    // A table, code or rule that went is not shown; a new one is shown as it is.
    default:
      return revision === 'inserted' ? b : undefined;
  }
}

/** The facts a block carries, at any depth. */
function factsOf(b: Block | readonly Block[], out = new Set<string>()): Set<string> {
  const inline = (nodes: readonly Inline[]) => {
    for (const n of nodes) {
      if (n.type === 'span' && n.attrs.fact) out.add(n.attrs.fact);
      if ('children' in n) inline(n.children);
    }
  };
  for (const x of Array.isArray(b) ? (b as readonly Block[]) : [b as Block]) {
    switch (x.type) {
      case 'paragraph':
      case 'heading':
        inline(x.children);
        break;
      case 'list':
        for (const item of x.items) factsOf(item, out);
        break;
      case 'blockquote':
        factsOf(x.children, out);
        break;
      case 'table':
        for (const c of [...x.header, ...x.rows.flat()]) inline(c.children);
        break;
      default:
        break;
    }
  }
  return out;
}

/** How alike two blocks' words are: the Dice coefficient of their sets of words (1 the same, 0 nothing shared). */
function likeness(a: Block | readonly Block[], b: Block | readonly Block[]): number {
  const words = (x: Block | readonly Block[]) =>
    new Set(
      blocksText(Array.isArray(x) ? (x as Block[]) : [x as Block])
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
    );
  const wa = words(a);
  const wb = words(b);
  if (wa.size + wb.size === 0) return 1;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/** Below this likeness, two blocks that carry no facts are different text, not one text edited. */
const LIKE = 0.5;

/** Whether an earlier block (or list item) is the same thing as a current one: the same fact, or without facts, mostly the same words. */
function samePlace(now: Block | readonly Block[], was: Block | readonly Block[]): boolean {
  const a = factsOf(now);
  const b = factsOf(was);
  if (a.size || b.size) return [...a].some((f) => b.has(f));
  return likeness(now, was) >= LIKE;
}

/**
 * The part between two stretches that are the same: each current item paired
 * with the first unused earlier one that `match`es (earlier ones it passes
 * over are shown deleted where they were), the rest inserted or deleted whole.
 */
function alignGap<T, R>(
  was: readonly T[],
  now: readonly T[],
  match: (now: T, was: T) => boolean,
  paired: (now: T, was: T) => R,
  inserted: (now: T) => R | undefined,
  deleted: (was: T) => R | undefined,
): R[] {
  const out: R[] = [];
  const olds = was.map((b) => ({ b, used: false }));
  const drop = (x: { b: T; used: boolean }) => {
    x.used = true;
    const d = deleted(x.b);
    if (d !== undefined) out.push(d);
  };
  for (const b of now) {
    const o = olds.find((x) => !x.used && match(b, x.b));
    if (o) {
      for (const x of olds.slice(0, olds.indexOf(o))) if (!x.used) drop(x);
      o.used = true;
      out.push(paired(b, o.b));
    } else {
      const n = inserted(b);
      if (n !== undefined) out.push(n);
    }
  }
  for (const x of olds) if (!x.used) drop(x);
  return out;
}

const cellsText = (cells: readonly Cell[], notes: readonly Note[]) =>
  cells.map((c) => atoms(c.children, notes).map(atomKey).join('')).join('\u0001');

/** Two versions of the same block, paired: the current one with its differences marked. */
function pairBlocks(now: Block, was: Block, ctx: Ctx): Block {
  if (now.type === 'paragraph' && was.type === 'paragraph')
    return { ...now, children: trackInline(now.children, was.children, ctx.nowNotes, ctx.wasNotes) };
  if (now.type === 'heading' && was.type === 'heading')
    return { ...now, children: trackInline(now.children, was.children, ctx.nowNotes, ctx.wasNotes) };
  if (now.type === 'blockquote' && was.type === 'blockquote')
    return { ...now, children: trackBlocks(now.children, was.children, ctx) };
  if (now.type === 'list' && was.type === 'list') {
    // Citations are compared by their notes' text: each version's own notes.
    const key = (notes: readonly Note[]) => (item: Block[]) => blockKey({ type: 'blockquote', children: item }, notes);
    const items: Block[][] = [];
    const pairs = lcs(was.items, now.items, key(ctx.wasNotes), key(ctx.nowNotes));
    let i = 0;
    let j = 0;
    const gap = (pi: number, pj: number) => {
      // In a gap, an item pairs with the earlier one of the same fact and differs word by word; the rest are new or gone.
      items.push(
        ...alignGap(
          was.items.slice(i, pi),
          now.items.slice(j, pj),
          samePlace,
          (n, o) => trackBlocks(n, o, ctx),
          (n) => n.map((c) => wholeBlock(c, 'inserted')!),
          (o) => o.map((c) => wholeBlock(c, 'deleted')).filter((c): c is Block => !!c),
        ),
      );
      i = pi;
      j = pj;
    };
    for (const [pi, pj] of pairs) {
      gap(pi, pj);
      items.push(now.items[pj]!);
      i = pi + 1;
      j = pj + 1;
    }
    gap(was.items.length, now.items.length);
    return { ...now, items };
  }
  if (now.type === 'table' && was.type === 'table' && now.header.length === was.header.length) {
    const cell = (c: Cell, o: Cell | undefined): Cell => ({
      ...c,
      children: o ? trackInline(c.children, o.children, ctx.nowNotes, ctx.wasNotes) : whole(c.children, INSERTED),
    });
    const rowKey = (r: Cell[], notes: readonly Note[]) => cellsText(r.slice(0, 1), notes);
    const wasByFirst = new Map(was.rows.map((r) => [rowKey(r, ctx.wasNotes), r]));
    // Rows pair by their first cell (the actor), so that a reordered or new row is not read as every row changed.
    return {
      ...now,
      header: now.header.map((c, k) => cell(c, was.header[k])),
      rows: now.rows.map((r) => {
        const o = wasByFirst.get(rowKey(r, ctx.nowNotes));
        return r.map((c, k) => cell(c, o?.[k]));
      }),
    };
  }
  return now;
}

interface Ctx {
  nowNotes: readonly Note[];
  wasNotes: readonly Note[];
}

function blockKey(b: Block, notes: readonly Note[]): string {
  switch (b.type) {
    case 'paragraph':
      return `p\u0000${atoms(b.children, notes).map(atomKey).join('')}`;
    case 'heading':
      return `h${b.depth}\u0000${atoms(b.children, notes).map(atomKey).join('')}`;
    case 'list':
      return `l\u0000${b.items.map((item) => item.map((c) => blockKey(c, notes)).join('\u0002')).join('\u0003')}`;
    case 'blockquote':
      return `q\u0000${b.children.map((c) => blockKey(c, notes)).join('\u0002')}`;
    case 'table':
      return `t\u0000${cellsText(b.header, notes)}\u0004${b.rows.map((r) => cellsText(r, notes)).join('\u0004')}`;
    case 'code':
      return `c\u0000${b.value}`;
    case 'rule':
      return 'r';
    case 'figure':
      return `f\u0000${b.chart.alt}`;
  }
}

function sameKind(a: Block, b: Block): boolean {
  return (
    a.type === b.type &&
    (a.type !== 'heading' || a.depth === (b as Extract<Block, { type: 'heading' }>).depth) &&
    (a.type !== 'list' || a.ordered === (b as Extract<Block, { type: 'list' }>).ordered)
  );
}

function trackBlocks(now: readonly Block[], was: readonly Block[], ctx: Ctx): Block[] {
  const wasKeys = was.map((b) => blockKey(b, ctx.wasNotes));
  const nowKeys = now.map((b) => blockKey(b, ctx.nowNotes));
  const pairs = lcs(wasKeys, nowKeys, (x) => x);
  const out: Block[] = [];
  let i = 0;
  let j = 0;
  const gap = (pi: number, pj: number) => {
    // Between blocks that are the same: a block pairs with an earlier one of its kind that is the same thing
    // (a table with a table; otherwise the same fact, or mostly the same words) and is compared with it; the rest are new or gone.
    const match = (n: Block, o: Block) => sameKind(n, o) && (n.type === 'table' || samePlace(n, o));
    out.push(
      ...alignGap(
        was.slice(i, pi),
        now.slice(j, pj),
        match,
        (n, o) => pairBlocks(n, o, ctx),
        (n) => wholeBlock(n, 'inserted'),
        (o) => wholeBlock(o, 'deleted'),
      ),
    );
    i = pi;
    j = pj;
  };
  for (const [pi, pj] of pairs) {
    gap(pi, pj);
    out.push(now[pj]!);
    i = pi + 1;
    j = pj + 1;
  }
  gap(was.length, now.length);
  return out;
}

/** The current document with its differences from the earlier one marked as revisions. */
export function trackChanges(now: Doc, was: Doc): Doc {
  return { ...now, blocks: trackBlocks(now.blocks, was.blocks, { nowNotes: now.notes, wasNotes: was.notes }) };
}
