/**
 * Right-to-left text, by the Unicode Bidirectional Algorithm (UAX #9) as
 * bidi-js implements it: embedding levels for a paragraph's characters, the
 * visual order of a line's runs (rule L2), and mirrored brackets on the
 * right-to-left ones. Text with no right-to-left character skips all of it.
 */
import { hasRtl } from './scripts.js';
import { bidi } from './unicode-bidi.js';

/** The embedding level of each UTF-16 unit of `text`; even is left to right. Undefined when all are at the base level. */
export function levelsOf(text: string, base: 'ltr' | 'rtl'): Uint8Array | undefined {
  if (base === 'ltr' && !hasRtl(text)) return undefined;
  return bidi().getEmbeddingLevels(text, base).levels;
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
