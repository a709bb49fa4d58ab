/**
 * Web addresses in DOCX break where the PDF breaks them (issue 28): after a
 * slash and before a dot, ?, #, &, = or hyphen (text/breaks.ts, urlBreaks,
 * the one rule), never right after a hyphen. Word and LibreOffice know no
 * markup for a break opportunity, so each such point gets a zero-width space
 * (U+200B), and each hyphen of the address is followed by a word joiner
 * (U+2060), so that no line ends at a hyphen and reads as a word hyphenated
 * there. (Word's own w:noBreakHyphen was tried first: LibreOffice then
 * ignores the zero-width space before it and breaks inside a word.) A
 * link's target, its relationship, is the exact address; only its visible
 * text carries the two invisible characters, which a copy of that text
 * keeps (the PDF breaks by layout alone, and its text copies exactly).
 */
import { urlBreaks } from '../text/breaks.js';

export const ZWSP = '\u200b';
export const WORD_JOINER = '\u2060';

/** The text with every web address in it given its break points; the same text when it holds none. */
export function breakableUrls(text: string): string {
  if (!/:\/\/|www\./i.test(text)) return text;
  return text.split(/(\s+)/).map((token) => {
    const breaks = /\s/.test(token) ? undefined : urlBreaks(token);
    if (!breaks) return token;
    let out = '';
    for (let i = 0; i < token.length; i++) out += (breaks.has(i) ? ZWSP : '') + token[i] + (token[i] === '-' ? WORD_JOINER : '');
    return out;
  }).join('');
}
