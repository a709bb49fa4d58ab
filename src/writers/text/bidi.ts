/**
 * Right-to-left text, by the Unicode Bidirectional Algorithm (UAX #9) as
 * bidi-js implements it: embedding levels for a paragraph's characters, the
 * visual order of a line's runs (rule L2), and mirrored brackets on the
 * right-to-left ones. Text with no right-to-left character skips all of it.
 */
import { urlBreaks } from './breaks.js';
import { hasRtl } from './scripts.js';
import { bidi } from './unicode-bidi.js';

/** Letters (and their marks) of the right-to-left scripts. */
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/** The web addresses in `text` (words urlBreaks takes for one): [start, end) in UTF-16 units. */
export function urlRanges(text: string): [number, number][] {
  return [...text.matchAll(/\S+/g)].filter((m) => urlBreaks(m[0])).map((m) => [m.index, m.index + m[0].length]);
}

/**
 * The embedding level of each UTF-16 unit of `text`; even is left to right. Undefined when all are at the base level.
 * A web address is a left-to-right isolate (UAX #9 LRI ... PDI, as browsers show addresses, issue 37): its
 * neighbours see one neutral, and inside it nothing is reordered: its parts stay left to right at level 2,
 * a right-to-left word in it reads right to left at level 3. The controls are only given to the algorithm.
 */
export function levelsOf(text: string, base: 'ltr' | 'rtl'): Uint8Array | undefined {
  if (base === 'ltr' && !hasRtl(text)) return undefined;
  const urls = urlRanges(text);
  if (!urls.length) return bidi().getEmbeddingLevels(text, base).levels;
  let isolated = '', from = 0;
  for (const [s, e] of urls) {
    isolated += text.slice(from, s) + '\u2066' + text.slice(s, e) + '\u2069';
    from = e;
  }
  const got = bidi().getEmbeddingLevels(isolated + text.slice(from), base).levels;
  const out = new Uint8Array(text.length);
  let shift = 0, u = 0;
  for (let i = 0; i < text.length; i++) {
    while (u < urls.length && i >= urls[u]![1]) u++;
    const inUrl = u < urls.length && i >= urls[u]![0];
    if (inUrl && i === urls[u]![0]) shift++;
    out[i] = inUrl ? (RTL_CHAR.test(text[i]!) ? 3 : 2) : got[i + shift]!;
    if (inUrl && i === urls[u]![1] - 1) shift++;
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
    for (let i = 0; i < order.length; ) {
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
  return /[\p{L}](?<![\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc])/u.test(text.replace(/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/g, '')) ? document : 'rtl';
}

/** Right-to-left languages (by their primary subtag). */
export function languageDirection(lang: string): 'ltr' | 'rtl' {
  return /^(ar|he|iw|fa|ur|ps|sd|ug|yi|dv|ckb|syr)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}
