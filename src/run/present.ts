/**
 * The highest marking actually present in one document, for its band: a
 * document is marked by what it holds, not by the dataset. An item is
 * present when the document cites it (the `fact` a citation carries when
 * rendered for tracked changes: a claim, quote, question, event, a position's
 * cell, the claims of a bottom-line point) or when its own words are in the
 * document's text (a source's title in the notes, a person's name, a
 * quotation). Anything unmarked counts at the dataset's default marking.
 */
import { keyOf, markingsOf, MARKED_SECTIONS, rankIn } from '../data/markings.js';
import type { Dataset, Marked, MarkingWords } from '../data/types.js';
import type { Block, Cell, Doc, Inline } from '../doc/tree.js';
import { textOf, walk, walkBlocks, type Visitor } from '../doc/walk.js';

/** The words of an item that show it is there: what a document prints of it. */
function wordsOf(item: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of [
    'text',
    'title',
    'name',
    'native_name',
    'question',
    'detail',
    'summary',
    'translation',
    'resolution',
  ]) {
    const v = item[key];
    if (typeof v === 'string' && v.trim().length >= 4) out.push(v);
  }
  for (const s of Object.values((item.stances ?? {}) as Record<string, { condition?: string }>))
    if (s.condition) out.push(s.condition);
  return out;
}

const flat = (s: string) =>
  s.normalize('NFC').replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/** What a piece of a document holds: the facts it cites and its text. */
interface Piece {
  facts: Set<string>;
  text: string;
}

function pieceOf(visit: (v: Visitor) => void): Piece {
  const facts = new Set<string>();
  const parts: string[] = [];
  visit({
    block: () => parts.push('\n'),
    inline(n) {
      if (n.type === 'span' && n.attrs.fact) facts.add(n.attrs.fact);
      if (n.type === 'text' || n.type === 'code') parts.push(n.value);
    },
  });
  return { facts, text: flat(parts.join('')) };
}

/** How a piece of a document ranks: the highest marking of what it cites or prints, at least the dataset's default. */
function rankerOf(data: Dataset): (piece: Piece) => number {
  const rank = rankIn(data);
  // What a fact names: an id, an actor (its position), an actor's cell, or the claims of a summary point.
  const byKey = new Map<string, number>();
  for (const section of MARKED_SECTIONS)
    for (const item of (data[section] ?? []) as Marked[]) byKey.set(keyOf(item).replace(/^actor:/, ''), rank(item));
  for (const p of data.brief.summary ?? []) byKey.set(`claims:${p.claims.join('+')}`, rank(p));
  const worded: { rank: number; words: string[] }[] = [];
  for (const section of MARKED_SECTIONS) {
    for (const item of (data[section] ?? []) as unknown as (Marked & Record<string, unknown>)[])
      worded.push({ rank: rank(item), words: wordsOf(item).map(flat) });
  }
  for (const p of data.brief.summary ?? []) worded.push({ rank: rank(p), words: [flat(p.text)] });
  const base = rank({});
  return ({ facts, text }) => {
    let top = base;
    for (const fact of facts) {
      // A group of actors (a category's actors on a question): each one's position.
      const keys = fact.startsWith('actors:') ? fact.slice(7).split('+') : [fact, fact.split('/')[0]!];
      for (const k of keys) top = Math.max(top, byKey.get(k) ?? base);
    }
    for (const w of worded) if (w.rank > top && w.words.some((x) => text.includes(x))) top = w.rank;
    return top;
  };
}

/**
 * A table row about an actor (its first cell is the actor's name, as in the
 * matrix) holds that actor's position: each of its cells ranks at least as
 * the position does.
 */
function rowRanker(data: Dataset): (row: Cell[]) => number {
  const rank = rankIn(data);
  const byName = new Map<string, number>();
  for (const p of data.positions) {
    const actor = data.actors.find((a) => a.id === p.actor);
    for (const name of [actor?.name, actor?.short_name, actor?.name_in_sentence])
      if (name) byName.set(flat(name), Math.max(byName.get(flat(name)) ?? 0, rank(p)));
  }
  return (row) => (row[0] ? (byName.get(flat(textOf(row[0].children))) ?? 0) : 0);
}

/** Every table row of a document (its body rows, in the body and the notes). */
function rowsOf(doc: Doc): Cell[][] {
  const rows: Cell[][] = [];
  walk(doc, { block: (b) => b.type === 'table' && rows.push(...b.rows) });
  return rows;
}

/**
 * The marking of a document made from `data` (an audience's variant, or the
 * whole dataset): `cited` is the document rendered with its facts.
 * Undefined when the dataset declares no markings.
 */
export function presentMarking(data: Dataset, cited: Doc): MarkingWords | undefined {
  const markings = markingsOf(data);
  if (!markings.length) return undefined;
  const rowRank = rowRanker(data);
  const top = Math.max(rankerOf(data)(pieceOf((v) => walk(cited, v))), ...rowsOf(cited).map(rowRank));
  return markings[Math.min(top, markings.length - 1)];
}

/**
 * Portion markings: each paragraph (in the body, a quotation, a list item or
 * a note) and each table body cell of `cited` starts with the portion
 * marking of what it holds, "(OS) " (the marking's word where it has no
 * portion mark). Changes `cited` in place.
 */
export function markPortions(data: Dataset, cited: Doc): void {
  const markings = markingsOf(data);
  if (!markings.length) return;
  const rankOf = rankerOf(data);
  const rowRank = rowRanker(data);
  const mark = (children: Inline[], least = 0) => {
    if (!children.length) return;
    const m =
      markings[
        Math.min(
          Math.max(least, rankOf(pieceOf((v) => walkBlocks([{ type: 'paragraph', children }], v)))),
          markings.length - 1,
        )
      ]!;
    children.unshift({ type: 'text', value: `(${m.portion ?? m.word}) ` });
  };
  const blocks = (list: Block[]) => {
    for (const b of list) {
      if (b.type === 'paragraph') mark(b.children);
      else if (b.type === 'list') b.items.forEach(blocks);
      else if (b.type === 'blockquote') blocks(b.children);
      else if (b.type === 'table') {
        for (const row of b.rows) {
          const least = rowRank(row);
          for (const cell of row) mark(cell.children, least);
        }
      }
    }
  };
  blocks(cited.blocks);
  for (const note of cited.notes) blocks(note.children);
}
