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
import type { Doc } from '../doc/tree.js';
import { walk } from '../doc/walk.js';

/** The words of an item that show it is there: what a document prints of it. */
function wordsOf(item: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['text', 'title', 'name', 'native_name', 'question', 'detail', 'summary', 'translation', 'resolution']) {
    const v = item[key];
    if (typeof v === 'string' && v.trim().length >= 4) out.push(v);
  }
  for (const s of Object.values((item.stances ?? {}) as Record<string, { condition?: string }>)) if (s.condition) out.push(s.condition);
  return out;
}

const flat = (s: string) => s.normalize('NFC').replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

function factsAndText(doc: Doc): { facts: Set<string>; text: string } {
  const facts = new Set<string>();
  const parts: string[] = [];
  walk(doc, {
    block: () => parts.push('\n'),
    inline(n) {
      if (n.type === 'span' && n.attrs.fact) facts.add(n.attrs.fact);
      if (n.type === 'text' || n.type === 'code') parts.push(n.value);
    },
  });
  return { facts, text: flat(parts.join('')) };
}

/**
 * The marking of a document made from `data` (an audience's variant, or the
 * whole dataset): `cited` is the document rendered with its facts.
 * Undefined when the dataset declares no markings.
 */
export function presentMarking(data: Dataset, cited: Doc): MarkingWords | undefined {
  const markings = markingsOf(data);
  if (!markings.length) return undefined;
  const rank = rankIn(data);
  const { facts, text } = factsAndText(cited);
  // What a fact names: an id, an actor (its position), an actor's cell, or the claims of a summary point.
  const byKey = new Map<string, number>();
  for (const section of MARKED_SECTIONS) for (const item of (data[section] ?? []) as Marked[]) byKey.set(keyOf(item).replace(/^actor:/, ''), rank(item));
  for (const p of data.brief.summary ?? []) byKey.set(`claims:${p.claims.join('+')}`, rank(p));
  let top = rank({});
  for (const fact of facts) {
    const r = byKey.get(fact) ?? byKey.get(fact.split('/')[0]!);
    if (r !== undefined) top = Math.max(top, r);
  }
  for (const section of MARKED_SECTIONS) {
    for (const item of (data[section] ?? []) as unknown as (Marked & Record<string, unknown>)[]) {
      if (rank(item) > top && wordsOf(item).some((w) => text.includes(flat(w)))) top = rank(item);
    }
  }
  for (const p of data.brief.summary ?? []) if (rank(p) > top && text.includes(flat(p.text))) top = rank(p);
  return markings[Math.min(top, markings.length - 1)];
}
