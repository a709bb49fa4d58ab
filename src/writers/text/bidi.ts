/**
 * Right-to-left text, by the Unicode Bidirectional Algorithm (UAX #9) as
 * bidi-js implements it: embedding levels for a paragraph's characters, the
 * visual order of a line's runs (rule L2), and mirrored brackets on the
 * right-to-left ones. Text with no right-to-left character skips all of it.
 */
import type { Attrs, Inline } from '../../doc/tree.js';
import { textOf } from '../../doc/walk.js';
import { languageDirection } from '../../shared/direction.js';
import { urlBreaks } from './breaks.js';
import { hasRtl } from './scripts.js';
import { bidi } from './unicode-bidi.js';

/** Letters (and their marks) of the right-to-left scripts. */
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** The web addresses in `text` (words urlBreaks takes for one): [start, end) in UTF-16 units. */
export function urlRanges(text: string): [number, number][] {
  return [...text.matchAll(/\S+/g)].filter((m) => urlBreaks(m[0])).map((m) => [m.index, m.index + m[0].length]);
}

/** A stretch of a paragraph set apart as a directional isolate: [start, end) in UTF-16 units. */
export interface Isolate {
  start: number;
  end: number;
  dir: 'ltr' | 'rtl';
}

/**
 * The embedding level of each UTF-16 unit of `text`; even is left to right. Undefined when all are at the base level.
 * Each of `isolates` is a UAX #9 isolate (LRI or RLI ... PDI, as HTML's dir attribute makes an element one): a
 * right-to-left headline in a left-to-right line is laid out as a unit, so a digit or a quotation mark at its
 * start or end stays at that end of it, and its neighbours see one neutral. A web address is a left-to-right
 * isolate too (as browsers show addresses, issue 37), and inside it nothing is reordered: its parts stay left to
 * right, a right-to-left word in it reads right to left one level up. The controls are only given to the algorithm.
 */
export function levelsOf(text: string, base: 'ltr' | 'rtl', isolates: readonly Isolate[] = []): Uint8Array | undefined {
  if (base === 'ltr' && !hasRtl(text)) return undefined;
  const urls = urlRanges(text).map(([start, end]): Isolate => ({ start, end, dir: 'ltr' }));
  const crosses = (a: Isolate, b: Isolate) =>
    a.start < b.end &&
    b.start < a.end &&
    !(a.start <= b.start && b.end <= a.end) &&
    !(b.start <= a.start && a.end <= b.end);
  const all = [...urls, ...isolates.filter((i) => i.end > i.start && !urls.some((u) => crosses(u, i)))];
  if (!all.length) return bidi().getEmbeddingLevels(text, base).levels;
  const { marked, at } = withControls(text, all);
  const got = bidi().getEmbeddingLevels(marked, base).levels;
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = got[at[i]!]!;
  for (const u of urls) {
    // An address opens with a Latin letter, which stands at the isolate's own (even) level.
    const own = got[at[u.start]!]! + (got[at[u.start]!]! % 2);
    for (let i = u.start; i < u.end; i++) out[i] = RTL_CHAR.test(text[i]!) ? own + 1 : own;
  }
  return out;
}

/** The text with an isolate initiator before each isolate and a PDI after it (nested ones inside), and where each unit went. */
function withControls(text: string, isolates: readonly Isolate[]): { marked: string; at: Uint32Array } {
  const opens = new Map<number, Isolate[]>(),
    closes = new Map<number, Isolate[]>();
  for (const i of isolates) {
    (opens.get(i.start) ?? opens.set(i.start, []).get(i.start)!).push(i);
    (closes.get(i.end) ?? closes.set(i.end, []).get(i.end)!).push(i);
  }
  const at = new Uint32Array(text.length);
  let marked = '';
  for (let i = 0; i <= text.length; i++) {
    // Inner isolates close first and outer ones open first.
    marked += '\u2069'.repeat(closes.get(i)?.length ?? 0);
    for (const o of (opens.get(i) ?? []).sort((a, b) => b.end - a.end)) marked += o.dir === 'rtl' ? '\u2067' : '\u2066';
    if (i < text.length) {
      at[i] = marked.length;
      marked += text[i];
    }
  }
  return { marked, at };
}

/** A span with a direction of its own is an isolate: its `dir`, else a right-to-left language over text holding right-to-left letters (one object per span, for a style to carry). */
export function isolateOf(attrs: Attrs, children: readonly Inline[]): { isolate?: { dir: 'ltr' | 'rtl' } } {
  if (attrs.dir) return { isolate: { dir: attrs.dir } };
  if (attrs.lang && languageDirection(attrs.lang) === 'rtl' && hasRtl(textOf(children)))
    return { isolate: { dir: 'rtl' } };
  return {};
}

/** The isolates of a paragraph's runs: each span's runs, side by side, as one stretch of the joined text. */
export function isolatesOf(list: readonly { text: string; style: { isolate?: { dir: 'ltr' | 'rtl' } } }[]): Isolate[] {
  const out: Isolate[] = [];
  let offset = 0,
    last: { dir: 'ltr' | 'rtl' } | undefined;
  for (const { text, style } of list) {
    const iso = style.isolate;
    if (iso && iso === last) out[out.length - 1]!.end = offset + text.length;
    else if (iso) out.push({ start: offset, end: offset + text.length, dir: iso.dir });
    last = iso;
    offset += text.length;
  }
  return out;
}

/** Rule L2: the visual order of items with these levels (indexes into the list, left to right). */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  if (!levels.some((l) => l > 0)) return order;
  const max = Math.max(...levels);
  const minOdd = Math.min(...levels.filter((l) => l % 2 === 1).concat(max % 2 === 1 ? [max] : [max + 1]));
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < order.length;) {
      if (levels[order[i]!]! >= level) {
        let j = i;
        while (j < order.length && levels[order[j]!]! >= level) j++;
        order.splice(i, j - i, ...order.slice(i, j).reverse());
        i = j;
      } else i++;
    }
  }
  return order;
}

/** Brackets and other mirrored characters as they look in right-to-left text: "(" becomes ")". */
export function mirrored(text: string): string {
  let out = '';
  for (const ch of text) out += bidi().getMirroredCharacter(ch) ?? ch;
  return out;
}

/** The paragraph's main direction: its own attribute, else right to left when every strong character in it is, else the document's. */
export function mainDirection(text: string, given: 'ltr' | 'rtl' | undefined, document: 'ltr' | 'rtl'): 'ltr' | 'rtl' {
  if (given) return given;
  if (!hasRtl(text)) return document;
  return /[\p{L}](?<![\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc])/u.test(
    text.replace(/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/g, ''),
  )
    ? document
    : 'rtl';
}

/** Right-to-left languages (by their primary subtag): one rule, shared with the view. */
export { languageDirection };
