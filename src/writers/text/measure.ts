/**
 * The width of a plain string as the fonts would set it, character by
 * character in the family that draws each (the one fallback rule), without
 * shaping or kerning: for what a writer sizes before a word processor lays
 * the text out (the DOCX bands and table columns).
 */
import type { Face } from './load.js';
import type { FontSet, Role } from './fonts.js';
import { scriptsOf } from './scripts.js';

/** Width in points of `text` at `size` points. */
export function plainWidth(fonts: FontSet, role: Role, face: Face, text: string, size: number): number {
  // Each character in the font of its script run (itemised as the writers set it).
  const scripts = scriptsOf(text);
  let em = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const font = fonts.familyFor(role, cp, scripts?.[i] ?? null).faces[face].font;
    em += font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
    i += cp > 0xffff ? 2 : 1;
  }
  return em * size;
}

/** Where words begin, as the language's word breaks find them (spaces in Latin text, dictionary breaks in Thai or Chinese). */
const WORDS = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * A running head cut to fit `width` points at the end of a word, with an
 * ellipsis ("… and the…", never "… and T…"), a trailing comma or dash
 * dropped; whole when it fits; cut inside its first word only when that
 * word alone is wider than the room.
 */
export function cutAtWord(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const ends = [...WORDS.segment(text)].filter((s) => s.isWordLike).map((s) => s.index + s.segment.length);
  for (let k = ends.length - 1; k >= 0; k--) {
    const cut = text.slice(0, ends[k]).replace(/[\s,;:–—-]+$/u, '');
    if (cut && measure(cut + '…') <= width) return cut + '…';
  }
  return fitWidth(text, width, measure);
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The text cut with an ellipsis to fit `width` points (whole when it fits):
 * the one cutter of both writers' bands (`cutAtWord` falls back to it
 * when a running head's first word alone is too wide). It cuts between graphemes (never
 * inside a surrogate pair or between a letter and its marks), drops the
 * spaces and a comma, semicolon or colon left before the ellipsis, and keeps
 * at least one grapheme however narrow the room.
 */
export function fitWidth(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const parts = Array.from(GRAPHEMES.segment(text), (g) => g.segment);
  const cut = (n: number) =>
    parts
      .slice(0, n)
      .join('')
      .trimEnd()
      .replace(/[,;:]$/, '')
      .trimEnd() + '…';
  // The longest start that fits: a cut's width grows with its length, so halving finds it in a few measures.
  let lo = 1;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(cut(mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}
