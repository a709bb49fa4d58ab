/**
 * Parse: rendered Markdown -> the document tree, through mdast (micromark
 * with the GFM extensions: tables, footnotes, strikethrough, autolinks).
 * Only this file knows the parser's node types.
 */
import type { Nodes as MdNode, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Block, Doc, Footnote, Inline } from './tree.js';

export function parseMarkdown(markdown: string): Doc {
  const root = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

  const definitions = new Map<string, RootContent[]>();
  const body: RootContent[] = [];
  for (const node of root.children) {
    if (node.type === 'footnoteDefinition') {
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.children);
    } else body.push(node);
  }

  // Footnotes are numbered in order of first reference: the body first, then
  // references made inside the notes themselves.
  const numbers = new Map<string, number>();
  const numberOf = (id: string) => {
    let n = numbers.get(id);
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(id, n);
    }
    return n;
  };

  const inline = (nodes: PhrasingContent[]): Inline[] => {
    const out: Inline[] = [];
    const push = (n: Inline) => {
      const last = out[out.length - 1];
      if (n.type === 'text' && last?.type === 'text') last.value += n.value;
      else out.push(n);
    };
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          push({ type: 'text', value: n.value });
          break;
        case 'strong':
          push({ type: 'strong', children: inline(n.children) });
          break;
        case 'emphasis':
          push({ type: 'emphasis', children: inline(n.children) });
          break;
        case 'delete':
          push({ type: 'delete', children: inline(n.children) });
          break;
        case 'inlineCode':
          push({ type: 'code', value: n.value });
          break;
        case 'link':
          push({ type: 'link', url: n.url, children: inline(n.children) });
          break;
        case 'break':
          push({ type: 'break' });
          break;
        case 'footnoteReference':
          if (definitions.has(n.identifier)) push({ type: 'footnoteRef', n: numberOf(n.identifier) });
          else push({ type: 'text', value: `[^${n.label ?? n.identifier}]` });
          break;
        case 'html':
          push({ type: 'text', value: n.value });
          break;
        case 'image':
          push({ type: 'text', value: n.alt ?? '' });
          break;
        default:
          push({ type: 'text', value: plain(n) });
      }
    }
    return out;
  };

  const blocks = (nodes: RootContent[]): Block[] => {
    const out: Block[] = [];
    for (const n of nodes) {
      switch (n.type) {
        case 'heading':
          out.push({ type: 'heading', depth: n.depth, children: inline(n.children) });
          break;
        case 'paragraph':
          out.push({ type: 'paragraph', children: inline(n.children) });
          break;
        case 'list':
          out.push({ type: 'list', ordered: !!n.ordered, start: n.start ?? 1, items: n.children.map((item) => blocks(item.children)) });
          break;
        case 'blockquote':
          out.push({ type: 'blockquote', children: blocks(n.children) });
          break;
        case 'table': {
          const [head, ...rows] = n.children;
          out.push({
            type: 'table',
            align: (n.align ?? []).map((a) => a ?? null),
            header: (head?.children ?? []).map((cell) => inline(cell.children)),
            rows: rows.map((row) => row.children.map((cell) => inline(cell.children))),
          });
          break;
        }
        case 'code':
          out.push({ type: 'code', lang: n.lang ?? null, value: n.value });
          break;
        case 'thematicBreak':
          out.push({ type: 'rule' });
          break;
        case 'html':
          out.push({ type: 'paragraph', children: [{ type: 'text', value: n.value }] });
          break;
        default:
          break; // definitions (link references) carry no content of their own
      }
    }
    return out;
  };

  const doc: Doc = { blocks: blocks(body), footnotes: [] };
  // Notes may reference further notes: walk them until no new number appears.
  const done = new Set<string>();
  const footnotes: Footnote[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, n] of [...numbers.entries()].sort((a, b) => a[1] - b[1])) {
      if (done.has(id)) continue;
      done.add(id);
      changed = true;
      footnotes.push({ n, children: blocks(definitions.get(id)!) });
    }
  }
  doc.footnotes = footnotes.sort((a, b) => a.n - b.n);
  return doc;
}

function plain(node: MdNode): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as MdNode[]).map(plain).join('');
  return '';
}
