/**
 * Where lines may break inside text that has no spaces between words
 * (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): at Intl.Segmenter's word
 * boundaries, never before punctuation. And where a word too long for a line
 * may be cut: between grapheme clusters, so that a base letter keeps its
 * marks and a conjunct stays whole.
 */

let words: Intl.Segmenter | undefined;
let graphemes: Intl.Segmenter | undefined;

/** The text cut where a line may break; segments after the first may start a line. */
export function wordSegments(text: string, locale?: string): string[] {
  words ??= new Intl.Segmenter(locale, { granularity: 'word' });
  const out: string[] = [];
  for (const s of words.segment(text)) {
    // Punctuation stays with what comes before it (no line starts with "。" or ")").
    if (out.length && !s.isWordLike) out[out.length - 1] += s.segment;
    else out.push(s.segment);
  }
  return out;
}

/** Grapheme clusters: the smallest pieces a word may be cut into. */
export function graphemeClusters(text: string): string[] {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...graphemes.segment(text)].map((s) => s.segment);
}

/** A web address as running text prints it: a scheme and "://", or "www.", then no spaces. */
const URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$/i;

/**
 * Where a line may break inside a web address (issue 28): after a slash
 * (not between the two of "://"), and before a dot, ?, #, &, = or hyphen,
 * but never right after a hyphen, so that a break cannot read as a word
 * hyphenated at the line's end. Offsets in UTF-16 units; undefined for text
 * that is not an address.
 */
export function urlBreaks(text: string): Set<number> | undefined {
  if (!URL.test(text)) return undefined;
  const out = new Set<number>();
  const scheme = text.indexOf('://');
  const from = scheme >= 0 ? scheme + 3 : 4;
  for (let i = from + 1; i < text.length; i++) {
    const before = text[i - 1]!;
    const here = text[i]!;
    if (before === '-') continue;
    if ((before === '/' && here !== '/') || '.?#&=-'.includes(here)) out.add(i);
  }
  return out;
}
