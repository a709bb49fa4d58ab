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
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const font = fonts.familyFor(role, cp, scripts?.[i] ?? null).faces[face].font;
    em += font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
    i += cp > 0xffff ? 2 : 1;
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
