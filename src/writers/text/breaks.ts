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
