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
import { footnoteTail } from './footnotes.js';
import type { Align, Attrs, Block, Cell, Doc, Inline, Meta, Note } from './tree.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

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

interface FootnoteMeta { id: number; label?: string; subId?: number }

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
    else if (name === 'lang') attrs.lang = value!;
    else if (name === 'dir' && (value === 'ltr' || value === 'rtl')) attrs.dir = value;
    else if (name === 'class') attrs.class = value!;
    else if (name === 'data-fact') attrs.fact = value!;
  }
  return attrs;
}

/** Markdown (with its notes) -> the document, with the metadata the caller gives. */
export function parseMarkdown(markdown: string, meta: Meta): Doc {
  const env: { footnotes?: { list?: { label?: string; tokens?: Token[] }[] } } = {};
  const tokens = md().parse(markdown, env);

  // A note's number is its label when the label is a number (the renderer writes [^1], [^2]...);
  // a template's own named notes ([^a]) follow, numbered by first reference.
  const numbers = new Map<number, number>();
  const labels = env.footnotes?.list ?? [];
  const taken = new Set(labels.map((l) => (/^[1-9]\d*$/.test(l.label ?? '') ? Number(l.label) : NaN)).filter((n) => !Number.isNaN(n)));
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

  const inline = (children: Token[] | null): Inline[] => {
    const out: Inline[] = [];
    const stack: Inline[][] = [out];
    const push = (n: Inline) => {
      if (n.type === 'text' && n.value === '') return; // markdown-it leaves empty text tokens around emphasis
      const list = stack[stack.length - 1]!;
      const last = list[list.length - 1];
      if (n.type === 'text' && last?.type === 'text') last.value += n.value;
      else list.push(n);
    };
    const open = (n: Extract<Inline, { children: Inline[] }>) => {
      push(n);
      stack.push(n.children);
    };
    // Which open nodes are spans, so that </span> closes a span and nothing else.
    const spans: Inline[][] = [];
    for (const t of children ?? []) {
      switch (t.type) {
        case 'text':
          push({ type: 'text', value: t.content });
          break;
        case 'html_inline': {
          if (COMMENT.test(t.content)) break; // an HTML comment is hidden, as Markdown renderers do
          const attrs = spanAttrs(t.content);
          if (attrs) {
            const span: Inline = { type: 'span', attrs, children: [] };
            open(span);
            spans.push(span.children);
          } else if (t.content === '</span>' && spans.length && stack[stack.length - 1] === spans[spans.length - 1]) {
            spans.pop();
            stack.pop();
          } else push({ type: 'text', value: t.content });
          break;
        }
        case 'softbreak':
          push({ type: 'text', value: ' ' });
          break;
        case 'hardbreak':
          push({ type: 'break' });
          break;
        case 'code_inline':
          push({ type: 'code', value: t.content });
          break;
        case 'strong_open':
          open({ type: 'strong', children: [] });
          break;
        case 'em_open':
          open({ type: 'emphasis', children: [] });
          break;
        case 's_open':
          open({ type: 'delete', children: [] });
          break;
        case 'link_open':
          open({ type: 'link', url: String(t.attrGet('href') ?? ''), children: [] });
          break;
        case 'strong_close':
        case 'em_close':
        case 's_close':
        case 'link_close':
          if (stack.length > 1) stack.pop();
          break;
        case 'image':
          push({ type: 'text', value: t.content });
          break;
        case 'footnote_ref':
          push({ type: 'noteRef', n: numberOf((t.meta as unknown as FootnoteMeta).id) });
          break;
        default:
          if (t.content) push({ type: 'text', value: t.content });
      }
    }
    return out;
  };

  /** Reads blocks from tokens[i] until the closing token of type `until` (or the end). */
  const blocks = (list: Token[], start: number, until?: string): { blocks: Block[]; next: number } => {
    const out: Block[] = [];
    let i = start;
    while (i < list.length) {
      const t = list[i]!;
      if (until && t.type === until) return { blocks: out, next: i + 1 };
      switch (t.type) {
        case 'heading_open': {
          const depth = Number(t.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6;
          out.push({ type: 'heading', depth, children: inline(list[i + 1]!.children) });
          i += 3;
          continue;
        }
        case 'paragraph_open':
          out.push({ type: 'paragraph', children: inline(list[i + 1]!.children) });
          i += 3;
          continue;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const ordered = t.type === 'ordered_list_open';
          const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
          const items: Block[][] = [];
          i++;
          while (i < list.length && list[i]!.type !== close) {
            if (list[i]!.type === 'list_item_open') {
              const r = blocks(list, i + 1, 'list_item_close');
              items.push(r.blocks);
              i = r.next;
            } else i++;
          }
          out.push({ type: 'list', ordered, start: Number(t.attrGet('start') ?? 1), items });
          i++;
          continue;
        }
        case 'blockquote_open': {
          const r = blocks(list, i + 1, 'blockquote_close');
          out.push({ type: 'blockquote', children: r.blocks });
          i = r.next;
          continue;
        }
        case 'table_open': {
          const align: Align[] = [];
          const header: Cell[] = [];
          const rows: Cell[][] = [];
          let row: Cell[] | undefined;
          let inHead = false;
          i++;
          while (i < list.length && list[i]!.type !== 'table_close') {
            const c = list[i]!;
            if (c.type === 'thead_open') inHead = true;
            else if (c.type === 'thead_close') inHead = false;
            else if (c.type === 'tr_open') row = [];
            else if (c.type === 'tr_close' && row) {
              if (inHead) header.push(...row);
              else rows.push(row);
              row = undefined;
            } else if (c.type === 'th_open' || c.type === 'td_open') {
              if (inHead) {
                const style = String(c.attrGet('style') ?? '');
                const m = /text-align:(left|right|center)/.exec(style);
                align.push((m?.[1] as Align) ?? null);
              }
              row?.push(cell(inline(list[i + 1]!.children)));
              i += 2;
            }
            i++;
          }
          out.push({ type: 'table', align, header, rows });
          i++;
          continue;
        }
        case 'fence':
        case 'code_block':
          out.push({ type: 'code', lang: t.info.trim() || null, value: t.content.replace(/\n$/, '') });
          break;
        case 'hr':
          out.push({ type: 'rule' });
          break;
        case 'html_block':
          // An HTML comment is hidden, as Markdown renderers do; other raw HTML means nothing here: it stays as text.
          if (COMMENT.test(t.content.trim())) break;
          out.push({ type: 'paragraph', children: [{ type: 'text', value: t.content.trim() }] });
          break;
        case 'footnote_block_open':
          // Notes are collected below, from the parser's own list.
          while (i < list.length && list[i]!.type !== 'footnote_block_close') i++;
          break;
        default:
          break;
      }
      i++;
    }
    return { blocks: out, next: i };
  };

  const body = blocks(tokens, 0).blocks;

  // Notes, numbered as referenced; a note may reference further notes.
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
  for (let more = true; more; ) {
    more = false;
    for (const [id, n] of [...numbers.entries()].sort((a, b) => a[1] - b[1])) {
      if (done.has(id)) continue;
      done.add(id);
      more = true;
      notes.push({ n, children: blocks(defs.get(id) ?? [], 0).blocks });
    }
  }
  return { meta, blocks: body, notes: notes.sort((a, b) => a.n - b.n) };
}

/** A table cell: its content, and the category of the first span in it that has one. */
function cell(children: Inline[]): Cell {
  const attrs: Attrs = {};
  const find = (list: Inline[]): string | undefined => {
    for (const n of list) {
      if (n.type === 'span' && n.attrs.category) return n.attrs.category;
      if ('children' in n) {
        const c = find(n.children);
        if (c) return c;
      }
    }
    return undefined;
  };
  const category = find(children);
  if (category) attrs.category = category;
  return { attrs, children };
}
