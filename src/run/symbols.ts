/**
 * --check: two categories the matrix uses that show the same symbol. A cell
 * shows its category as a symbol and a word, and the legend explains the
 * symbols; a symbol that stands for two categories explains neither (a
 * declared category `like: "yes"` without a symbol of its own borrows ✓).
 */
import type { CheckedDataset } from '../data/check.js';
import { dimensionCategories, vocabularyOf } from '../data/vocabulary.js';
import type { Diagnostic } from '../shared/diagnostics.js';
import type { Segment } from '../shared/yaml.js';
import type { Theme } from '../shared/theme.js';
import { themeCategory } from '../view/category.js';

export function symbolWarnings(dataset: CheckedDataset, theme: Theme): Diagnostic[] {
  const { data, map } = dataset;
  const vocabulary = vocabularyOf(data);
  const first = new Map<string, string>();
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  data.dimensions.forEach((dim, i) =>
    dimensionCategories(dim).forEach((c, j) => {
      if (seen.has(c.id)) return;
      seen.add(c.id);
      const symbol = vocabulary.categories.get(c.id)?.symbol ?? themeCategory(theme, vocabulary, c.id)?.symbol;
      if (!symbol) return;
      const other = first.get(symbol);
      if (other === undefined) {
        first.set(symbol, c.id);
        return;
      }
      const declared = data.vocabulary?.categories?.[c.id];
      const at: Segment[] = declared
        ? ['vocabulary', 'categories', c.id, ...(declared.symbol ? ['symbol'] : [])]
        : ['dimensions', i, 'categories', j];
      out.push({
        ...map.at(
          at,
          'ref/symbol',
          `category ${c.id} shows the symbol ${symbol}, as ${other} does: a reader cannot tell them apart by it`,
          {
            hint: `give ${c.id} a symbol of its own in vocabulary.categories (symbol: "◆"), or in the theme's categories`,
          },
        ),
        severity: 'warning',
      });
    }),
  );
  return out;
}
