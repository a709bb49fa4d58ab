/**
 * Web addresses in DOCX break where the PDF breaks them (issue 28): after a
 * slash and before a dot, ?, #, &, = or hyphen (text/breaks.ts, urlBreaks,
 * the one rule), never right after a hyphen. Word and LibreOffice know no
 * markup for a break opportunity, so each such point gets a zero-width space
 * (U+200B), and each hyphen of the address is followed by a word joiner
 * (U+2060), so that no line ends at a hyphen and reads as a word hyphenated
 * there; so is each question mark, after which LibreOffice's line breaking
 * (UAX #14: a break after an exclamation or question mark) would otherwise
 * break too, once the address is set in the theme's embedded font. (Word's own w:noBreakHyphen was tried first: LibreOffice then
 * ignores the zero-width space before it and breaks inside a word.) A
 * link's target, its relationship, is the exact address; only its visible
 * text carries the two invisible characters, which a copy of that text
 * keeps (the PDF breaks by layout alone, and its text copies exactly).
 *
 * An address holding right-to-left words (an Arabic article's) is one run
 * without w:rtl, as the PDF lays it out: its parts left to right, each
 * Arabic word read right to left. The bidirectional algorithm alone would
 * make the words and the hyphens between them one right-to-left run, and
 * reverse their order; an isolate (LRI ... PDI) round the address does not
 * change that, as it only shields the address from the text around it (so
 * LibreOffice showed it reversed). A left-to-right mark (U+200E) where a
 * right-to-left word meets the rest of the address makes each separator
 * left to right, so each word is reversed in place and no further: LibreOffice
 * then lays it out as the PDF does (test/isolates.test.ts), and Word reads
 * the mark too (it is Unicode's, and Word's own Insert > Symbol offers it).
 * An isolate per word (RLI ... PDI) did as well in LibreOffice; the mark is
 * older, and known to every reader of the file. There is no mark after the
 * last right-to-left word: what follows it resolves by the text after the
 * address (left to right in a left-to-right line), and LibreOffice drew a
 * mark there as a gap in the link's underline at the address's end.
 */
import { hasRtl } from '../../shared/direction.js';
import { urlBreaks } from '../text/breaks.js';

export const ZWSP = '\u200b';
export const WORD_JOINER = '\u2060';
export const LRM = '\u200e';

/** The text with every web address in it given its break points; the same text when it holds none. */
export function breakableUrls(text: string): string {
  if (!/:\/\/|www\./i.test(text)) return text;
  return text
    .split(/(\s+)/)
    .map((token) => {
      const breaks = /\s/.test(token) ? undefined : urlBreaks(token);
      if (!breaks) return token;
      // Right-to-left words of an address keep their order left to right: a left-to-right mark where each meets
      // the rest (see the top of this file). An address with none is as before, byte for byte.
      const rtl = hasRtl(token) ? Array.from(token.split(''), (c) => hasRtl(c)) : undefined;
      const last = rtl ? rtl.lastIndexOf(true) : -1;
      const mark = (i: number) => !!rtl && i > 0 && i <= last && rtl[i] !== rtl[i - 1];
      let out = '';
      for (let i = 0; i < token.length; i++) {
        // After a hyphen the mark goes before its word joiner: LibreOffice drew a mark ending a line as a gap.
        if (mark(i) && token[i - 1] !== '-') out += LRM;
        out +=
          (breaks.has(i) ? ZWSP : '') +
          token[i] +
          (token[i] === '-' ? (mark(i + 1) ? LRM : '') + WORD_JOINER : token[i] === '?' ? WORD_JOINER : '');
      }
      return out;
    })
    .join('');
}
