/**
 * One generic walk over the document, as Pandoc's `query`: every block and
 * every inline node, in reading order, with what it sits in. The glyph check,
 * the writers' plain-text needs and the tests all use it instead of walking
 * the tree by hand.
 */
import { unreachable, type Block, type Chart, type Doc, type Inline } from './tree.js';

/** Every text a chart draws: its title, and each segment's symbol, word, count and actors. */
export function chartTexts(c: Chart): string[] {
  return [c.title, ...c.segments.flatMap((s) => [s.symbol, s.label, String(s.count), ...s.actors])];
}

/** Where a node sits: the kind of block that holds it. */
export type Place = 'heading' | 'paragraph' | 'cell' | 'code' | 'note';

export interface Visitor {
  block?(block: Block, inNote: boolean): void;
  /** Every inline node, with the block kind it sits in (a table cell counts as `cell`). */
  inline?(node: Inline, place: Place, inNote: boolean): void;
}

function inlines(nodes: readonly Inline[], place: Place, inNote: boolean, v: Visitor): void {
  for (const n of nodes) {
    v.inline?.(n, place, inNote);
    switch (n.type) {
      case 'strong':
      case 'emphasis':
      case 'delete':
      case 'link':
      case 'span':
        inlines(n.children, place, inNote, v);
        break;
      case 'text':
      case 'code':
      case 'noteRef':
      case 'break':
        break;
      default:
        unreachable(n);
    }
  }
}

export function walkBlocks(blocks: readonly Block[], v: Visitor, inNote = false): void {
  for (const b of blocks) {
    v.block?.(b, inNote);
    switch (b.type) {
      case 'heading':
        inlines(b.children, 'heading', inNote, v);
        break;
      case 'paragraph':
        inlines(b.children, inNote ? 'note' : 'paragraph', inNote, v);
        break;
      case 'list':
        for (const item of b.items) walkBlocks(item, v, inNote);
        break;
      case 'blockquote':
        walkBlocks(b.children, v, inNote);
        break;
      case 'table':
        for (const row of [b.header, ...b.rows]) for (const cell of row) inlines(cell.children, 'cell', inNote, v);
        break;
      case 'code':
        break;
      case 'rule':
        break;
      case 'figure':
        // What a figure draws is text too (the glyph check reads it): as a cell's, in the table size.
        for (const text of chartTexts(b.chart)) inlines([{ type: 'text', value: text }], 'cell', inNote, v);
        break;
      default:
        unreachable(b);
    }
  }
}

/** The whole document: its blocks, then its notes. */
export function walk(doc: Pick<Doc, 'blocks' | 'notes'>, v: Visitor): void {
  walkBlocks(doc.blocks, v);
  for (const note of doc.notes) walkBlocks(note.children, v, true);
}

/** The plain text of inline content; a note reference reads as [n]. */
export function textOf(nodes: readonly Inline[]): string {
  let s = '';
  const visit = (list: readonly Inline[]) => {
    for (const n of list) {
      if (n.type === 'text' || n.type === 'code') s += n.value;
      else if (n.type === 'break') s += '\n';
      else if (n.type === 'noteRef') s += `[${n.n}]`;
      else visit(n.children);
    }
  };
  visit(nodes);
  return s;
}

/** The plain text of blocks, one line per paragraph, heading, list item or table row. */
export function blocksText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  walkBlocks(blocks, {
    block(b) {
      if (b.type === 'heading' || b.type === 'paragraph') lines.push(textOf(b.children));
      else if (b.type === 'table')
        for (const row of [b.header, ...b.rows]) lines.push(row.map((c) => textOf(c.children)).join(' | '));
      else if (b.type === 'code') lines.push(b.value);
      else if (b.type === 'figure') lines.push(b.chart.alt);
    },
  });
  return lines.join('\n');
}
