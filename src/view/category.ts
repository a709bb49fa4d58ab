/**
 * A position category as the documents show it: its symbol and word, never
 * colour alone, marked with the category id (an attribute span) so that a
 * table cell holding it is filled with the theme's colour for it, and no
 * writer has to recognise the symbol.
 */
import type { Category } from '../data/types.js';
import { md } from '../shared/markdown.js';
import { own } from '../shared/own.js';
import type { Theme } from '../shared/theme.js';
import { CATEGORY_LABELS } from './labels.js';

export interface CategoryView {
  id: Category;
  label: string;
  /** The symbol alone, marked with the category. */
  symbol: string;
  meaning: string;
  /** Symbol and word, joined by no-break spaces, marked with the category: "◐ Open". */
  text: string;
}

/** The span that carries a category id through the Markdown to the document tree. */
export function categorySpan(id: string, content: string): string {
  return `<span data-category="${id}">${content}</span>`;
}

export function categoryView(id: Category, theme: Theme): CategoryView {
  const { label, meaning } = CATEGORY_LABELS[id];
  const symbol = md(own(theme.categories, id)?.symbol ?? '');
  // Non-breaking spaces: a category never wraps between its symbol and its words.
  return { id, label, symbol: categorySpan(id, symbol), meaning, text: categorySpan(id, `${symbol}\u00a0${label.replace(/ /g, '\u00a0')}`) };
}
