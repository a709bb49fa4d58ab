/**
 * Parse: rendered Markdown -> the document tree, with markdown-it (CommonMark
 * plus GFM tables, strikethrough, autolinks) and markdown-it-footnote. Only
 * this file knows the parser's tokens. markdown-it was chosen over micromark
 * for speed: about 15 ms for the three documents once warm, where micromark
 * took 60 ms (150 ms cold).
 *
 * Attributes travel as inline HTML spans, `<span data-category="open">…</span>`
 * (also `lang`, `dir`, `class`), which GitHub shows as their text; an HTML
 * comment is dropped, as Markdown renderers hide it; no other HTML means
 * anything (it stays text, as data cannot hold any: the view escapes `<`). A table cell takes the category of the first span in it.
 * Notes keep the numbers the renderer gave them ([^3] is note 3): numbering
 * has one owner.
 */
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { footnoteTail, noteNumbers, notesOf, type FootnoteMeta, type NoteNumbers, type NotesEnv } from './footnotes.js';
import type { Align, Attrs, Block, Cell, ChartSegment, Doc, Inline, Meta } from './tree.js';
import { textOf } from './walk.js';

export type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

let parser: InstanceType<typeof MarkdownIt> | undefined;

function md(): InstanceType<typeof MarkdownIt> {
  // html: false keeps any raw HTML as text; linkify makes bare addresses links, as GitHub does.
  // html: true only so that attribute spans arrive as tokens; any other tag is turned back into text below.
  if (!parser) {
    parser = new MarkdownIt('default', { html: true, linkify: true, typographer: false }).use(footnote);
    parser.core.ruler.at('footnote_tail', footnoteTail);
  }
  return parser;
}

/** An HTML comment, whole. Templates' own are hidden before they render (render/syntax.ts); this catches any made otherwise. */
const COMMENT = /^<!--[\s\S]*-->$/;

const SPAN_OPEN = /^<span((?:\s+[a-z-]+="[^"<>]*")*)\s*>$/;

/** The attributes of an attribute span, or undefined when the tag is anything else. */
function spanAttrs(tag: string): Attrs | undefined {
  const m = SPAN_OPEN.exec(tag);
  if (!m) return undefined;
  const attrs: Attrs = {};
  for (const [, name, value] of m[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)) {
    if (name === 'data-category') attrs.category = value!;
    else if (name === 'data-tone') attrs.tone = value!;
    else if (name === 'lang') attrs.lang = value!;
    else if (name === 'dir' && (value === 'ltr' || value === 'rtl')) attrs.dir = value;
    else if (name === 'class') attrs.class = value!;
    else if (name === 'data-fact') attrs.fact = value!;
  }
  return attrs;
}

/** A token the parser does not know: a bug to fix here, never text to print (it would reach readers unseen). */
export class UnknownToken extends Error {
  constructor(kind: 'inline' | 'block', type: string) {
    super(`the Markdown parser met a${kind === 'inline' ? 'n inline' : ' block'} token it does not know: ${type}`);
  }
}

/** Markdown (with its notes) -> the document, with the metadata the caller gives. */
export function parseMarkdown(markdown: string, meta: Meta): Doc {
  const env: NotesEnv = {};
  return parseTokens(md().parse(markdown, env), env, meta);
}

/** markdown-it's tokens (and the notes it found) -> the document. */
export function parseTokens(tokens: Token[], env: NotesEnv, meta: Meta): Doc {
  const reader = new Reader(noteNumbers(env));
  const body = reader.blocks(tokens, 0).blocks;
  return { meta, blocks: body, notes: notesOf(tokens, reader.notes.numbers, (list) => reader.blocks(list, 0).blocks) };
}

// ---- inline ------------------------------------------------------------

/** The inline nodes being built: the open containers, and which of them are attribute spans. */
class InlineState {
  readonly out: Inline[] = [];
  private readonly stack: Inline[][] = [this.out];
  /** Which open nodes are spans, so that </span> closes a span and nothing else. */
  private readonly spans: Inline[][] = [];
  constructor(readonly numberOf: (id: number) => number) {}

  push(n: Inline): void {
    if (n.type === 'text' && n.value === '') return; // markdown-it leaves empty text tokens around emphasis
    const list = this.stack[this.stack.length - 1]!;
    const last = list[list.length - 1];
    if (n.type === 'text' && last?.type === 'text') last.value += n.value;
    else list.push(n);
  }
  open(n: Extract<Inline, { children: Inline[] }>, span = false): void {
    this.push(n);
    this.stack.push(n.children);
    if (span) this.spans.push(n.children);
  }
  close(): void {
    if (this.stack.length > 1) this.stack.pop();
  }
  /** Closes the innermost open node if it is a span; false when it is not (the tag is then text). */
  closeSpan(): boolean {
    if (!this.spans.length || this.stack[this.stack.length - 1] !== this.spans[this.spans.length - 1]) return false;
    this.spans.pop();
    this.stack.pop();
    return true;
  }
}

type InlineHandler = (t: Token, s: InlineState) => void;

/** Raw inline HTML: an attribute span opens or closes; any other tag is its own text. */
function htmlInline(t: Token, s: InlineState): void {
  if (COMMENT.test(t.content)) return; // an HTML comment is hidden, as Markdown renderers do
  const attrs = spanAttrs(t.content);
  if (attrs) s.open({ type: 'span', attrs, children: [] }, true);
  else if (!(t.content === '</span>' && s.closeSpan())) s.push({ type: 'text', value: t.content });
}

const close: InlineHandler = (_t, s) => s.close();

/** One handler per inline token type markdown-it gives with this parser's options and plugins. */
const INLINE: Record<string, InlineHandler> = {
  text: (t, s) => s.push({ type: 'text', value: t.content }),
  html_inline: htmlInline,
  softbreak: (_t, s) => s.push({ type: 'text', value: ' ' }),
  hardbreak: (_t, s) => s.push({ type: 'break' }),
  code_inline: (t, s) => s.push({ type: 'code', value: t.content }),
  strong_open: (_t, s) => s.open({ type: 'strong', children: [] }),
  em_open: (_t, s) => s.open({ type: 'emphasis', children: [] }),
  s_open: (_t, s) => s.open({ type: 'delete', children: [] }),
  link_open: (t, s) => s.open({ type: 'link', url: String(t.attrGet('href') ?? ''), children: [] }),
  strong_close: close,
  em_close: close,
  s_close: close,
  link_close: close,
  // An image's address means nothing in a document: its alternative text stays.
  image: (t, s) => s.push({ type: 'text', value: t.content }),
  footnote_ref: (t, s) => s.push({ type: 'noteRef', n: s.numberOf((t.meta as unknown as FootnoteMeta).id) }),
};

// ---- blocks ------------------------------------------------------------

/** A block handler: reads the block starting at list[i], returns it (if any) and the index after it. */
type BlockHandler = (list: Token[], i: number, r: Reader) => { block?: Block; next: number };

/** Reads inline and block tokens into the tree, numbering notes as they are referenced. */
class Reader {
  constructor(readonly notes: NoteNumbers) {}

  inline(children: Token[] | null): Inline[] {
    const s = new InlineState(this.notes.numberOf);
    for (const t of children ?? []) {
      const handle = INLINE[t.type];
      if (!handle) throw new UnknownToken('inline', t.type);
      handle(t, s);
    }
    return s.out;
  }

  /** Reads blocks from list[start] until the closing token of type `until` (or the end). */
  blocks(list: Token[], start: number, until?: string): { blocks: Block[]; next: number } {
    const out: Block[] = [];
    let i = start;
    while (i < list.length) {
      const t = list[i]!;
      if (until && t.type === until) return { blocks: out, next: i + 1 };
      const handle = BLOCK[t.type];
      if (!handle) throw new UnknownToken('block', t.type);
      const r = handle(list, i, this);
      if (r.block) out.push(r.block);
      i = r.next;
    }
    return { blocks: out, next: i };
  }
}

function list(tokens: Token[], i: number, r: Reader): { block: Block; next: number } {
  const t = tokens[i]!;
  const ordered = t.type === 'ordered_list_open';
  const closeType = ordered ? 'ordered_list_close' : 'bullet_list_close';
  const items: Block[][] = [];
  let at = i + 1;
  while (at < tokens.length && tokens[at]!.type !== closeType) {
    if (tokens[at]!.type === 'list_item_open') {
      const read = r.blocks(tokens, at + 1, 'list_item_close');
      items.push(read.blocks);
      at = read.next;
    } else at++;
  }
  return { block: { type: 'list', ordered, start: Number(t.attrGet('start') ?? 1), items }, next: at + 1 };
}

function table(tokens: Token[], i: number, r: Reader): { block: Block; next: number } {
  const align: Align[] = [];
  const header: Cell[] = [];
  const rows: Cell[][] = [];
  let row: Cell[] | undefined;
  let inHead = false;
  let at = i + 1;
  while (at < tokens.length && tokens[at]!.type !== 'table_close') {
    const c = tokens[at]!;
    if (c.type === 'thead_open') inHead = true;
    else if (c.type === 'thead_close') inHead = false;
    else if (c.type === 'tr_open') row = [];
    else if (c.type === 'tr_close' && row) {
      if (inHead) header.push(...row);
      else rows.push(row);
      row = undefined;
    } else if (c.type === 'th_open' || c.type === 'td_open') {
      if (inHead) {
        const m = /text-align:(left|right|center)/.exec(String(c.attrGet('style') ?? ''));
        align.push((m?.[1] as Align) ?? null);
      }
      row?.push(cell(r.inline(tokens[at + 1]!.children)));
      at += 2;
    }
    at++;
  }
  return { block: { type: 'table', align, header, rows }, next: at + 1 };
}

/** A block of open, inline and close tokens (a heading, a paragraph). */
const leaf =
  (make: (t: Token, children: Inline[]) => Block): BlockHandler =>
  (tokens, i, r) => ({ block: make(tokens[i]!, r.inline(tokens[i + 1]!.children)), next: i + 3 });

/** One handler per block token type that can start a block here. */
const BLOCK: Record<string, BlockHandler> = {
  heading_open: leaf((t, children) => ({
    type: 'heading',
    depth: Number(t.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6,
    children,
  })),
  paragraph_open: leaf((_t, children) => figureOf(children) ?? { type: 'paragraph', children }),
  bullet_list_open: list,
  ordered_list_open: list,
  blockquote_open: (tokens, i, r) => {
    const read = r.blocks(tokens, i + 1, 'blockquote_close');
    return { block: { type: 'blockquote', children: read.blocks }, next: read.next };
  },
  table_open: table,
  fence: (tokens, i) => ({ block: code(tokens[i]!), next: i + 1 }),
  code_block: (tokens, i) => ({ block: code(tokens[i]!), next: i + 1 }),
  hr: (_tokens, i) => ({ block: { type: 'rule' }, next: i + 1 }),
  // An HTML comment is hidden, as Markdown renderers do; other raw HTML means nothing here: it stays as text.
  html_block: (tokens, i) =>
    COMMENT.test(tokens[i]!.content.trim())
      ? { next: i + 1 }
      : { block: { type: 'paragraph', children: [{ type: 'text', value: tokens[i]!.content.trim() }] }, next: i + 1 },
  // Notes are collected from the parser's own list (notesOf), not read where they stand.
  footnote_block_open: (tokens, i) => {
    let at = i;
    while (at < tokens.length && tokens[at]!.type !== 'footnote_block_close') at++;
    return { next: at + 1 };
  },
};

function code(t: Token): Block {
  return { type: 'code', lang: t.info.trim() || null, value: t.content.replace(/\n$/, '') };
}

/** A table cell: its content, and the category (with its tone) of the first span in it that has one. */
function cell(children: Inline[]): Cell {
  const attrs: Attrs = {};
  const find = (list: Inline[]): Attrs | undefined => {
    for (const n of list) {
      if (n.type === 'span' && n.attrs.category) return n.attrs;
      if ('children' in n) {
        const c = find(n.children);
        if (c) return c;
      }
    }
    return undefined;
  };
  const found = find(children);
  if (found?.category) attrs.category = found.category;
  if (found?.tone) attrs.tone = found.tone;
  return { attrs, children };
}

// ---- figures -----------------------------------------------------------

type Span = Extract<Inline, { type: 'span' }>;

/** The spans with one of these classes among a span's children (not inside one another), in order. */
function classed(list: readonly Inline[], ...cls: string[]): Span[] {
  return list.flatMap((n): Span[] =>
    n.type === 'span'
      ? cls.includes(n.attrs.class ?? '')
        ? [n]
        : classed(n.children, ...cls)
      : 'children' in n
        ? classed(n.children, ...cls)
        : [],
  );
}

/**
 * A paragraph that is one chart span (written by the chart helper) is a
 * figure: its title, and per segment the category (the first span that has
 * one), symbol, count, word and actors.
 */
function figureOf(children: Inline[]): Block | undefined {
  const only = children.length === 1 ? children[0]! : undefined;
  if (only?.type !== 'span' || only.attrs.class !== 'chart') return undefined;
  const segments = classed(only.children, 'chart-segment', 'chart-crowd').map((seg): ChartSegment => {
    const symbol = seg.children.find((n): n is Span => n.type === 'span' && !!n.attrs.category);
    const one = (cls: string) => textOf(classed(seg.children, cls)[0]?.children ?? []).trim();
    return {
      category: symbol?.attrs.category ?? '',
      ...(symbol?.attrs.tone ? { tone: symbol.attrs.tone } : {}),
      symbol: symbol ? textOf(symbol.children).trim() : '',
      label: one('chart-label'),
      count: Number(one('chart-count')) || 0,
      actors: classed(seg.children, 'chart-actor').map((a) => textOf(a.children).trim()),
      ...(seg.attrs.class === 'chart-crowd' ? { crowd: true } : {}),
    };
  });
  const title = textOf(classed(only.children, 'chart-title')[0]?.children ?? []).trim();
  return { type: 'figure', chart: { title, segments, alt: chartAlt(title, segments) } };
}

/** What a chart says, in words: "Caribbean strikes: 1 defends (United States), 15 not stated". */
export function chartAlt(title: string, segments: readonly ChartSegment[]): string {
  // A category word starts lower case inside the sentence, unless it is an abbreviation ("EU position").
  const word = (l: string) => (/^\p{Lu}\p{Ll}/u.test(l) ? l.charAt(0).toLowerCase() + l.slice(1) : l);
  return `${title}: ${segments.map((s) => `${s.count} ${word(s.label)}${s.actors.length ? ` (${s.actors.join(', ')})` : ''}`).join(', ')}`;
}
