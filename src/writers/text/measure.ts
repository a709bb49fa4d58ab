/**
 * The width of a plain string as the fonts would set it, character by
 * character in the family that draws each (the one fallback rule), without
 * shaping or kerning: for what a writer sizes before a word processor lays
 * the text out (the DOCX bands and table columns).
 */
import type { Face } from './load.js';
import type { FontSet, Role } from './fonts.js';

/** Width in points of `text` at `size` points. */
export function plainWidth(fonts: FontSet, role: Role, face: Face, text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const font = fonts.familyFor(role, cp).faces[face].font;
    em += font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
  }
  return em * size;
}

/** The text cut with an ellipsis to fit `width` points (whole when it fits). */
export function fitWidth(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 1 && measure(chars.slice(0, n).join('').trimEnd() + '…') > width) n--;
  return chars.slice(0, n).join('').trimEnd() + '…';
}
