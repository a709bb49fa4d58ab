/**
 * A position category as the documents show it: its symbol and word, never
 * colour alone, marked with the category id (an attribute span) so that a
 * table cell holding it is filled with the theme's colour for it, and no
 * writer has to recognise the symbol. Words and meanings come from the
 * dataset's vocabulary; the symbol from the theme (or the vocabulary, or the
 * category it is declared like).
 */
import { senseOf, type OnDimension, type Vocabulary } from '../data/vocabulary.js';
import { md } from '../shared/markdown.js';
import { own } from '../shared/own.js';
import type { Theme } from '../shared/theme.js';

export interface CategoryView {
  id: string;
  label: string;
  /** The symbol alone, marked with the category. */
  symbol: string;
  meaning: string;
  /** Symbol and word, joined by no-break spaces, marked with the category: "◐ Open". */
  text: string;
  /** What the answer says where the vocabulary says so (refusal, undecided, conditional, support), else null. */
  stance: string | null;
  /** Whether the dimension gives the category words of its own (its legend lists them under the question). */
  own_words: boolean;
}

/** The span that carries a category id (and the tone its cell takes, where the vocabulary gives one) through the Markdown to the document tree. */
export function categorySpan(id: string, content: string, tone?: string | null): string {
  return `<span data-category="${id}"${tone ? ` data-tone="${tone}"` : ''}>${content}</span>`;
}

/** The category's look: its own entry in the theme, else the one it is like. */
export function themeCategory(
  theme: Theme,
  vocabulary: Vocabulary,
  id: string,
): { symbol: string; fill: string } | undefined {
  const like = vocabulary.categories.get(id)?.like;
  return own(theme.categories, id) ?? (like ? own(theme.categories, like) : undefined);
}

/** The category as shown; `meaning` and `word` as a dimension gives them, where it does. */
export function categoryView(id: string, theme: Theme, vocabulary: Vocabulary, on: OnDimension = {}): CategoryView {
  const words = vocabulary.categories.get(id);
  const label = on.word ?? words?.word ?? id;
  const meaning = on.meaning ?? words?.meaning ?? '';
  // The cell's fill follows the category, or the category it is declared like, unless a tone says otherwise (writers/style.ts decides).
  const span = own(theme.categories, id) ? id : (words?.like ?? id);
  const { stance, tone } = senseOf(vocabulary, id, on);
  const symbol = md(words?.symbol ?? themeCategory(theme, vocabulary, id)?.symbol ?? '');
  // Non-breaking spaces: a category never wraps between its symbol and its words, nor inside its words.
  const text = `${symbol ? `${symbol}\u00a0` : ''}${md(label).replace(/ /g, '\u00a0')}`;
  return {
    id,
    label: md(label),
    symbol: categorySpan(span, symbol, tone),
    meaning: md(meaning),
    text: categorySpan(span, text, tone),
    stance,
    own_words: !!(on.word || on.meaning),
  };
}
